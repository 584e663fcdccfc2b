"""The FGD recap page: numbers checked against the hand-counted fixture `fgd_data` (tests/programs/conftest.py),
and every capaian recomputed from the printed columns (tests/programs/recap_reading.py)."""

import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from programs import services
from programs.capaian import Keadaan
from programs.models import Realisasi, Rencana
from programs.selectors import RekapJumlah, RekapSatuan, rekap_fgd
from tests.access import LOGIN, assert_access
from tests.programs.factories import line_data, realisasi_data
from tests.programs.recap_reading import check_screen, recap_table_rows

MATRIX = {"anonymous": LOGIN, "admin": 200, "staf": 200, "pimpinan": 200, "petugas_a": 200, "petugas_b": 200}
JT = Decimal(1_000_000)


@pytest.mark.parametrize("persona", MATRIX)
def test_recap_access(persona, as_persona, db):
    assert_access(as_persona(persona).get("/program/rekap-fgd/?tahun=2024"), MATRIX[persona])


def _indicator(recap, pilar, nama):
    group = next(g for g in recap.pilar if g.pilar == pilar)
    return next(i for i in group.indikator if i.nama == nama), group


def test_recap_numbers_equal_the_hand_count(fgd_data, staf):
    recap = rekap_fgd(staf, 2024)
    assert (recap.triwulan_lalu, recap.batas_lalu) == (4, datetime.date(2024, 1, 15))
    assert [g.pilar for g in recap.pilar] == ["santripreneur", "pesantrenpreneur", "sociopreneur"]

    santri, group = _indicator(recap, "santripreneur", "Santripreneur")
    rows = {r.opd: r for r in santri.rows}
    assert set(rows) == {"Dinas Kominfo", "Dinas Pendidikan"}
    kominfo, dindik = rows["Dinas Kominfo"], rows["Dinas Pendidikan"]
    assert (kominfo.target, kominfo.pagu, kominfo.status, kominfo.status_label) == (120, 180 * JT, "draf", "Draf")
    assert (kominfo.target_lalu, kominfo.target_sd_lalu, kominfo.realisasi_lalu) == (100, 100, 70)
    assert (kominfo.capaian_lalu, kominfo.capaian_tahun_lalu, kominfo.keadaan_lalu) == (
        Decimal("70.00"),
        Decimal("70.00"),
        Keadaan.DINILAI,
    )
    assert (kominfo.pagu_lalu, kominfo.terserap_lalu, kominfo.serapan_lalu) == (150 * JT, 100 * JT, Decimal("66.67"))
    # Dindik's 2023 plan is verified, TW IV's deadline passed, no report: its own state, no percentage.
    assert (dindik.target, dindik.pagu, dindik.status) == (250, 350 * JT, "diajukan")
    assert (dindik.keadaan_lalu, dindik.keadaan_label) == (Keadaan.BELUM_MELAPOR, "Belum melapor")
    assert (dindik.target_lalu, dindik.realisasi_lalu, dindik.capaian_lalu, dindik.serapan_lalu) == (
        200,
        None,
        None,
        None,
    )
    assert santri.target_per_satuan == (
        RekapSatuan(
            satuan="orang",
            satuan_label="orang",
            target=370,
            target_lalu=100,
            target_sd_lalu=100,
            realisasi_lalu=70,
            capaian_lalu=Decimal("70.00"),
            capaian_tahun_lalu=Decimal("70.00"),
            dinilai=1,
            belum_melapor=1,
        ),
    )
    assert (santri.totals.pagu, santri.totals.pagu_lalu, santri.totals.pagu_dinilai_lalu) == (
        530 * JT,
        450 * JT,
        150 * JT,
    )
    assert (santri.totals.terserap_lalu, santri.totals.belum_melapor) == (100 * JT, 1)
    assert group.totals.pagu == 530 * JT

    produk, group = _indicator(recap, "pesantrenpreneur", "Produk unggulan")
    [row] = produk.rows
    assert (row.opd, row.satuan, row.target, row.pagu) == ("Dinas Kominfo", "produk", 60, 250 * JT)
    assert (row.target_lalu, row.realisasi_lalu, row.capaian_lalu, row.band_lalu) == (
        50,
        20,
        Decimal("40.00"),
        "sangat_rendah",
    )

    socio, group = _indicator(recap, "sociopreneur", "Sociopreneur")
    [row] = socio.rows
    assert (row.opd, row.satuan, row.target, row.pagu, row.kegiatan_lalu) == (
        "Dinas Pendidikan",
        "kelompok",
        10,
        90 * JT,
        0,
    )
    assert row.capaian_lalu is None and row.keadaan_lalu is None

    assert recap.total == RekapJumlah(
        kegiatan=4,
        pagu=870 * JT,
        kegiatan_lalu=3,
        pagu_lalu=650 * JT,
        pagu_dinilai_lalu=350 * JT,
        terserap_lalu=150 * JT,
        kas_dinilai_lalu=350 * JT,  # judged at TW IV: the anggaran kas due is the whole pagu
        dinilai=2,
        belum_melapor=1,
    )
    assert recap.serapan_lalu == Decimal("42.86")
    assert recap.status_rencana == (("Draf", 1), ("Diajukan", 1))


