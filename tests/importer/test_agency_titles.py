"""Column titles as agency files write them (issue 27, observation 8): EMIS and pesantren rosters title sex "JKL",
the NIK "No. KTP / NIK", the phone "No. Handphone" or "No. HP/WA", the lembaga "Nama Satuan Pendidikan"; Kemenag and
Satu Data exports write `nama_kabupaten_kota`. Each is read as its field, without the officer mapping it by hand."""

import io

import pytest

from opop.imports.columns import header_map
from opop.imports.engine import run_import
from opop.imports.registry import get_spec
from pesantren.models import Pesantren, Santripreneur
from tests.importer.data import nik, nspp, to_xlsx


@pytest.mark.parametrize(
    ("kind", "title", "key"),
    [
        ("santripreneur", "JKL", "jenis_kelamin"),
        ("santripreneur", "J/K", "jenis_kelamin"),
        ("santripreneur", "No. KTP / NIK", "nik"),
        ("santripreneur", "NIK / No. KTP", "nik"),
        ("santripreneur", "No. Handphone", "telepon"),
        ("santripreneur", "No. HP/WA", "telepon"),
        ("santripreneur", "Telp/HP", "telepon"),
        ("santripreneur", "Nama Satuan Pendidikan", "nspp_pesantren"),
        ("sociopreneur", "No. Handphone", "telepon"),
        ("sociopreneur", "nama_kabupaten_kota", "kabkota"),
        ("pesantren", "nama_kabupaten_kota", "kabkota"),
        ("pesantren", "Nama Kab/Kota", "kabkota"),
        ("pesantren", "Nama Satuan Pendidikan", "nama"),
    ],
)
def test_an_agency_title_is_read_as_its_field(kind, title, key):
    spec = get_spec(kind)
    positions, _missing, unknown = header_map(spec.columns, ["No", title])
    assert positions.get(key) == 1 and unknown == ["No"]


def test_an_emis_shaped_roster_is_written_without_a_mapping(db, admin, pesantren_nspps):
    headers = ["No", "Nama Santri", "JKL", "No. KTP / NIK", "Tgl Lahir", "No. HP/WA", "Nama Satuan Pendidikan", "Tahun"]
    rows = [
        [1, "Ahmad Fauzi", "L", nik(1), "12-03-2004", "0812 3456 7890", pesantren_nspps[0], 2024],
        [2, "Siti Aminah", "P", nik(2), "01-07-2005", "", pesantren_nspps[1], 2024],
    ]
    result = run_import(get_spec("santripreneur"), to_xlsx(headers, rows), "emis.xlsx", actor=admin, commit=True)
    assert result.committed, result.error_list()
    written = {p.nik: p for p in Santripreneur.objects.select_related("pesantren")}
    assert (written[nik(1)].jenis_kelamin, written[nik(1)].telepon) == ("L", "081234567890")
    assert written[nik(2)].jenis_kelamin == "P" and written[nik(2)].pesantren.nspp == nspp(1)


def test_a_kemenag_shaped_list_reads_its_kab_kota_column(db, admin):
    headers = ["NSPP", "Nama Satuan Pendidikan", "nama_kabupaten_kota", "Kecamatan"]
    rows = [[nspp(7), "PP Al-Hikmah", "Jombang", "Diwek"]]
    result = run_import(get_spec("pesantren"), to_xlsx(headers, rows), "kemenag.xlsx", actor=admin, commit=True)
    assert result.committed, result.error_list()
    assert Pesantren.objects.get(nspp=nspp(7)).kabkota.nama_pendek == "Jombang"


@pytest.mark.parametrize(("name", "said"), [("daftar santri.xls", "Excel 97–2003"), ("rekap.ods", "LibreOffice")])
def test_an_older_spreadsheet_is_answered_with_how_to_save_it_as_xlsx(name, said, as_persona, private_media):
    """Observation 10: a legacy .xls (or .ods) is not just "unggah .csv atau .xlsx": the officer is told to save it
    again as .xlsx, and nothing is stored."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from opop.imports.models import ImportBatch

    upload = SimpleUploadedFile(name, b"\xd0\xcf\x11\xe0" + b"\0" * 64)
    page = as_persona("staf").post("/impor/santripreneur/", {"file": upload}).content.decode()
    assert said in page and "Simpan Sebagai" in page and ".xlsx" in page
    assert not ImportBatch.objects.exists()


def test_the_command_line_says_the_same_for_an_xls(db, admin, tmp_path):
    from django.core.management import CommandError, call_command

    path = tmp_path / "daftar.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 64)
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_data", "santripreneur", str(path), user=admin.username, stdout=out, stderr=err)
    assert "Simpan Sebagai" in out.getvalue() + err.getvalue()
    assert not Santripreneur.objects.exists()


@pytest.mark.parametrize("cell", [20535123, "20535123", "2053 5123"])
def test_an_npsn_where_the_nspp_belongs_is_named_as_such(cell, db, admin):
    """Observation 9: an 8-digit number in the NSPP column is an NPSN (a school's number from EMIS or Dapodik), not
    an NSPP that "lost digits"; the officer is told which number is needed and where to find it."""
    headers = ["NSPP", "Nama pesantren", "Kabupaten/kota"]
    data = to_xlsx(headers, [[cell, "PP Al-Hikmah", "Jombang"]])
    result = run_import(get_spec("pesantren"), data, "l.xlsx", actor=admin, commit=True)
    [(row, column, message)] = result.error_list()
    assert (row, column) == (2, "NSPP") and "NPSN" in message and "bukan NSPP (12 digit" in message
    assert "digit hilang" not in message
    assert not Pesantren.objects.exists()
