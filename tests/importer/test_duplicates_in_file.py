"""Issue 16: the same person twice in one file is flagged on the second row, naming the first, with or without NIK;
nothing of the file is written while it is. Issue 27: the same name in the same pesantren with a birth date on one
side only is a suspected twin — a warning, never a match."""

import datetime

import pytest

from opop.common.reader_language import shown
from opop.imports.engine import run_import
from opop.imports.registry import get_spec
from pesantren.models import Santripreneur
from tests.importer.data import SANTRI_HEADERS, agency_xlsx, nik, santri


def _import(rows, *, commit=True):
    data = agency_xlsx(SANTRI_HEADERS, rows)
    return run_import(get_spec("santripreneur"), data, "p.xlsx", actor=None, commit=commit)


def test_the_same_person_twice_without_nik_is_an_error_on_the_second_row(pesantren_nspps):
    rows = [
        santri("Siti Aminah", "", "P", "02-02-2003", pesantren_nspps[0]),
        santri("Budi Santoso", "", "L", "01-01-2000", pesantren_nspps[0]),
        santri("  SITI   AMINAH ", "", "P", "02-02-2003", pesantren_nspps[0]),
    ]
    result = _import(rows)
    assert result.error_list() == [(6, "Nama", "Nama, tanggal lahir, dan pesantren sama dengan baris 4 di berkas ini.")]
    assert not result.committed and Santripreneur.objects.count() == 0


def test_a_row_with_nik_and_one_without_for_the_same_person_are_flagged(pesantren_nspps):
    rows = [
        santri("Siti Aminah", nik(2), "P", "02-02-2003", pesantren_nspps[0]),
        santri("Siti Aminah", "", "P", "02-02-2003", pesantren_nspps[0]),
    ]
    result = _import(rows)
    assert [(n, c) for n, c, _m in result.error_list()] == [(5, "Nama")]
    assert Santripreneur.objects.count() == 0


def test_the_same_nik_under_another_name_is_flagged(pesantren_nspps):
    rows = [
        santri("Siti Aminah", nik(2), "P", "02-02-2003", pesantren_nspps[0]),
        santri("Budi Santoso", nik(2), "L", "01-01-2000", pesantren_nspps[1]),
    ]
    assert _import(rows).error_list() == [(5, "NIK", "NIK sama dengan baris 4 di berkas ini.")]
    assert Santripreneur.objects.count() == 0


def test_two_people_with_one_name_but_two_niks_are_two_people(pesantren_nspps):
    rows = [
        santri("Ahmad Fauzi", nik(1), "L", "17-08-2004", pesantren_nspps[0]),
        santri("Ahmad Fauzi", nik(2), "L", "17-08-2004", pesantren_nspps[0]),
    ]
    result = _import(rows)
    assert result.committed and Santripreneur.objects.count() == 2


def test_one_name_in_two_pesantren_or_with_two_birth_dates_is_not_a_duplicate(pesantren_nspps):
    rows = [
        santri("Ahmad Fauzi", "", "L", "17-08-2004", pesantren_nspps[0]),
        santri("Ahmad Fauzi", "", "L", "17-08-2004", pesantren_nspps[1]),
        santri("Ahmad Fauzi", "", "L", "18-08-2004", pesantren_nspps[0]),
    ]
    assert _import(rows).committed and Santripreneur.objects.count() == 3


# ------------------------------------------------- issue 27, observation 12: a birth date on one side only

ROSTER = ["No", "Nama Santri", "L/P", "Tempat, Tgl. Lahir", "Asal Pondok Pesantren", "Tahun"]
TRAINING = ["No", "Nama Peserta", "L/P", "NSPP Pondok", "Tahun"]


def _roster(nspp_value, *people):
    rows = [[n, name, sex, born, nspp_value, 2023] for n, (name, sex, born) in enumerate(people, 1)]
    return agency_xlsx(ROSTER, rows, title="DAFTAR SANTRI BARU TAHUN AJARAN 2023/2024")


def _training(nspp_value, *people):
    rows = [[n, name, sex, nspp_value, 2023] for n, (name, sex) in enumerate(people, 1)]
    return agency_xlsx(TRAINING, rows, title="DAFTAR PESERTA PELATIHAN KEWIRAUSAHAAN SANTRI 2023")


def _run(data, *, commit=True):
    return run_import(get_spec("santripreneur"), data, "daftar.xlsx", actor=None, commit=commit)


TWIN_WITHOUT_DATE = (
    "Mungkin orang yang sama dengan Siti Aminah yang sudah terdaftar di pesantren yang sama tanpa tanggal lahir: "
    "tidak digabung, baris ini menjadi data tersendiri. Bila orangnya sama, isi tanggal lahirnya di data terdaftar "
    "lalu periksa ulang berkas ini."
)
TWIN_WITH_DATE = (
    "Mungkin orang yang sama dengan Siti Aminah yang sudah terdaftar di pesantren yang sama dengan tanggal lahir: "
    "tidak digabung, baris ini menjadi data tersendiri. Bila orangnya sama, isi tanggal lahirnya di berkas lalu "
    "periksa ulang."
)


