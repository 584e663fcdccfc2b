import pytest

from opop.imports.columns import CellError
from opop.imports.engine import run_import
from opop.imports.regions import RegionMatcher
from opop.imports.registry import get_spec
from opop.wilayah.models import KabupatenKota
from pesantren.models import Pesantren
from tests.conftest import PESANTREN_HEADERS
from tests.importer.data import agency_xlsx, to_csv, to_xlsx


@pytest.fixture
def matcher(db):
    return RegionMatcher(KabupatenKota.objects.values_list("kode", "nama", "nama_pendek", "jenis"))


@pytest.mark.parametrize(
    "written", ["KAB. JOMBANG", "Kabupaten Jombang", "Jombang", "35.17", "3517", "kab jombang", "Kab.Jombang"]
)
def test_region_names_are_matched_leniently(matcher, written):
    assert matcher.match(written) == "35.17"


def test_kota_and_kabupaten_of_the_same_name_are_told_apart(matcher):
    assert matcher.match("Kota Malang") == "35.73"
    assert matcher.match("KAB. MALANG") == "35.07"
    with pytest.raises(CellError, match="ambigu"):
        matcher.match("Malang")
    with pytest.raises(CellError, match="tidak dikenal"):
        matcher.match("Kabupaten Bandung")


KEMENAG_HEADERS = ["NO", "NSPP", "NAMA LEMBAGA", "ALAMAT", "nama_kabupaten_kota"]


def test_kemenag_bare_kabupaten_names_are_decided_by_the_nspp_digits(db):
    """Observation 5: Kemenag writes "KEDIRI" for the kabupaten and "KOTA KEDIRI" for the city. A bare name a
    kabupaten and a kota share is read from the row's NSPP (digits 5–8: the kab/kota code) and the preview says how;
    an NSPP that names neither leaves the row an error that says why."""
    rows = [
        [1, "510035060001", "PP HIDAYATUL MUBTADIIN", "DS. NGADIREJO", "KEDIRI"],
        [2, "510035710001", "PP AL-AMIEN", "JL. PEMUDA", "KEDIRI"],
        [3, "510035710002", "PP AL-FALAH", "JL. DHOHO", "KOTA KEDIRI"],
        [4, "510035070001", "PP AL-HIKAM", "DS. SINGOSARI", "MALANG"],
        [5, "510035170009", "PP DARUL FALAH", "DS. CUKIR", "KEDIRI"],
    ]
    data = agency_xlsx(KEMENAG_HEADERS, rows, title="DATA PONDOK PESANTREN PROVINSI JAWA TIMUR")
    result = run_import(get_spec("pesantren"), data, "kemenag.xlsx", actor=None, commit=False)
    assert result.error_list() == [
        (
            8,
            "Kabupaten/kota",
            "'KEDIRI' ambigu, bisa Kabupaten Kediri (35.06), Kota Kediri (35.71). Digit 5–8 NSPP baris ini (3517) "
            "tidak menunjuk salah satunya; tulis 'Kabupaten Kediri' atau 'Kota Kediri', atau periksa NSPP-nya.",
        )
    ]
    assert (
        "Kab/kota yang ditulis tanpa “Kabupaten” atau “Kota” dan dipakai oleh keduanya dibaca menurut digit 5–8 NSPP "
        "barisnya: “KEDIRI” → Kabupaten Kediri (1 baris); “KEDIRI” → Kota Kediri (1 baris); “MALANG” → Kabupaten "
        "Malang (1 baris)."
    ) in result.notices
    fixed = agency_xlsx(KEMENAG_HEADERS, rows[:4], title="DATA PONDOK PESANTREN PROVINSI JAWA TIMUR")
    assert run_import(get_spec("pesantren"), fixed, "kemenag.xlsx", actor=None, commit=True).committed
    assert dict(Pesantren.objects.values_list("nspp", "kabkota_id")) == {
        "510035060001": "35.06",
        "510035710001": "35.71",
        "510035710002": "35.71",
        "510035070001": "35.07",
    }


def test_a_bare_shared_name_without_an_nspp_to_decide_stays_ambiguous(matcher):
    with pytest.raises(CellError, match="ambigu: tulis 'Kabupaten Blitar' atau 'Kota Blitar'"):
        matcher.match("Blitar")
    assert matcher.match("Blitar", nspp="510035050001") == "35.05"
    assert matcher.match("Blitar", nspp="510035720001") == "35.72"


