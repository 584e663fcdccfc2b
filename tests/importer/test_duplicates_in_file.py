"""Issue 16: the same person twice in one file is flagged on the second row, naming the first, with or without NIK;
nothing of the file is written while it is."""

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