def test_a_santri_listed_without_a_birth_date_then_with_one_is_a_suspected_twin(pesantren_nspps):
    assert _run(_training(pesantren_nspps[0], ("Siti Aminah", "P"), ("Budi Santoso", "L"))).committed
    result = _run(
        _roster(pesantren_nspps[0], ("SITI  AMINAH", "P", "Jombang, 02-02-2003"), ("Rina", "P", "Kediri, 1-1-2004"))
    )
    assert result.committed and result.counts["create"] == 2
    assert result.rows[0].warnings == [("Nama lengkap", TWIN_WITHOUT_DATE)]
    assert not result.rows[1].warnings
    # shown, not merged: two records, the first still without a date
    born = Santripreneur.objects.filter(nama_normal="siti aminah").order_by("pk").values_list("tanggal_lahir")
    assert list(born) == [(None,), (datetime.date(2003, 2, 2),)]


def test_a_santri_listed_with_a_birth_date_then_without_is_a_suspected_twin(pesantren_nspps):
    assert _run(_roster(pesantren_nspps[0], ("Siti Aminah", "P", "Jombang, 02-02-2003"))).committed
    preview = _run(_training(pesantren_nspps[0], ("Siti Aminah", "P")), commit=False)
    assert preview.counts["create"] == 1 and preview.rows[0].warnings == [("Nama lengkap", TWIN_WITH_DATE)]
    assert _run(_training(pesantren_nspps[0], ("Siti Aminah", "P"))).committed
    assert Santripreneur.objects.filter(nama_normal="siti aminah").count() == 2


def test_another_pesantren_or_two_niks_are_no_twins(pesantren_nspps):
    assert _import([santri("Siti Aminah", nik(1), "P", "02-02-2003", pesantren_nspps[0])]).committed
    other_pesantren = _run(_training(pesantren_nspps[1], ("Siti Aminah", "P")), commit=False)
    other_nik = _import([santri("Siti Aminah", nik(2), "P", "", pesantren_nspps[0])], commit=False)
    same_nik = _import([santri("Siti Aminah", nik(1), "P", "", pesantren_nspps[0])], commit=False)
    assert not any(r.rows[0].warnings for r in (other_pesantren, other_nik, same_nik))
    assert same_nik.counts["unchanged"] == 1  # the NIK found the person: an update, not a twin


def test_one_file_listing_a_santri_with_and_without_a_birth_date_warns_on_the_second_row(pesantren_nspps):
    rows = [
        santri("Siti Aminah", "", "P", "", pesantren_nspps[0]),
        santri("Budi Santoso", "", "L", "01-01-2000", pesantren_nspps[0]),
        santri("Siti Aminah", "", "P", "02-02-2003", pesantren_nspps[0]),
        santri("Siti Aminah", nik(7), "P", "", pesantren_nspps[1]),
    ]
    result = _import(rows, commit=False)
    assert result.ok and result.counts["create"] == 4
    assert [list(row.warnings) for row in result.rows] == [
        [],
        [],
        [
            (
                "Nama lengkap",
                "Mungkin orang yang sama dengan baris 4 di berkas ini (nama dan pesantren sama, tanggal lahir hanya di "
                "salah satunya): tidak digabung. Bila orangnya sama, samakan tanggal lahirnya di kedua baris.",
            )
        ],
        [],
    ]


@pytest.mark.usefixtures("private_media")
def test_the_suspected_twin_is_shown_on_the_preview_page(pesantren_nspps, staf, as_persona):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from opop.imports.services import import_preview

    assert _run(_roster(pesantren_nspps[0], ("Siti Aminah", "P", "Jombang, 02-02-2003"))).committed
    upload = SimpleUploadedFile("pelatihan.xlsx", _training(pesantren_nspps[0], ("Siti Aminah", "P")))
    batch = import_preview(actor=staf, kind="santripreneur", uploaded_file=upload)
    batch.refresh_from_db()
    assert [4, "Nama lengkap", TWIN_WITH_DATE] in shown(batch.warnings) and batch.counts["create"] == 1
    page = as_persona("staf").get(batch.get_absolute_url()).content.decode()
    assert TWIN_WITH_DATE in page


def test_the_command_line_prints_the_suspected_twin(pesantren_nspps, tmp_path, capsys):
    from django.core.management import call_command

    assert _run(_roster(pesantren_nspps[0], ("Siti Aminah", "P", "Jombang, 02-02-2003"))).committed
    path = tmp_path / "pelatihan.xlsx"
    path.write_bytes(_training(pesantren_nspps[0], ("Siti Aminah", "P")))
    call_command("import_data", "santripreneur", str(path), "--dry-run")
    assert f"baris 4, kolom Nama lengkap: peringatan: {TWIN_WITH_DATE}" in capsys.readouterr().out
