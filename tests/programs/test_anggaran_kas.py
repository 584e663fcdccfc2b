"""Anggaran kas (issue 29): a plan line's pagu has a planned disbursement per quarter, split evenly over the planned
quarters unless the officer sets it, adding up to the pagu. Spending to date is judged against the disbursement due
by then, with the same bands as the output; the split is copied with the plan and travels in its XLSX."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from opop.common.achievement import Band
from opop.common.reader_language import shown
from opop.wilayah.models import KabupatenKota
from programs import services
from programs.capaian import Keadaan
from programs.models import Kegiatan, Status
from tests.programs.factories import first_kegiatan, line_data, line_post, make_plan, realisasi_data
from tests.programs.test_kegiatan_upload_split import _counts, _upload, _write

PAGU = 525_000_000


def _line(petugas, rencana, **kas):
    data = line_data(
        kode_sipd="",
        level_sipd="",
        uraian="Fasilitasi sertifikasi halal",
        triwulan="1234",
        pagu=Decimal(PAGU),
        lokasi=list(KabupatenKota.objects.filter(kode="35.78")),
    )
    if kas:
        data.update(kas, kas_dibagi_rata=False)
    return services.kegiatan_create(actor=petugas, rencana=rencana, data=data)


@pytest.fixture
def empty_2025(petugas_a, opd_a):
    return services.rencana_create(actor=petugas_a, opd=opd_a, tahun=2025)


# ---------------------------------------------------------------- the judgement (Done-when 4)


def test_first_quarter_spending_is_judged_against_the_disbursement_due_by_then(petugas_a, opd_a, staf):
    rencana = make_plan(
        actor=petugas_a, opd=opd_a, status=Status.DIVERIFIKASI, verifier=staf, line_overrides=[{"pagu": PAGU}]
    )
    line = first_kegiatan(rencana)
    assert line.kas_split == (131_250_000,) * 4 and line.kas_dibagi_rata
    saved = services.realisasi_save(
        actor=petugas_a, kegiatan=line, triwulan=1, data=realisasi_data(anggaran_terserap=Decimal(95_000_000))
    )
    keuangan = saved.keuangan
    assert (keuangan.keadaan, keuangan.target_sd, keuangan.target_tahun) == (Keadaan.DINILAI, 131_250_000, PAGU)
    assert keuangan.persen == Decimal("72.38") and keuangan.band == Band.SEDANG  # not 18,10 % sangat rendah
    assert saved.keuangan_persen_tahun == Decimal("18.10")


def test_the_plan_page_shows_spending_against_the_kas_to_date_and_the_pagu(as_persona, petugas_a, opd_a, staf):
    rencana = make_plan(
        actor=petugas_a, opd=opd_a, status=Status.DIVERIFIKASI, verifier=staf, line_overrides=[{"pagu": PAGU}]
    )
    services.realisasi_save(
        actor=petugas_a,
        kegiatan=first_kegiatan(rencana),
        triwulan=1,
        data=realisasi_data(anggaran_terserap=Decimal(95_000_000)),
    )
    html = as_persona("pimpinan").get(f"/program/{rencana.pk}/").content.decode()
    assert "72,4\u00a0%" in html and "Sedang" in html and "Rp 131.250.000" in html
    assert "18,1\u00a0% dari pagu" in html


def test_an_own_disbursement_moves_the_judgement(petugas_a, opd_a, staf):
    rencana = make_plan(actor=petugas_a, opd=opd_a, status=Status.DRAF)
    line = _line(
        petugas_a,
        rencana,
        kas_tw1=Decimal(50_000_000),
        kas_tw2=Decimal(150_000_000),
        kas_tw3=Decimal(200_000_000),
        kas_tw4=Decimal(125_000_000),
    )
    assert line.kas_sampai(1) == 50_000_000 and line.kas_sampai(2) == 200_000_000 and line.kas_sampai(4) == PAGU


def test_an_even_split_gives_the_remainder_to_later_quarters(petugas_a, opd_a):
    rencana = make_plan(actor=petugas_a, opd=opd_a, line_overrides=[{"pagu": Decimal(100_000_001), "triwulan": "234"}])
    assert first_kegiatan(rencana).kas_split == (0, 33_333_333, 33_333_334, 33_333_334)


# ---------------------------------------------------------------- must add up to the pagu


def test_an_own_disbursement_that_does_not_add_up_is_refused_and_nothing_saved(petugas_a, opd_a):
    rencana = make_plan(actor=petugas_a, opd=opd_a, jumlah_kegiatan=0)
    with pytest.raises(ValidationError) as refused:
        _line(petugas_a, rencana, kas_tw1=Decimal(100_000_000), kas_tw2=Decimal(100_000_000))
    assert "Jumlah anggaran kas per triwulan Rp 200.000.000 tidak sama dengan pagu Rp 525.000.000" in str(refused.value)
    assert not rencana.kegiatan.exists()


def test_the_form_refuses_a_disbursement_off_the_pagu_and_keeps_what_was_typed(as_persona, plan_a):
    post = line_post(uraian="Kas", pagu="525.000.000", kas_tw1="200.000.000", kas_tw2="300.000.000")
    page = as_persona("petugas_a").post(f"/program/{plan_a.pk}/kegiatan/baru/", post)
    errors = " ".join(page.context["form"].errors["kas_tw1"])
    assert "tidak sama dengan pagu Rp 525.000.000" in errors
    assert page.context["form"]["kas_tw2"].value() == "300.000.000"
    assert not Kegiatan.objects.filter(uraian="Kas").exists()


def test_the_form_stores_an_own_disbursement_that_adds_up(as_persona, plan_a):
    post = line_post(uraian="Kas", pagu="525.000.000", kas_tw1="225.000.000", kas_tw2="300.000.000")
    as_persona("petugas_a").post(f"/program/{plan_a.pk}/kegiatan/baru/", post)  # line_post plans TW I–II
    line = Kegiatan.objects.get(uraian="Kas")
    assert (line.kas_split, line.kas_dibagi_rata) == ((225_000_000, 300_000_000, 0, 0), False)


def test_disbursement_in_an_unplanned_quarter_is_refused(as_persona, plan_a):
    post = line_post(uraian="Kas", pagu="100", kas_tw1="50", kas_tw3="50")
    page = as_persona("petugas_a").post(f"/program/{plan_a.pk}/kegiatan/baru/", post)
    assert "TW III tidak termasuk triwulan pelaksanaan" in " ".join(page.context["form"].errors["kas_tw3"])
    assert not Kegiatan.objects.filter(uraian="Kas").exists()


# ---------------------------------------------------------------- copy, export, upload


def test_an_own_disbursement_survives_the_copy(petugas_a, opd_a):
    last = make_plan(actor=petugas_a, opd=opd_a, tahun=2024, jumlah_kegiatan=0)
    _line(
        petugas_a,
        last,
        kas_tw1=0,
        kas_tw2=Decimal(25_000_000),
        kas_tw3=Decimal(250_000_000),
        kas_tw4=Decimal(250_000_000),
    )
    copy = services.rencana_create(actor=petugas_a, opd=opd_a, tahun=2025, salin_sebelumnya=True)
    line = first_kegiatan(copy)
    assert (line.kas_split, line.kas_dibagi_rata) == ((0, 25_000_000, 250_000_000, 250_000_000), False)


@pytest.fixture
def own_kas(petugas_a, empty_2025):
    return _line(
        petugas_a,
        empty_2025,
        kas_tw1=Decimal(25_000_000),
        kas_tw2=Decimal(100_000_000),
        kas_tw3=Decimal(200_000_000),
        kas_tw4=Decimal(200_000_000),
    )


def _headers(sheet):
    return [cell.value for cell in sheet[1]]


def test_the_export_writes_the_disbursement_and_uploads_back_unchanged(as_persona, empty_2025, own_kas):
    client = as_persona("petugas_a")
    exported = client.get(f"/program/{empty_2025.pk}/ekspor.xlsx").content
    sheet = load_workbook(io.BytesIO(exported)).worksheets[0]
    headers = _headers(sheet)
    at = headers.index("Anggaran kas TW I")
    assert headers[at : at + 4] == [f"Anggaran kas TW {tw}" for tw in ("I", "II", "III", "IV")]
    assert [cell.value for cell in sheet[2]][at : at + 4] == [25_000_000, 100_000_000, 200_000_000, 200_000_000]
    batch, _html = _upload(client, empty_2025, exported, name="rencana.xlsx")
    assert _counts(batch) == {"unchanged": 1}


def test_a_corrected_disbursement_in_the_file_is_written_and_shown(as_persona, empty_2025, own_kas):
    client = as_persona("petugas_a")
    workbook = load_workbook(io.BytesIO(client.get(f"/program/{empty_2025.pk}/ekspor.xlsx").content))
    sheet = workbook.worksheets[0]
    at = _headers(sheet).index("Anggaran kas TW I") + 1
    sheet.cell(row=2, column=at).value = 125_000_000
    sheet.cell(row=2, column=at + 1).value = "Rp 0"
    buffer = io.BytesIO()
    workbook.save(buffer)
    batch, _html = _upload(client, empty_2025, buffer.getvalue(), name="rencana.xlsx")
    ((_row, _name, fields, _url),) = shown(batch.changes)
    assert fields == [
        ["Anggaran kas TW I (Rp)", "Rp 25.000.000", "Rp 125.000.000"],
        ["Anggaran kas TW II (Rp)", "Rp 100.000.000", "Rp 0"],
    ]
    _write(client, batch)
    own_kas.refresh_from_db()
    assert (own_kas.kas_split, own_kas.kas_dibagi_rata) == ((125_000_000, 0, 200_000_000, 200_000_000), False)


def test_a_file_disbursement_off_the_pagu_is_refused_naming_it(as_persona, empty_2025, own_kas):
    client = as_persona("petugas_a")
    workbook = load_workbook(io.BytesIO(client.get(f"/program/{empty_2025.pk}/ekspor.xlsx").content))
    sheet = workbook.worksheets[0]
    sheet.cell(row=2, column=_headers(sheet).index("Anggaran kas TW I") + 1).value = 99
    buffer = io.BytesIO()
    workbook.save(buffer)
    batch, html = _upload(client, empty_2025, buffer.getvalue(), name="rencana.xlsx")
    assert _counts(batch) == {"invalid": 1}
    assert "tidak sama dengan pagu Rp 525.000.000" in html
    client.post(f"/impor/batch/{batch.pk}/tulis/")
    own_kas.refresh_from_db()
    assert own_kas.kas_split == (25_000_000, 100_000_000, 200_000_000, 200_000_000)


def test_a_changed_pagu_over_an_own_disbursement_without_its_cells_asks_for_them(as_persona, empty_2025, own_kas):
    client = as_persona("petugas_a")
    workbook = load_workbook(io.BytesIO(client.get(f"/program/{empty_2025.pk}/ekspor.xlsx").content))
    sheet = workbook.worksheets[0]
    headers = _headers(sheet)
    sheet.cell(row=2, column=headers.index("Pagu Indikatif (Rp)") + 1).value = 600_000_000
    for offset in range(4):
        sheet.cell(row=2, column=headers.index("Anggaran kas TW I") + 1 + offset).value = None
    buffer = io.BytesIO()
    workbook.save(buffer)
    batch, html = _upload(client, empty_2025, buffer.getvalue(), name="rencana.xlsx")
    assert _counts(batch) == {"invalid": 1}
    assert "punya anggaran kas per triwulan sendiri" in html
    own_kas.refresh_from_db()
    assert own_kas.pagu == PAGU


# ---------------------------------------------------------------- where money is shown


@pytest.fixture
def spent_in_tw1(petugas_a, opd_a, staf):
    rencana = make_plan(
        actor=petugas_a, opd=opd_a, status=Status.DIVERIFIKASI, verifier=staf, line_overrides=[{"pagu": PAGU}]
    )
    services.realisasi_save(
        actor=petugas_a,
        kegiatan=first_kegiatan(rencana),
        triwulan=1,
        data=realisasi_data(anggaran_terserap=Decimal(95_000_000)),
    )
    return rencana


def test_the_budget_sums_judge_spending_against_the_kas_to_date(spent_in_tw1, staf):
    from programs.selectors import budget_by_opd

    (row,) = budget_by_opd(staf, 2024, triwulan=1)
    assert (row["pagu"], row["kas_sd"], row["terserap"]) == (PAGU, 131_250_000, 95_000_000)
    assert (row["keuangan"].persen, row["keuangan"].band) == (Decimal("72.38"), Band.SEDANG)
    assert row["serapan_persen"] == Decimal("18.10")


def test_the_opd_dashboard_shows_the_kas_to_date_and_the_share_of_the_pagu(spent_in_tw1, as_persona):
    import datetime
    from unittest import mock

    with mock.patch("django.utils.timezone.localdate", return_value=datetime.date(2024, 4, 20)):
        html = as_persona("staf").get("/dasbor/opd/?tahun=2024").content.decode()
    table = html[html.index('id="tabel-anggaran"') :]
    table = table[: table.index("</table>")]
    assert "Rp 131.250.000" in table and "72,4\u00a0%" in table and "18,1\u00a0% dari pagu" in table


def test_the_quarter_grid_names_the_kas_due(spent_in_tw1, as_persona):
    html = as_persona("petugas_a").get(f"/program/{spent_in_tw1.pk}/realisasi/1/").content.decode()
    assert "Anggaran kas s.d. TW I: Rp 131.250.000 (pagu Rp 525.000.000)" in html


def test_the_data_migration_gives_existing_lines_the_even_split(petugas_a, opd_a):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("programs.migrations.0021_kegiatan_anggaran_kas")
    rencana = make_plan(actor=petugas_a, opd=opd_a, line_overrides=[{"pagu": Decimal(100_000_001), "triwulan": "234"}])
    Kegiatan.objects.update(kas_tw1=0, kas_tw2=0, kas_tw3=0, kas_tw4=0)  # as the new columns start
    migration.split_evenly(apps, None)
    line = first_kegiatan(rencana)
    assert (line.kas_split, line.kas_dibagi_rata) == ((0, 33_333_333, 33_333_334, 33_333_334), True)
