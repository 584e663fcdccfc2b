"""Issue 16, "find the table": a participant list shaped the way an OPD sends it — a title row and a blank row above
a header merged over two rows, a leading "No" column, pre-numbered empty rows, a JUMLAH row, a signature block and a
second sheet — is read from its real header, the officer is told what was read and what was left out, and only the
participants are written."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from opop.imports.engine import run_import
from opop.imports.models import ImportBatch
from opop.imports.registry import get_spec
from opop.imports.services import import_preview
from pesantren.models import Santripreneur
from tests.importer.data import SANTRI_HEADERS, nik, santri_rows, to_xlsx, values_read

TITLE = "DAFTAR PESERTA PELATIHAN KEWIRAUSAHAAN SANTRI TAHUN 2023"


def agency_workbook(nspps, *, bad_nik_in_second=False, second_sheet=True, hide_second=False):
    """Rows 1–2 title and blank; rows 3–4 the header ("Data diri" merged over NIK, jenis kelamin, tanggal lahir;
    the other titles merged down over both rows); rows 5–6 participants; row 7 numbered but empty; row 8 JUMLAH;
    row 9 blank; rows 10–12 the signature block."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Angkatan I"
    sheet["A1"] = TITLE
    sheet.merge_cells("A1:I1")
    top = ["No", "Nama lengkap", "Data diri", None, None, "NSPP pesantren", "Bidang usaha", "Status", "Tahun terdaftar"]
    sub = [None, None, "NIK", "Jenis kelamin", "Tanggal lahir", None, None, None, None]
    for col, (upper, lower) in enumerate(zip(top, sub, strict=True), start=1):
        if upper is not None:
            sheet.cell(row=3, column=col, value=upper)
        if lower is not None:
            sheet.cell(row=4, column=col, value=lower)
    sheet.merge_cells("C3:E3")
    for letter in "ABFGHI":
        sheet.merge_cells(f"{letter}3:{letter}4")
    people = [
        [1, "Ahmad Fauzi", nik(1), "L", "17-08-2004", nspps[0], "Kuliner", "Aktif", "2023"],
        [
            2,
            "Siti Aminah",
            "3.51701E+15" if bad_nik_in_second else nik(2),
            "P",
            "02-02-2003",
            nspps[1],
            "Batik",
            "Aktif",
            "2023",
        ],
    ]
    for offset, person in enumerate(people):
        for col, value in enumerate(person, start=1):
            sheet.cell(row=5 + offset, column=col, value=value)
    if hide_second:
        sheet.row_dimensions[6].hidden = True  # a participant who dropped out, hidden by the OPD
    sheet["A7"] = 3  # a numbered row nobody filled
    sheet["A8"] = "JUMLAH"
    sheet.merge_cells("A8:B8")
    sheet["C8"] = 2
    sheet["G10"] = "Jombang, 12 Mei 2023"
    sheet["G11"] = "Kepala Dinas Koperasi dan UKM"
    sheet["G12"] = "NIP. 197001011990011001"
    if second_sheet:
        other = workbook.create_sheet("Angkatan II")
        other.append(SANTRI_HEADERS)
        other.append(["Budi Santoso", nik(3), "L", "01-01-2000", nspps[2], "Kuliner", "Aktif", "2023"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _import(data, *, commit, actor=None):
    return run_import(get_spec("santripreneur"), data, "peserta.xlsx", actor=actor, commit=commit)


def test_the_header_is_found_below_the_title_and_merged_over_two_rows(pesantren_nspps):
    data = agency_workbook(pesantren_nspps)
    result = _import(data, commit=False)
    assert result.ok, result.error_list()
    assert [row.number for row in result.rows] == [5, 6]  # the sheet's own row numbers
    rows = values_read(get_spec("santripreneur"), data, "peserta.xlsx")
    assert [row.values["nama"] for row in rows] == ["Ahmad Fauzi", "Siti Aminah"]
    assert rows[0].values["nik"] == nik(1)
    assert rows[1].values["jenis_kelamin"] == "P"  # "Jenis kelamin" came from the lower header row
    assert result.counts["create"] == 2


def test_the_officer_is_told_what_was_read_and_what_was_left_out(pesantren_nspps):
    notices = _import(agency_workbook(pesantren_nspps), commit=False).notices
    assert "Baris 3–4 dibaca sebagai judul kolom." in notices
    assert "Baris di atas judul kolom (judul berkas, baris kosong) tidak diimpor." in notices
    assert "Baris jumlah dilewati: baris 8." in notices
    assert "1 baris tanpa isi di kolom yang diimpor dilewati (mis. hanya nomor urut): baris 7." in notices
    assert "Blok tanda tangan di baris 10–12 tidak diimpor." in notices
    others = [n for n in notices if "Angkatan II" in n]
    assert len(others) == 1 and "Angkatan I)" in others[0]  # names the sheet read and the one not read


def test_commit_writes_the_participants_only(pesantren_nspps, admin):
    result = _import(agency_workbook(pesantren_nspps), commit=True, actor=admin)
    assert result.committed
    assert sorted(Santripreneur.objects.values_list("nama", flat=True)) == ["Ahmad Fauzi", "Siti Aminah"]
    assert not Santripreneur.objects.filter(nama__icontains="jumlah").exists()
    assert not Santripreneur.objects.filter(nama__icontains="kepala").exists()


def test_a_bad_row_is_reported_at_its_sheet_row_and_nothing_is_written(pesantren_nspps, admin):
    result = _import(agency_workbook(pesantren_nspps, bad_nik_in_second=True), commit=True, actor=admin)
    assert not result.committed
    assert [(n, column) for n, column, _m in result.error_list()] == [(6, "NIK")]
    assert Santripreneur.objects.count() == 0


def test_a_template_shaped_file_reads_exactly_as_before(pesantren_nspps):
    result = _import(to_xlsx(SANTRI_HEADERS, santri_rows(3, pesantren_nspps)), commit=False)
    assert result.ok
    assert [row.number for row in result.rows] == [2, 3, 4]
    assert result.notices == ["Baris 1 dibaca sebagai judul kolom."]


def test_a_row_that_only_looks_like_a_signature_before_any_data_is_still_read(pesantren_nspps):
    """The signature words end the table only after a participant was read: nothing is dropped from the top."""
    rows = santri_rows(2, pesantren_nspps)
    rows[0][0] = "Kepala Suku"
    data = to_xlsx(SANTRI_HEADERS, rows)
    result = _import(data, commit=False)
    assert [row.number for row in result.rows] == [2, 3] and result.counts["create"] == 2
    rows = values_read(get_spec("santripreneur"), data, "peserta.xlsx")
    assert [row.values["nama"] for row in rows] == ["Kepala Suku", "Santri Nomor 1"]


def test_without_any_known_header_the_missing_columns_are_named(db):
    result = _import(to_xlsx(["Kolom A", "Kolom B"], [["x", "y"]]), commit=False)
    assert result.file_errors and "Kolom wajib tidak ada" in result.file_errors[0]


@pytest.mark.usefixtures("private_media")
def test_the_preview_page_shows_how_the_file_was_read(pesantren_nspps, staf, as_persona):
    upload = SimpleUploadedFile("peserta.xlsx", agency_workbook(pesantren_nspps))
    batch = import_preview(actor=staf, kind="santripreneur", uploaded_file=upload)
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.PREVIEWED and batch.counts["create"] == 2
    page = as_persona("staf").get(f"/impor/batch/{batch.pk}/").content.decode()
    assert 'id="catatan-berkas"' in page
    assert "Baris 3–4 dibaca sebagai judul kolom." in page
    assert "Angkatan II" in page
    assert "peringatan (tidak menghalangi impor)" not in page  # notices are not counted as row warnings


@pytest.mark.usefixtures("private_media")
def test_the_failed_rows_file_carries_the_real_header(pesantren_nspps, staf, as_persona):
    upload = SimpleUploadedFile("peserta.xlsx", agency_workbook(pesantren_nspps, bad_nik_in_second=True))
    batch = import_preview(actor=staf, kind="santripreneur", uploaded_file=upload)
    response = as_persona("staf").get(f"/impor/batch/{batch.pk}/baris-gagal.xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Kesalahan", "No", "Nama lengkap", "NIK")
    assert len(rows) == 2 and rows[1][2] == "Siti Aminah"


def test_hidden_rows_are_skipped_and_named(pesantren_nspps, admin):
    data = agency_workbook(pesantren_nspps, hide_second=True, bad_nik_in_second=True)
    result = _import(data, commit=True, actor=admin)
    assert result.committed  # the hidden row's broken NIK does not matter: it is not read
    assert [row.number for row in result.rows] == [5]
    assert any(n.startswith("1 baris tersembunyi di Excel tidak diimpor: baris 6.") for n in result.notices)
    assert list(Santripreneur.objects.values_list("nama", flat=True)) == ["Ahmad Fauzi"]


def test_without_hidden_rows_no_hidden_notice(pesantren_nspps):
    assert not any("tersembunyi" in n for n in _import(agency_workbook(pesantren_nspps), commit=False).notices)
