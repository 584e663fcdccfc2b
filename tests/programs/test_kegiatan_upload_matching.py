"""Re-uploading plan lines (issue 27): a corrected file updates the lines it names and adds nothing twice. A row is
matched to the plan's line by SIPD code when it has one, else by its uraian (letter case and spacing aside); a code
brought in later (an agency's "KODE REKENING" mapped on a second upload) is added to the codeless line of the same
uraian; a new line whose uraian equals another line's is refused naming that line ("mungkin sama dengan No. n")."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Sum
from openpyxl import Workbook

from opop.common.reader_language import shown
from opop.imports.models import ImportBatch
from programs import services
from tests.programs.agency_plan import TITLES

UPLOAD = "/impor/plan_lines/"
KURASI = ["2.17.07.1.01", "Fasilitasi Kurasi Produk Pesantren", "Produk terkurasi", 25, "produk"]
PELATIHAN = ["2.17.07.1.01.0002", "Pelatihan Digital Marketing Santri", "Santri terlatih", 120, "orang"]


def _agency_file(lines):
    """An agency's plan sheet: a title row, its own column titles ("KODE REKENING"), one row per line
    (code, uraian, indicator, target, unit, pagu)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["RENCANA KEGIATAN OPOP DINAS KOMINFO TAHUN 2025"])
    sheet.append(TITLES)
    for number, (code, uraian, indicator, target, unit, pagu) in enumerate(lines, 1):
        sheet.append(
            [number, code, uraian, indicator, target, unit, "Kota Surabaya", "TW III - TW IV", "APBD", pagu]
            + ["Budi Santoso", "Santripreneur", "Santripreneur"]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _upload(client, rencana, data):
    response = client.post(UPLOAD, {"rencana": rencana.pk, "file": SimpleUploadedFile("rencana-dinas.xlsx", data)})
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return ImportBatch.objects.filter(kind="plan_lines").latest("pk")


def _map(client, batch, **chosen):
    """The officer's column mapping on the preview: every column as read, `chosen` titles changed."""
    batch.refresh_from_db()
    post = {f"kolom-{n}": chosen.get(title, key) for n, (title, key, _how) in enumerate(batch.columns_read)}
    assert client.post(f"/impor/batch/{batch.pk}/pemetaan/", post).status_code == 302
    batch.refresh_from_db()
    return batch


def _counts(batch):
    batch.refresh_from_db()
    return {action: n for action, n in batch.counts.items() if n}


def _write(client, batch):
    assert client.post(f"/impor/batch/{batch.pk}/tulis/").status_code == 302
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.COMMITTED, batch.errors


def _pagu(rencana):
    return rencana.kegiatan.aggregate(total=Sum("pagu"))["total"]


@pytest.fixture
def empty_2025(petugas_a, opd_a):
    return services.rencana_create(actor=petugas_a, opd=opd_a, tahun=2025)


def test_the_reported_bug_a_corrected_copy_whose_code_column_is_mapped_now_adds_nothing(as_persona, empty_2025):
    """Issue 27: the first upload dropped "KODE REKENING" (not a title the portal knew); the officer maps it on the
    corrected copy, where one pagu changed. The old rule (code + uraian) added both lines again: "Baru 2", the plan's
    pagu from Rp 932 250 000 to twice that."""
    client = as_persona("petugas_a")
    first = _upload(client, empty_2025, _agency_file([[*KURASI, 500_000_000], [*PELATIHAN, 432_250_000]]))
    assert first.columns_read[1][:2] == ["KODE REKENING", ""]  # not recognised: the lines are written codeless
    _write(client, first)
    assert _pagu(empty_2025) == Decimal("932250000")
    assert set(empty_2025.kegiatan.values_list("kode_sipd", "triwulan")) == {("", "34")}  # "TW III - TW IV"

    corrected = _upload(client, empty_2025, _agency_file([[*KURASI, 500_000_000], [*PELATIHAN, 450_000_000]]))
    corrected = _map(client, corrected, **{"KODE REKENING": "kode_sipd"})
    assert _counts(corrected) == {"update": 2}  # both lines get their code, one its pagu; nothing new
    changes = {name: fields for _row, name, fields, _url in shown(corrected.changes)}
    assert ["Pagu anggaran (Rp)", "Rp 432.250.000", "Rp 450.000.000"] in changes[
        "2.17.07.1.01.0002 Pelatihan Digital Marketing Santri"
    ]
    assert ["Kode SIPD", "—", "2.17.07.1.01"] in changes["2.17.07.1.01 Fasilitasi Kurasi Produk Pesantren"]
    _write(client, corrected)
    assert empty_2025.kegiatan.count() == 2
    assert _pagu(empty_2025) == Decimal("932250000") + 17_750_000
    assert set(empty_2025.kegiatan.values_list("kode_sipd", "level_sipd")) == {
        ("2.17.07.1.01", "kegiatan"),
        ("2.17.07.1.01.0002", "sub_kegiatan"),
    }


def test_a_corrected_copy_where_one_pagu_changed_updates_that_line_only(as_persona, empty_2025):
    client = as_persona("petugas_a")
    codeless = ["", "Bazar produk pesantren (CSR)", "Produk dipamerkan", 40, "produk"]
    lines = [[*KURASI, 500_000_000], [*PELATIHAN, 432_250_000], [*codeless, 0]]
    first = _upload(client, empty_2025, _agency_file(lines))
    _write(client, _map(client, first, **{"KODE REKENING": "kode_sipd"}))
    before = _pagu(empty_2025)
    # The copy comes back retyped: the codeless line's uraian in capitals and doubled spaces, one pagu corrected.
    retyped = ["", "BAZAR  PRODUK PESANTREN (csr)", "Produk dipamerkan", 40, "produk"]
    corrected = _upload(
        client, empty_2025, _agency_file([[*KURASI, 500_000_000], [*PELATIHAN, 450_000_000], [*retyped, 0]])
    )
    assert corrected.mapping  # the mapping confirmed with the first file is used again for this shape
    assert _counts(corrected) == {"update": 1, "unchanged": 2}
    _write(client, corrected)
    assert empty_2025.kegiatan.count() == 3
    assert _pagu(empty_2025) - before == 17_750_000
    assert empty_2025.kegiatan.filter(uraian="Bazar produk pesantren (CSR)").exists()  # the stored text is kept


def test_a_new_line_with_another_lines_uraian_and_another_code_is_written_once_confirmed(as_persona, empty_2025):
    client = as_persona("petugas_a")
    first = _upload(client, empty_2025, _agency_file([[*PELATIHAN, 432_250_000]]))
    _write(client, _map(client, first, **{"KODE REKENING": "kode_sipd"}))
    other_code = ["2.17.07.1.01.0003", *PELATIHAN[1:]]
    again = _upload(client, empty_2025, _agency_file([[*PELATIHAN, 432_250_000], [*other_code, 99_000_000]]))
    again.refresh_from_db()
    assert again.errors == [] and _counts(again) == {"unchanged": 1, "create": 1}
    ((row, column, message),) = shown(again.confirmations)  # the officer decides on the preview
    assert (row, column) == (4, "Program / Kegiatan / Sub Kegiatan")
    assert "mungkin sama dengan No. 1" in message and "kode SIPD yang sama" in message and "ubah uraiannya" in message
    preview = client.get(f"/impor/batch/{again.pk}/").content.decode()
    assert "mungkin sama dengan No. 1" in preview and 'name="konfirmasi"' in preview
    client.post(f"/impor/batch/{again.pk}/tulis/")  # not confirmed: nothing written
    assert empty_2025.kegiatan.count() == 1
    assert client.post(f"/impor/batch/{again.pk}/tulis/", {"konfirmasi": "ya"}).status_code == 302
    again.refresh_from_db()
    assert again.status == ImportBatch.Status.COMMITTED
    assert sorted(empty_2025.kegiatan.values_list("kode_sipd", flat=True)) == [PELATIHAN[0], other_code[0]]


def test_a_row_without_code_updates_the_line_of_the_same_uraian_and_keeps_its_code(as_persona, empty_2025):
    client = as_persona("petugas_a")
    first = _upload(client, empty_2025, _agency_file([[*PELATIHAN, 432_250_000]]))
    _write(client, _map(client, first, **{"KODE REKENING": "kode_sipd"}))
    again = _upload(client, empty_2025, _agency_file([[*PELATIHAN, 400_000_000]]))
    again = _map(client, again, **{"KODE REKENING": ""})  # this time the code column is left out
    assert _counts(again) == {"update": 1}
    _write(client, again)
    line = empty_2025.kegiatan.get()
    assert (line.kode_sipd, line.pagu) == ("2.17.07.1.01.0002", 400_000_000)


def test_two_rows_of_one_file_for_the_same_line_are_refused(as_persona, empty_2025):
    client = as_persona("petugas_a")
    first = _upload(client, empty_2025, _agency_file([[*PELATIHAN, 432_250_000]]))
    _write(client, _map(client, first, **{"KODE REKENING": "kode_sipd"}))
    codeless_twin = ["", "pelatihan digital marketing santri", *PELATIHAN[2:]]
    again = _upload(client, empty_2025, _agency_file([[*PELATIHAN, 1], [*codeless_twin, 2]]))
    assert [row for row, _column, _m in again.errors] == [4]
    assert "sama dengan baris 3 di berkas ini" in shown(again.errors)[0][2]
    assert empty_2025.kegiatan.get().pagu == 432_250_000