def test_a_report_submitted_brings_the_row_into_the_sums(fgd_data, b_reports, staf):
    recap = rekap_fgd(staf, 2024)
    santri, _group = _indicator(recap, "santripreneur", "Santripreneur")
    [unit] = santri.target_per_satuan
    assert (unit.target_lalu, unit.realisasi_lalu, unit.capaian_lalu, unit.dinilai, unit.belum_melapor) == (
        300,
        220,
        Decimal("73.33"),
        2,
        0,
    )
    assert (recap.total.pagu_dinilai_lalu, recap.total.terserap_lalu, recap.serapan_lalu) == (
        650 * JT,
        400 * JT,
        Decimal("61.54"),
    )


def test_verified_only_leaves_out_unverified_plans(fgd_data, staf):
    recap = rekap_fgd(staf, 2024, verified_only=True)
    assert recap.total.pagu == 0 and recap.total.pagu_lalu == 650 * JT


def test_petugas_recap_counts_only_own_opd(fgd_data, petugas_a):
    recap = rekap_fgd(petugas_a, 2024)
    assert recap.total.pagu == 430 * JT and recap.total.pagu_lalu == 350 * JT
    opds = {r.opd for g in recap.pilar for i in g.indikator for r in i.rows}
    assert opds == {"Dinas Kominfo"}


def test_recap_page_shows_the_totals_and_the_status_column(as_persona, fgd_data, b_reports):
    html = as_persona("pimpinan").get("/program/rekap-fgd/?tahun=2024").content.decode()
    assert "Rp 870.000.000" in html and "Rp 650.000.000" in html and "61,54\u00a0%" in html
    assert "73,33\u00a0%" in html and "Dinas Pendidikan" in html
    assert "Status rencana 2024" in html and "Target tahunan" in html and "Target s.d. TW IV" in html
    assert 'src="/static/js/print.js"' in html and "<script>" not in html  # no inline script


def test_every_printed_capaian_and_total_reconciles(as_persona, fgd_data, b_reports):
    html = as_persona("staf").get("/program/rekap-fgd/?tahun=2024").content.decode()
    rows, sums = check_screen(html)
    assert (rows, sums) == (3, 3 + 3 + 1)  # judged rows; sums: 3 indicator × satuan, 3 pillars, the grand total


def test_belum_melapor_is_grey_without_a_percentage_and_out_of_the_totals(as_persona, fgd_data):
    html = as_persona("staf").get("/program/rekap-fgd/?tahun=2024").content.decode()
    [late] = [r for r in recap_table_rows(html) if r["keadaan"] == "belum_melapor"]
    assert "Dinas Pendidikan" in late["text"] and "Belum melapor TW IV" in late["text"] and "%" not in late["text"]
    assert 'class="badge keadaan-badge keadaan-belum_melapor"' in html
    check_screen(html)  # the sums hold without it
    assert 'data-belum-melapor="1"' in html


