"""Issue 27 obs. 6 and 9: a roster the way a pesantren keeps it — a header over two rows ("TANGGAL LAHIR" merged
above TGL / BLN / THN, "ALAMAT" above Desa / Kecamatan / Kab), the birth date split over three columns, and a second
block pasted below the first with its own copy of the header — is read as one header, the date joined, the repeated
header skipped; the officer is told each, and a date part that makes no date is named on its row."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from opop.imports.engine import run_import
from opop.imports.registry import get_spec
from opop.imports.services import import_preview
from pesantren.models import Santripreneur
from tests.importer.data import nik, values_read

TOP = ["NO", "NAMA LENGKAP", "NIK", "JENIS KELAMIN", "TANGGAL LAHIR", None, None, "ALAMAT", None, None]
TOP += ["NSPP PESANTREN", "BIDANG USAHA", "STATUS", "TAHUN TERDAFTAR"]
SUB = [None, None, None, None, "TGL", "BLN", "THN", "Desa", "Kecamatan", "Kab"] + [None] * 4


def _header(sheet, row):
    """The two header rows at `row`, merged as the roster merges them: group titles across, the others down."""
    for col, (upper, lower) in enumerate(zip(TOP, SUB, strict=True), start=1):
        if upper is not None:
            sheet.cell(row=row, column=col, value=upper)
        if lower is not None:
            sheet.cell(row=row + 1, column=col, value=lower)
    sheet.merge_cells(f"E{row}:G{row}")
    sheet.merge_cells(f"H{row}:J{row}")
    for letter in "ABCDKLMN":
        sheet.merge_cells(f"{letter}{row}:{letter}{row + 1}")


def _person(number, name, i, sex, day, month, year, nspp):
    return [number, name, nik(i), sex, day, month, year, "Cukir", "Diwek", "Jombang", nspp, "Kuliner", "Aktif", 2024]


def roster(nspps, *, second_block=None):
    """Row 1 the roster's title; rows 3–4 the header; rows 5–6 two santri; then a second block pasted below with
    its own header (rows 7–8) and two more santri (rows 9–10), unless `second_block` gives other rows for it."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Santri Baru"
    sheet["A1"] = "DATA SANTRI BARU TAHUN AJARAN 2024/2025"
    sheet.merge_cells("A1:N1")
    _header(sheet, 3)
    first = [
        _person(1, "Ahmad Fauzi", 1, "L", 17, 8, 2004, nspps[0]),  # numbers, as typed
        _person(2, "Siti Aminah", 2, "P", "05", "Agustus", "2003", nspps[1]),  # text, the month by name
    ]
    second = second_block or [
        _person(1, "Budi Santoso", 3, "L", 1, 1, 2000, nspps[2]),
        _person(2, "Nur Hidayah", 4, "P", 29, 2, 2004, nspps[3]),  # a leap day
    ]
    for offset, person in enumerate(first):
        for col, value in enumerate(person, start=1):
            sheet.cell(row=5 + offset, column=col, value=value)
    _header(sheet, 7)
    for offset, person in enumerate(second):
        for col, value in enumerate(person, start=1):
            sheet.cell(row=9 + offset, column=col, value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _import(data, *, commit=False, actor=None):
    return run_import(get_spec("santripreneur"), data, "santri-baru.xlsx", actor=actor, commit=commit)


def test_the_two_row_header_is_one_header_and_the_split_date_is_joined(pesantren_nspps):
    data = roster(pesantren_nspps)
    result = _import(data)
    assert result.ok, result.error_list()
    assert [row.number for row in result.rows] == [5, 6, 9, 10]  # rows 7–8, the pasted header, are not data
    rows = values_read(get_spec("santripreneur"), data, "santri-baru.xlsx")
    assert [row.values["tanggal_lahir"] for row in rows] == [
        datetime.date(2004, 8, 17),
        datetime.date(2003, 8, 5),
        datetime.date(2000, 1, 1),
        datetime.date(2004, 2, 29),
    ]
    assert [row.values["jenis_kelamin"] for row in rows] == ["L", "P", "L", "P"]


def test_the_officer_is_told_how_the_header_and_the_date_were_read(pesantren_nspps):
    notices = _import(roster(pesantren_nspps)).notices
    assert "Baris 3–4 dibaca sebagai judul kolom." in notices
    assert "Tanggal lahir disusun dari kolom TGL, BLN, THN." in notices
    assert "Baris 7, 8 mengulang judul kolom, dilewati." in notices
    # a sub-title that names no field is read with its group title, and listed as not imported by that title
    not_imported = next(n for n in notices if "tidak diimpor (tidak dipetakan" in n)
    assert "ALAMAT: Desa, ALAMAT: Kecamatan" in not_imported


def test_commit_writes_the_four_santri_with_their_birth_dates(pesantren_nspps, admin):
    result = _import(roster(pesantren_nspps), commit=True, actor=admin)
    assert result.committed, result.error_list()
    written = dict(Santripreneur.objects.values_list("nama", "tanggal_lahir"))
    assert written == {
        "Ahmad Fauzi": datetime.date(2004, 8, 17),
        "Siti Aminah": datetime.date(2003, 8, 5),
        "Budi Santoso": datetime.date(2000, 1, 1),
        "Nur Hidayah": datetime.date(2004, 2, 29),
    }
    assert not Santripreneur.objects.filter(nama__iexact="NAMA LENGKAP").exists()


def test_a_date_part_that_makes_no_date_is_named_on_its_row_and_nothing_is_written(pesantren_nspps, admin):
    second = [
        _person(1, "Budi Santoso", 3, "L", 12, 13, 2000, pesantren_nspps[2]),  # month 13
        _person(2, "Nur Hidayah", 4, "P", 31, 2, 2004, pesantren_nspps[3]),  # 31 February
        _person(3, "Umar Said", 5, "L", 3, 4, None, pesantren_nspps[4]),  # the year left out
        _person(4, "Laila Sari", 6, "P", "", "", "", pesantren_nspps[5]),  # no date at all: optional
    ]
    result = _import(roster(pesantren_nspps, second_block=second), commit=True, actor=admin)
    assert not result.committed
    assert result.error_list() == [
        (9, "Tanggal lahir", "Tanggal lahir: kolom BLN “13” bukan bulan (tulis 1–12 atau nama bulan)."),
        (10, "Tanggal lahir", "Tanggal lahir: TGL/BLN/THN 31-2-2004 bukan tanggal yang ada."),
        (
            11,
            "Tanggal lahir",
            "Tanggal lahir tidak lengkap: kolom THN kosong (disusun dari kolom TGL, BLN, THN).",
        ),
    ]
    assert Santripreneur.objects.count() == 0


def test_a_header_repeated_in_a_one_row_header_sheet_is_skipped_too(pesantren_nspps):
    """The plain template shape, two blocks pasted one under the other: the second block's header row is named."""
    from tests.importer.data import SANTRI_HEADERS, santri_rows, to_xlsx

    rows = santri_rows(2, pesantren_nspps)
    rows += [list(SANTRI_HEADERS)] + santri_rows(2, pesantren_nspps, start=2)
    result = _import(to_xlsx(SANTRI_HEADERS, rows))
    assert result.ok, result.error_list()
    assert [row.number for row in result.rows] == [2, 3, 5, 6]
    assert "Baris 4 mengulang judul kolom, dilewati." in result.notices


@pytest.mark.usefixtures("private_media")
def test_the_preview_says_how_the_file_was_read(pesantren_nspps, staf, as_persona):
    upload = SimpleUploadedFile("santri-baru.xlsx", roster(pesantren_nspps))
    batch = import_preview(actor=staf, kind="santripreneur", uploaded_file=upload)
    batch.refresh_from_db()
    assert batch.counts["create"] == 4
    page = as_persona("staf").get(f"/impor/batch/{batch.pk}/").content.decode()
    section = page[page.index('id="catatan-berkas"') :]
    assert "Tanggal lahir disusun dari kolom TGL, BLN, THN." in section
    assert "Baris 7, 8 mengulang judul kolom, dilewati." in section


@pytest.mark.usefixtures("private_media")
def test_the_failed_rows_file_holds_the_date_parts_as_written_under_the_date_title(pesantren_nspps, staf, as_persona):
    """The officer corrects the date in one cell under "TANGGAL LAHIR" and uploads the failed rows again."""
    from openpyxl import load_workbook

    second = [_person(1, "Budi Santoso", 3, "L", 12, 13, 2000, pesantren_nspps[2])]
    upload = SimpleUploadedFile("santri-baru.xlsx", roster(pesantren_nspps, second_block=second))
    batch = import_preview(actor=staf, kind="santripreneur", uploaded_file=upload)
    response = as_persona("staf").get(f"/impor/batch/{batch.pk}/baris-gagal.xlsx")
    rows = list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.iter_rows(values_only=True))
    date_column = rows[0].index("TANGGAL LAHIR")
    assert len(rows) == 2 and rows[1][rows[0].index("NAMA LENGKAP")] == "Budi Santoso"
    assert rows[1][date_column] == "12-13-2000"
    assert "kolom BLN “13” bukan bulan" in rows[1][0]