def test_xlsx_nspp_held_as_an_exact_number_is_accepted_and_one_whose_digits_went_is_refused(db):
    """Issue 16 changed this: an XLSX number cell keeps 15 digits exactly, so a 12-digit NSPP held as a number (shown
    5.10035E+11 by Excel) is what was typed and is accepted. Text that already lost digits is still refused."""
    rows = [
        [510035170239, "PP Tebuireng", "Jombang", "Diwek", "Kombinasi", 2020],  # numeric cell, shown 5.10035E+11
        ["5.10035E+11", "PP Lain", "Jombang", "", "", ""],  # the same, typed or pasted as text: digits gone
        [10035170239, "PP Tanpa 5", "Jombang", "", "", ""],  # a number that no longer fits: refused
    ]
    result = run_import(get_spec("pesantren"), to_xlsx(PESANTREN_HEADERS, rows), "p.xlsx", actor=None, commit=True)
    errors = result.error_list()
    assert [(row, column) for row, column, _m in errors] == [(3, "NSPP"), (4, "NSPP")]
    assert "(5.10035E+11)" in errors[0][2] and "Format kolom sebagai Teks" in errors[0][2]
    assert "NSPP tersimpan sebagai angka (10035170239)" in errors[1][2]
    assert not result.committed and Pesantren.objects.count() == 0
    result = run_import(get_spec("pesantren"), to_xlsx(PESANTREN_HEADERS, rows[:1]), "p.xlsx", actor=None, commit=True)
    assert result.committed and Pesantren.objects.get().nspp == "510035170239"


def test_xlsx_with_text_nspp_imports_and_keeps_the_digits(db):
    rows = [["510035170239", "PP Tebuireng", "KAB. JOMBANG", "Diwek", "Kombinasi", 2020]]
    result = run_import(get_spec("pesantren"), to_xlsx(PESANTREN_HEADERS, rows), "p.xlsx", actor=None, commit=True)
    assert result.committed
    pesantren = Pesantren.objects.get()
    assert (pesantren.nspp, pesantren.kabkota_id, pesantren.kecamatan.nama) == ("510035170239", "35.17", "Diwek")
    assert pesantren.tipologi == "kombinasi" and pesantren.tahun_kohort == 2020


def test_nspp_region_mismatch_is_a_warning_not_an_error(db):
    rows = [["510035070001", "PP Malang di Jombang", "Jombang", "", "", ""]]
    result = run_import(get_spec("pesantren"), to_csv(PESANTREN_HEADERS, rows), "p.csv", actor=None, commit=True)
    assert result.committed
    assert result.rows[0].warnings == [("NSPP", "Digit 5–8 NSPP tidak sama dengan kode kabupaten/kota.")]


def test_kecamatan_outside_the_kabkota_is_refused(db):
    rows = [["510035170001", "PP Uji", "Jombang", "Pringkuku", "", ""]]
    result = run_import(get_spec("pesantren"), to_csv(PESANTREN_HEADERS, rows), "p.csv", actor=None, commit=True)
    assert result.error_list() == [(2, "Kecamatan", "Kecamatan 'Pringkuku' tidak ada di kabupaten/kota tersebut.")]


def test_bad_nspp_format_and_wrong_file_type(db):
    rows = [["410035170001", "PP Uji", "Jombang", "", "", ""]]
    result = run_import(get_spec("pesantren"), to_csv(PESANTREN_HEADERS, rows), "p.csv", actor=None, commit=False)
    assert result.error_list()[0][1:] == ("NSPP", "NSPP harus 12 digit dan diawali 51, misalnya 510035170239.")
    result = run_import(get_spec("pesantren"), b"%PDF-1.4", "p.pdf", actor=None, commit=False)
    assert result.file_errors == ["Jenis berkas tidak didukung: unggah .csv atau .xlsx."]


def test_a_csv_broken_by_a_stray_carriage_return_is_a_file_error(db):
    # Found by Hypothesis: csv.Error used to escape as a 500.
    result = run_import(get_spec("pesantren"), b"\r\x00", "p.csv", actor=None, commit=True)
    assert result.file_errors and not result.committed


@pytest.mark.parametrize("raw", [float("inf"), 1.7976931348623155e308, "1e999"])
def test_huge_or_infinite_numbers_are_cell_errors(raw):
    # Found by Hypothesis: an infinite float from an XLSX cell used to raise OverflowError.
    from opop.imports.columns import IntegerColumn

    with pytest.raises(CellError):
        IntegerColumn("n", "Jumlah santri", max_value=10**6).parse(raw)
