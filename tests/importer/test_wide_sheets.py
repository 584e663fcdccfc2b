"""Issue 27, observation 3: a sheet wider than the template is read, whatever its width (the cell budget and the row
limit still bound it). A pesantren's new-santri roster of 54 columns imports; the columns no field reads are listed
"tidak diimpor" by title; a block of data far right of the table is named by its range, never advised for deletion."""

import io

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from opop.imports.engine import run_import
from opop.imports.registry import get_spec
from pesantren.models import Santripreneur
from tests.importer.data import nik

OWN = ["Nama Lengkap", "NIK", "L/P", "Tanggal Lahir", "Asal Pondok Pesantren", "Tahun terdaftar"]
OTHER = [
    "Tempat Lahir",
    "Nama Ayah",
    "Nama Ibu",
    "Pekerjaan Ayah",
    "Pekerjaan Ibu",
    "Penghasilan Orang Tua",
    "Alamat",
    "RT",
    "RW",
    "Desa/Kelurahan",
    "Kode Pos",
    "Agama",
    "Kewarganegaraan",
    "Anak Ke",
    "Jumlah Saudara",
    "Golongan Darah",
    "Tinggi Badan",
    "Berat Badan",
    "Riwayat Penyakit",
    "Asal Sekolah",
    "NISN",
    "Tahun Lulus",
    "No Ijazah",
    "Nilai Rata-rata",
    "Kelas",
    "Kamar",
    "Asrama",
    "Wali Santri",
    "Hubungan Wali",
    "HP Wali",
    "Hobi",
    "Cita-cita",
    "Prestasi",
    "Hafalan Juz",
    "Program",
    "Jalur Masuk",
    "Tanggal Masuk",
    "Ukuran Seragam",
    "Beasiswa",
    "Status Yatim",
    "Transportasi",
    "Jarak ke Pondok",
    "Email",
    "Akun Media Sosial",
    "Catatan Pengurus",
    "Verifikasi Berkas",
    "Petugas Input",
    "Keterangan",
]
ROSTER = OWN + OTHER
ROWS = 10


def roster(nspp):
    """Title row, a blank row, the 54-column header in row 3 and ten santri; and, as in one real file, another list of
    15 rows kept far to the right (ET36:EZ50)."""
    assert len(ROSTER) == 54
    workbook = Workbook()
    sheet = workbook.active
    sheet["A1"] = "DATA SANTRI BARU TAHUN AJARAN 2023/2024"
    for column, title in enumerate(ROSTER, start=1):
        sheet.cell(3, column, title)
    for i in range(ROWS):
        own = [f"Santri Baru {i}", nik(100 + i), "L", f"{1 + i:02d}-07-2008", nspp, 2023]
        for column, value in enumerate(own + [f"isi {i}-{j}" for j in range(len(OTHER))], start=1):
            sheet.cell(4 + i, column, value)
    for row in range(36, 51):
        for column in range(150, 157):  # ET to EZ
            sheet.cell(row, column, f"lain {row}")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_54_column_roster_is_read_and_its_unused_columns_listed_as_not_imported(pesantren_nspps, staf):
    assert (get_column_letter(150), get_column_letter(156)) == ("ET", "EZ")
    result = run_import(
        get_spec("santripreneur"), roster(pesantren_nspps[0]), "santri-baru.xlsx", actor=staf, commit=True
    )
    assert result.committed, result.error_list()
    assert result.counts["create"] == ROWS and Santripreneur.objects.count() == ROWS
    assert len(result.columns_read) == 54
    assert [title for title, key, _how in result.columns_read if key] == OWN
    [unused] = [notice for notice in result.notices if "tidak diimpor (tidak dipetakan" in notice]
    assert unused.startswith("48 kolom tidak diimpor") and "Nama Ayah" in unused and "Keterangan" in unused


def test_data_far_right_of_the_table_is_named_by_range_and_not_advised_for_deletion(pesantren_nspps, staf):
    result = run_import(
        get_spec("santripreneur"), roster(pesantren_nspps[0]), "santri-baru.xlsx", actor=staf, commit=False
    )
    assert result.ok and len(result.rows) == ROWS  # the far rows are not read as santri
    [far] = [notice for notice in result.notices if "di luar tabel" in notice]
    assert far.startswith("ET36:EZ50 berisi 15 baris data di luar tabel")
    assert "hapus" not in far.lower()


def test_the_cell_budget_still_bounds_a_wide_sheet(pesantren_nspps, staf, settings):
    settings.IMPORT_MAX_CELLS = 54 * ROWS  # fewer than the roster's cells, far block included
    result = run_import(
        get_spec("santripreneur"), roster(pesantren_nspps[0]), "santri-baru.xlsx", actor=staf, commit=False
    )
    assert "terlalu banyak sel" in result.file_errors[0] and not result.rows
