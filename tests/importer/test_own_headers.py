"""Issue 16, the agency's own headers: a list titled the way OPDs title their columns ("Nama Peserta", "No. KTP",
"L/P", "Tempat, Tgl Lahir", "No HP", "Asal Pondok Pesantren", "Tahun") is understood; a combined place/date column
gives its date; every column that is not imported is named in the preview, never dropped without a word."""

import datetime

import pytest

from opop.imports.columns import header_key, header_map
from opop.imports.engine import run_import
from opop.imports.registry import get_spec
from pesantren.models import Santripreneur
from tests.importer.data import agency_xlsx, nik

OWN_HEADERS = [
    "No",
    "Nama Peserta",
    "No. KTP",
    "L/P",
    "Tempat, Tgl Lahir",
    "No HP",
    "Asal Pondok Pesantren",
    "Keterangan",
    "Tahun",
]


def _rows(pesantren):
    return [
        [1, "Ahmad Fauzi", nik(1), "L", "Jombang, 17 Agustus 2004", "0812-3456-7890", pesantren[0], "hadir", 2023],
        [2, "Siti Aminah", nik(2), "P", "Kediri, 02-02-2003", 81334567890, pesantren[1], "", 2023],
        [3, "Budi Santoso", nik(3), "L", datetime.datetime(2000, 1, 1), "", pesantren[2], "", 2023],
    ]


def _import(headers, rows, *, commit=True):
    data = agency_xlsx(headers, rows)
    return run_import(get_spec("santripreneur"), data, "peserta.xlsx", actor=None, commit=commit)


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("No. HP", "no hp"),
        ("NO HP:", "no hp"),
        ("Kab / Kota", "kab/kota"),
        ("Tempat, Tgl. Lahir", "tempat tgl lahir"),
        ("Nama Lengkap*", "nama lengkap"),
        ("Jenis Kelamin (L/P)", "jenis kelamin l/p"),
        ("nama_lengkap", "nama lengkap"),
    ],
)
def test_column_titles_are_compared_without_punctuation(written, key):
    assert header_key(written) == key


def test_an_agency_list_with_its_own_headers_is_understood_and_written(pesantren_nspps):
    result = _import(OWN_HEADERS, _rows(pesantren_nspps))
    assert result.committed, (result.file_errors, result.error_list())
    stored = {
        p.nama: (p.nik, p.jenis_kelamin, p.tanggal_lahir, p.telepon, p.pesantren.nspp, p.tahun_terdaftar)
        for p in Santripreneur.objects.select_related("pesantren")
    }
    assert stored == {
        "Ahmad Fauzi": (nik(1), "L", datetime.date(2004, 8, 17), "081234567890", pesantren_nspps[0], 2023),
        "Siti Aminah": (nik(2), "P", datetime.date(2003, 2, 2), "081334567890", pesantren_nspps[1], 2023),
        "Budi Santoso": (nik(3), "L", datetime.date(2000, 1, 1), "", pesantren_nspps[2], 2023),
    }


def test_the_preview_names_the_columns_not_imported_and_the_split_one(pesantren_nspps):
    notices = _import(OWN_HEADERS, _rows(pesantren_nspps), commit=False).notices
    assert (
        "Kolom berikut tidak dikenali dan tidak diimpor: “Keterangan”. Bila isinya harus diimpor, pilih "
        "field-nya di pemetaan kolom (baris perintah: --pemetaan) lalu periksa ulang." in notices
    )
    assert (
        "Kolom “Tempat, Tgl Lahir”: hanya tanggal lahir yang diimpor; bagian sebelumnya (mis. tempat) tidak disimpan."
        in notices
    )
    assert not any("“No”" in notice for notice in notices)  # the running number is no data


def test_a_pesantren_column_holding_names_is_an_error_saying_where_to_find_the_nspp(pesantren_nspps):
    rows = _rows(pesantren_nspps)
    rows[1][6] = "PP Tebuireng"
    result = _import(OWN_HEADERS, rows)
    assert result.error_list() == [
        (
            5,
            "NSPP pesantren",
            "Pesantren “PP Tebuireng” tidak ditemukan di registri (tidak ada nama yang mirip 75% atau lebih). Cari "
            "NSPP-nya di menu Pesantren portal ini (cari nama), atau di EMIS Kemenag bila pesantren belum terdaftar "
            "(daftarkan dulu pesantrennya), lalu tulis NSPP-nya di kolom ini.",
        )
    ]
    assert Santripreneur.objects.count() == 0


def test_the_templates_own_title_wins_over_a_synonym_before_it(pesantren_nspps):
    headers = ["Nama Peserta", "Asal Pondok Pesantren", "NSPP pesantren", "Tahun terdaftar"]
    rows = [["Ahmad Fauzi", "PP Uji 0", pesantren_nspps[0], 2023]]
    result = _import(headers, rows)
    assert result.committed, result.error_list()
    assert Santripreneur.objects.get().pesantren.nspp == pesantren_nspps[0]
    assert any("“Asal Pondok Pesantren”" in notice and "tidak diimpor" in notice for notice in result.notices)


def test_a_second_column_for_the_same_field_is_named_not_imported(db):
    columns = get_spec("santripreneur").columns
    positions, _missing, unknown = header_map(columns, ["NIK", "No. KTP", "Nama"])
    assert positions == {"nik": 0, "nama": 2} and unknown == ["No. KTP"]


def test_a_combined_column_without_a_date_is_refused(pesantren_nspps):
    rows = _rows(pesantren_nspps)
    rows[0][4] = "Jombang"
    result = _import(OWN_HEADERS, rows)
    assert [(n, c) for n, c, _m in result.error_list()] == [(4, "Tanggal lahir")]
    assert Santripreneur.objects.count() == 0
