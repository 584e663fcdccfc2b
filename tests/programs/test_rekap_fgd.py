"""The FGD recap page: numbers checked against the hand-counted fixture `fgd_data` (tests/programs/conftest.py)."""

from decimal import Decimal

import pytest

from programs.selectors import RekapJumlah, RekapSatuan, rekap_fgd
from tests.access import LOGIN, assert_access

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
    assert [g.pilar for g in recap.pilar] == ["santripreneur", "pesantrenpreneur", "sociopreneur"]

    santri, group = _indicator(recap, "santripreneur", "Santripreneur")
    rows = {r.opd: r for r in santri.rows}
    assert set(rows) == {"Dinas Kominfo", "Dinas Pendidikan"}
    kominfo, dindik = rows["Dinas Kominfo"], rows["Dinas Pendidikan"]
    assert (kominfo.target, kominfo.pagu, kominfo.status) == (120, 180 * JT, "draf")
    assert (kominfo.target_lalu, kominfo.realisasi_lalu, kominfo.capaian_lalu) == (100, 70, Decimal("70.00"))
    assert (kominfo.pagu_lalu, kominfo.terserap_lalu, kominfo.serapan_lalu) == (
        150 * JT,
        100 * JT,
        Decimal("66.67"),
    )
    assert (dindik.target, dindik.pagu, dindik.status) == (250, 350 * JT, "diajukan")
    assert (dindik.target_lalu, dindik.realisasi_lalu, dindik.capaian_lalu) == (200, 150, Decimal("75.00"))
    assert santri.target_per_satuan == (
        RekapSatuan(
            satuan="orang",
            satuan_label="orang",
            target=370,
            target_lalu=300,
            realisasi_lalu=220,
            capaian_lalu=Decimal("73.33"),
        ),
    )
    assert (santri.totals.pagu, santri.totals.pagu_lalu, santri.totals.terserap_lalu) == (
        530 * JT,
        450 * JT,
        350 * JT,
    )
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
    assert row.capaian_lalu is None

    assert recap.total == RekapJumlah(
        kegiatan=4,
        pagu=870 * JT,
        kegiatan_lalu=3,
        pagu_lalu=650 * JT,
        terserap_lalu=400 * JT,
    )
    assert recap.serapan_lalu == Decimal("61.54")
    assert recap.status_rencana == (("Draf", 1), ("Diajukan", 1))


def test_verified_only_leaves_out_unverified_plans(fgd_data, staf):
    recap = rekap_fgd(staf, 2024, verified_only=True)
    assert recap.total.pagu == 0 and recap.total.pagu_lalu == 650 * JT


def test_petugas_recap_counts_only_own_opd(fgd_data, petugas_a):
    recap = rekap_fgd(petugas_a, 2024)
    assert recap.total.pagu == 430 * JT and recap.total.pagu_lalu == 350 * JT
    opds = {r.opd for g in recap.pilar for i in g.indikator for r in i.rows}
    assert opds == {"Dinas Kominfo"}


def test_recap_page_shows_the_totals(as_persona, fgd_data):
    html = as_persona("pimpinan").get("/program/rekap-fgd/?tahun=2024").content.decode()
    assert "Rp 870.000.000" in html and "Rp 650.000.000" in html and "61,5\u00a0%" in html
    assert "73,3\u00a0%" in html and "Dinas Pendidikan" in html
    assert 'src="/static/js/print.js"' in html and "<script>" not in html  # no inline script


def test_petugas_page_hides_other_opds(as_persona, fgd_data):
    html = as_persona("petugas_a").get("/program/rekap-fgd/?tahun=2024").content.decode()
    assert "Dinas Pendidikan" not in html and "Rp 430.000.000" in html


def test_bad_year_falls_back_to_latest_plan_year(as_persona, fgd_data):
    response = as_persona("staf").get("/program/rekap-fgd/?tahun=abc")
    assert response.context["recap"].tahun == 2024


def test_recap_query_count_is_bounded(as_persona, fgd_data, django_assert_max_num_queries):
    client = as_persona("staf")
    with django_assert_max_num_queries(10):
        client.get("/program/rekap-fgd/?tahun=2024")
