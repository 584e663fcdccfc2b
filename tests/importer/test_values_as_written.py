"""Issue 16, values as people write them: dates, phones, sex, names, kecamatan and identifiers the way agency lists
hold them are read, stored one way, and anything that cannot be read for sure is said, never guessed."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import translation

from opop.imports.columns import CellError, DateColumn, DateOrder, PhoneColumn
from opop.imports.engine import run_import
from opop.imports.models import ImportBatch
from opop.imports.registry import get_spec
from opop.imports.services import import_preview
from pesantren.models import Pesantren, Santripreneur
from tests.conftest import PESANTREN_HEADERS
from tests.importer.data import SANTRI_HEADERS, agency_xlsx, nik, nspp, santri

BIRTH = DateColumn("tanggal_lahir", "Tanggal lahir", not_future=True)


@pytest.fixture(autouse=True)
def indonesian():
    """The column tests use no request or database: pin the language a test before may have left active."""
    with translation.override("id"):
        yield


def _import(rows, *, commit=True, actor=None, date_order=""):
    data = agency_xlsx(SANTRI_HEADERS, rows)
    return run_import(get_spec("santripreneur"), data, "p.xlsx", actor=actor, commit=commit, date_order=date_order)


@pytest.mark.parametrize(
    "written",
    [
        "12-05-2001",
        "12/05/2001",
        "12.05.2001",
        "2001-05-12",
        "12 Mei 2001",
        "12 mei 2001",
        "12 MEI 2001",
        "12-Mei-2001",
        "12 May 2001",
        "12/05/2001 00:00:00",
        datetime.datetime(2001, 5, 12),
        datetime.date(2001, 5, 12),
        37023,  # the Excel serial number of 12 May 2001
        "37023",
    ],
)
def test_dates_as_people_write_them(written):
    assert BIRTH.parse(written) == datetime.date(2001, 5, 12)


@pytest.mark.parametrize(
    ("written", "month"),
    [
        ("12 Agt 2001", 8),
        ("12 Agustus 2001", 8),
        ("12 Agu. 2001", 8),
        ("3 Okt 2001", 10),
        ("1 Des 2001", 12),
        ("1 Nop 2001", 11),
        ("1 Peb 2001", 2),
        ("1 Januari 2001", 1),
    ],
)
def test_indonesian_month_names_and_abbreviations(written, month):
    assert BIRTH.parse(written).month == month


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("31-02-2004", "Tanggal tidak dikenali"),
        ("12 Mai 2001", "Nama bulan 'Mai' tidak dikenali"),
        ("kemarin", "Tanggal tidak dikenali"),
        ("2004", "Tanggal tidak dikenali"),  # a year alone is not taken for a serial number
        ("01-01-1850", "Tahun tanggal tidak masuk akal"),
    ],
)
def test_what_cannot_be_read_for_sure_is_refused(written, message):
    with pytest.raises(CellError, match=message):
        BIRTH.parse(written)


def test_a_future_birth_date_is_refused():
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    with pytest.raises(CellError, match="Tanggal lahir tidak boleh di masa depan"):
        BIRTH.parse(tomorrow.strftime("%d-%m-%Y"))


def test_month_first_dates_are_a_file_problem_not_a_guess(pesantren_nspps):
    rows = [
        santri("Ahmad Fauzi", nik(1), "L", "08/17/2004", pesantren_nspps[0]),  # only makes sense month first
        santri("Siti Aminah", nik(2), "P", "02/03/2003", pesantren_nspps[1]),  # ambiguous
    ]
    result = _import(rows)
    assert not result.committed and Santripreneur.objects.count() == 0
    assert result.asks_date_order
    assert result.file_errors == [
        "Kolom Tanggal lahir: tanggal seperti di baris 4 hanya masuk akal bila bulan ditulis lebih dulu "
        "(bulan/hari/tahun, seperti Excel berbahasa Inggris). Tidak ada tanggal yang ditebak: pilih urutan tanggal "
        "berkas ini, lalu berkas diperiksa ulang."
    ]
    assert "08" not in result.file_errors[0].replace("baris 4", "")  # no birth date quoted


def test_the_officers_choice_of_month_first_reads_every_date_that_way(pesantren_nspps):
    rows = [
        santri("Ahmad Fauzi", nik(1), "L", "08/17/2004", pesantren_nspps[0]),
        santri("Siti Aminah", nik(2), "P", "02/03/2003", pesantren_nspps[1]),
    ]
    result = _import(rows, date_order=DateOrder.MONTH_FIRST)
    assert result.committed
    assert "Tanggal dibaca sebagai bulan/hari/tahun, sesuai pilihan Anda." in result.notices
    born = dict(Santripreneur.objects.values_list("nama", "tanggal_lahir"))
    assert born == {"Ahmad Fauzi": datetime.date(2004, 8, 17), "Siti Aminah": datetime.date(2003, 2, 3)}


def test_a_file_with_day_first_dates_is_never_asked(pesantren_nspps):
    rows = [
        santri("Ahmad Fauzi", nik(1), "L", "17/08/2004", pesantren_nspps[0]),
        santri("Siti Aminah", nik(2), "P", "02/03/2003", pesantren_nspps[1]),
    ]
    result = _import(rows)
    assert result.committed and not result.asks_date_order
    assert Santripreneur.objects.get(nama="Siti Aminah").tanggal_lahir == datetime.date(2003, 3, 2)


def test_day_first_chosen_refuses_the_dates_that_do_not_fit(pesantren_nspps):
    rows = [santri("Ahmad Fauzi", nik(1), "L", "08/17/2004", pesantren_nspps[0])]
    result = _import(rows, date_order=DateOrder.DAY_FIRST)
    assert result.error_list() == [
        (4, "Tanggal lahir", "Tanggal ini tidak cocok dengan urutan hari/bulan/tahun yang dipilih untuk berkas.")
    ]
    assert Santripreneur.objects.count() == 0


@pytest.mark.usefixtures("private_media")
def test_the_preview_asks_for_the_date_order_and_rechecks_with_the_answer(pesantren_nspps, staf, as_persona):
    rows = [santri("Ahmad Fauzi", nik(1), "L", "08/17/2004", pesantren_nspps[0])]
    upload = SimpleUploadedFile("p.xlsx", agency_xlsx(SANTRI_HEADERS, rows))
    batch = import_preview(actor=staf, kind="santripreneur", uploaded_file=upload)
    batch.refresh_from_db()
    assert batch.date_order_asked and batch.errors
    client = as_persona("staf")
    page = client.get(batch.get_absolute_url()).content.decode()
    assert 'id="urutan-tanggal"' in page and 'value="mdy"' in page and "Tulis ke registri" not in page

    assert client.get(f"/impor/batch/{batch.pk}/urutan-tanggal/").status_code == 405
    page = client.post(f"/impor/batch/{batch.pk}/urutan-tanggal/", {"urutan": "mdy"}, follow=True).content.decode()
    batch.refresh_from_db()
    assert batch.date_order == "mdy" and batch.errors == [] and batch.status == ImportBatch.Status.PREVIEWED
    assert "Tanggal dibaca sebagai bulan/hari/tahun, sesuai pilihan Anda." in page and "Tulis ke registri" in page
    assert Santripreneur.objects.count() == 0  # the re-check writes nothing

    client.post(f"/impor/batch/{batch.pk}/tulis/")
    assert Santripreneur.objects.get().tanggal_lahir == datetime.date(2004, 8, 17)  # the write reads it the same way


@pytest.mark.usefixtures("private_media")
def test_a_date_order_that_is_no_choice_is_refused(pesantren_nspps, staf, as_persona):
    rows = [santri("Ahmad Fauzi", nik(1), "L", "08/17/2004", pesantren_nspps[0])]
    upload = SimpleUploadedFile("p.xlsx", agency_xlsx(SANTRI_HEADERS, rows))
    batch = import_preview(actor=staf, kind="santripreneur", uploaded_file=upload)
    page = as_persona("staf").post(f"/impor/batch/{batch.pk}/urutan-tanggal/", {"urutan": "ymd"}, follow=True)
    assert "Pilih urutan tanggal: hari dulu atau bulan dulu." in page.content.decode()
    batch.refresh_from_db()
    assert batch.date_order == ""


@pytest.mark.parametrize("persona", ["pimpinan", "petugas_a"])
def test_only_the_uploader_may_choose_the_date_order(persona, pesantren_nspps, staf, as_persona, private_media):
    rows = [santri("Ahmad Fauzi", nik(1), "L", "08/17/2004", pesantren_nspps[0])]
    batch = import_preview(
        actor=staf, kind="santripreneur", uploaded_file=SimpleUploadedFile("p.xlsx", agency_xlsx(SANTRI_HEADERS, rows))
    )
    assert as_persona(persona).post(f"/impor/batch/{batch.pk}/urutan-tanggal/", {"urutan": "mdy"}).status_code == 404
    batch.refresh_from_db()
    assert batch.date_order == ""


def test_the_command_line_takes_the_date_order(pesantren_nspps, tmp_path, admin):
    path = tmp_path / "p.xlsx"
    path.write_bytes(
        agency_xlsx(SANTRI_HEADERS, [santri("Ahmad Fauzi", nik(1), "L", "08/17/2004", pesantren_nspps[0])])
    )
    with pytest.raises(CommandError):
        call_command("import_data", "santripreneur", str(path), "--user", admin.username)
    call_command("import_data", "santripreneur", str(path), "--user", admin.username, "--urutan-tanggal", "mdy")
    assert Santripreneur.objects.get().tanggal_lahir == datetime.date(2004, 8, 17)


# A NIK of a woman born 17-08-2004 (day + 40) and of a man born 12-05-2001.
SITI_NIK, AHMAD_NIK = "3517015708040001", "3517011205010002"


def test_a_birth_date_that_contradicts_the_nik_is_a_warning_naming_both(pesantren_nspps, staf):
    rows = [
        santri("Siti Aminah", SITI_NIK, "P", "17-08-2004", pesantren_nspps[0]),
        santri("Ahmad Fauzi", AHMAD_NIK, "L", "21-05-2001", pesantren_nspps[0]),
    ]
    result = _import(rows, actor=staf)
    assert result.committed  # a warning: the NIK or the date may be the wrong one, the officer sees which
    assert not result.rows[0].warnings
    assert result.rows[1].warnings == [
        ("Tanggal lahir", "Tanggal lahir 21-05-2001 tidak sama dengan tanggal lahir di NIK (12-05-01).")
    ]


def test_a_sex_that_contradicts_the_nik_is_a_warning(pesantren_nspps, staf):
    result = _import([santri("Siti Aminah", SITI_NIK, "L", "17-08-2004", pesantren_nspps[0])], commit=False, actor=staf)
    assert result.rows[0].warnings == [
        ("Jenis kelamin", "Jenis kelamin tidak sama dengan yang tersandi di NIK (tanggal +40 untuk perempuan).")
    ]


def test_the_nik_warning_names_no_dates_to_a_viewer_without_personal_data_rights(pesantren_nspps):
    result = _import([santri("Ahmad Fauzi", AHMAD_NIK, "L", "21-05-2001", pesantren_nspps[0])], commit=False)
    assert result.rows[0].warnings == [
        ("Tanggal lahir", "Tanggal lahir tidak sama dengan tanggal lahir yang tersandi di NIK (digit 7–12).")
    ]


PHONE = PhoneColumn("telepon", "Telepon")


@pytest.mark.parametrize(
    "written",
    [
        "081234567890",
        81234567890,
        81234567890.0,
        "81234567890",
        "0812-3456-7890",
        "0812 3456 7890",
        "+62 812 3456 7890",
        "+62-812-3456-7890",
        "6281234567890",
        "'081234567890",
        "(0812) 3456.7890",
    ],
)
def test_phones_are_stored_one_way(written):
    assert PHONE.parse(written) == "081234567890"


def test_a_landline_keeps_its_area_code():
    assert PHONE.parse("(0321) 861719") == "0321861719"


@pytest.mark.parametrize("written", ["0812", "08123456789 / 08129876543", "telepon kantor", "1234567"])
def test_what_is_no_phone_number_is_refused(written):
    with pytest.raises(CellError, match="Nomor telepon tidak dikenali"):
        PHONE.parse(written)


def test_an_agency_list_writes_phones_sex_and_names_as_they_should_be(pesantren_nspps):
    rows = [
        santri("  AHMAD    FAUZI ", nik(1), "Laki-laki", "12 Mei 2001", pesantren_nspps[0], phone=81234567890),
        santri("Siti\u00a0Aminah", nik(2), "Perempuan", "12 Agt 2001", pesantren_nspps[0], phone="+62 813 3456 7890"),
        santri("Budi Santoso", nik(3), "Pria", "12 Agustus 2001", pesantren_nspps[0], phone="0812-3456-7891"),
        santri("Dewi Lestari", nik(4), "Wanita", "01/02/2001", pesantren_nspps[0], phone="0813 3456 7892"),
        santri("Eko Prasetyo", nik(5), "L", "2001-02-01", pesantren_nspps[0]),
        santri("Fitri Handayani", nik(6), "p", datetime.datetime(2001, 2, 1), pesantren_nspps[0]),
    ]
    result = _import(rows)
    assert result.committed, result.error_list()
    stored = {p.nik: (p.nama, p.jenis_kelamin, p.telepon, p.tanggal_lahir) for p in Santripreneur.objects.all()}
    assert stored == {
        nik(1): ("AHMAD FAUZI", "L", "081234567890", datetime.date(2001, 5, 12)),  # ALL-CAPS kept as written
        nik(2): ("Siti Aminah", "P", "081334567890", datetime.date(2001, 8, 12)),
        nik(3): ("Budi Santoso", "L", "081234567891", datetime.date(2001, 8, 12)),
        nik(4): ("Dewi Lestari", "P", "081334567892", datetime.date(2001, 2, 1)),
        nik(5): ("Eko Prasetyo", "L", "", datetime.date(2001, 2, 1)),
        nik(6): ("Fitri Handayani", "P", "", datetime.date(2001, 2, 1)),
    }


def test_a_bad_phone_or_date_writes_nothing(pesantren_nspps):
    rows = [
        santri("Ahmad Fauzi", nik(1), "L", "12 Mei 2001", pesantren_nspps[0], phone="0812"),
        santri("Siti Aminah", nik(2), "P", "12 Mai 2001", pesantren_nspps[0]),
    ]
    result = _import(rows)
    assert [(n, c) for n, c, _m in result.error_list()] == [(4, "Telepon"), (5, "Tanggal lahir")]
    assert Santripreneur.objects.count() == 0


@pytest.mark.parametrize("written", ["Kec. Diwek", "KECAMATAN DIWEK", "Kec Diwek", "kec.diwek", "  Diwek "])
def test_kecamatan_written_with_its_prefix_is_resolved(written, db):
    rows = [[nspp(1), "PP Uji", "Kab. Jombang", written, "", ""]]
    data = agency_xlsx(PESANTREN_HEADERS, rows)
    result = run_import(get_spec("pesantren"), data, "p.xlsx", actor=None, commit=True)
    assert result.committed, result.error_list()
    assert Pesantren.objects.get().kecamatan.nama == "Diwek"


def test_a_nik_held_as_a_number_lost_a_digit_and_is_refused(pesantren_nspps):
    rows = [santri("Ahmad Fauzi", 3517010101040001, "L", "17-08-2004", pesantren_nspps[0])]
    result = _import(rows)
    assert [(n, c) for n, c, _m in result.error_list()] == [(4, "NIK")]
    assert "NIK tersimpan sebagai angka" in result.error_list()[0][2]
    assert Santripreneur.objects.count() == 0


def test_an_nspp_held_as_an_exact_number_is_accepted(pesantren_nspps):
    rows = [santri("Ahmad Fauzi", nik(1), "L", "17-08-2004", int(pesantren_nspps[0]))]
    assert _import(rows).committed
    assert Santripreneur.objects.get().pesantren.nspp == pesantren_nspps[0]


def _with_formulas(ws):
    ws["A5"] = '=UPPER("siti aminah")'  # the name of the second person is a formula
    ws["I4"] = "=2020+3"  # so is the first person's year


def test_formula_cells_are_flagged_with_their_cell_and_nothing_is_written(pesantren_nspps):
    rows = [
        santri("Ahmad Fauzi", nik(1), "L", "17-08-2004", pesantren_nspps[0]),
        santri("placeholder", nik(2), "P", "02-02-2003", pesantren_nspps[1]),
    ]
    data = agency_xlsx(SANTRI_HEADERS, rows, sheet=_with_formulas)
    result = run_import(get_spec("santripreneur"), data, "p.xlsx", actor=None, commit=True)
    assert [(n, c) for n, c, _m in result.error_list()] == [(4, "Tahun terdaftar"), (5, "Nama lengkap")]
    assert result.error_list()[1][2].startswith("Sel A5 berisi rumus, bukan nilai; rumus tidak diimpor.")
    assert "Sel I4 berisi rumus" in result.error_list()[0][2]
    assert Santripreneur.objects.count() == 0


def test_a_formula_in_a_column_that_is_not_imported_does_not_matter(pesantren_nspps):
    headers = ["No", *SANTRI_HEADERS]
    rows = [
        [1, *santri("Ahmad Fauzi", nik(1), "L", "17-08-2004", pesantren_nspps[0])],
        [None, *santri("Siti Aminah", nik(2), "P", "02-02-2003", pesantren_nspps[1])],
    ]

    def numbered(ws):
        ws["A5"] = "=A4+1"

    data = agency_xlsx(headers, rows, sheet=numbered)
    assert run_import(get_spec("santripreneur"), data, "p.xlsx", actor=None, commit=True).committed