def test_mid_year_capaian_divides_the_target_to_date_printed_beside_it(as_persona, fgd_data, petugas_a, monkeypatch):
    """1 Aug 2023: TW II is the last quarter due, so 2023's target to date differs from the yearly target."""
    a23 = Rencana.objects.get(opd=petugas_a.opd, tahun=2023)
    santri, produk = a23.kegiatan.order_by("id")
    services.realisasi_save(
        actor=petugas_a, kegiatan=produk, triwulan=2, data=realisasi_data(output=20, anggaran_terserap=50 * JT)
    )
    services.laporan_submit(actor=petugas_a, rencana=a23, triwulan=2)
    monkeypatch.setattr(timezone, "localdate", lambda *a: datetime.date(2023, 8, 1))
    response = as_persona("staf").get("/program/rekap-fgd/?tahun=2024")
    recap = response.context["recap"]
    assert recap.triwulan_lalu == 2
    row = next(r for g in recap.pilar for i in g.indikator for r in i.rows if r.satuan == "produk")
    assert (row.target_lalu, row.target_sd_lalu, row.realisasi_lalu) == (50, 24, 20)
    assert (row.capaian_lalu, row.capaian_tahun_lalu) == (Decimal("83.33"), Decimal("40.00"))
    html = response.content.decode()
    assert "Target s.d. TW II" in html
    judged, _sums = check_screen(html)
    assert judged == 2  # Kominfo's two lines; Dindik has not reported TW II


def test_before_any_quarter_is_due_the_columns_say_tw_dash_as_the_xlsx_does(as_persona, fgd_data, monkeypatch):
    """1 Mar 2023: no report of 2023 is due yet. The page once printed "Target s.d. TW 0" where the XLSX says "TW -"."""
    monkeypatch.setattr(timezone, "localdate", lambda *a: datetime.date(2023, 3, 1))
    response = as_persona("staf").get("/program/rekap-fgd/?tahun=2024")
    assert response.context["recap"].triwulan_lalu == 0
    html = response.content.decode()
    assert "TW 0" not in html
    assert "Target s.d. TW -" in html and "belum ada laporan triwulan yang jatuh tempo" in html
    book = load_workbook(io.BytesIO(as_persona("staf").get("/program/rekap-fgd.xlsx?tahun=2024").content))
    assert "Target s.d. TW - 2023" in [cell.value for cell in book.worksheets[0][1]]


def test_petugas_page_hides_other_opds(as_persona, fgd_data):
    html = as_persona("petugas_a").get("/program/rekap-fgd/?tahun=2024").content.decode()
    assert "Dinas Pendidikan" not in html and "Rp 430.000.000" in html


def test_bad_year_falls_back_to_latest_plan_year(as_persona, fgd_data):
    response = as_persona("staf").get("/program/rekap-fgd/?tahun=abc")
    assert response.context["recap"].tahun == 2024


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_recap_query_count_is_bounded_and_equal_at_two_sizes(as_persona, fgd_data, petugas_a, opd_a, staf):
    client = as_persona("staf")
    url = "/program/rekap-fgd/?tahun=2024"
    small = _queries(client, url)
    a24 = Rencana.objects.get(opd=opd_a, tahun=2024)
    for index in range(6):  # more lines, indicators' satuan, problems and marks
        services.kegiatan_create(actor=petugas_a, rencana=a24, data=line_data(target=10 + index, satuan="paket"))
    a23 = Rencana.objects.get(opd=opd_a, tahun=2023)
    for realisasi in Realisasi.objects.filter(kegiatan__rencana=a23):
        services.kendala_mark(actor=staf, realisasi=realisasi, masuk_agenda=True)
    assert _queries(client, url) == small <= 16  # + both years' angka tetap lookups
