"""Issue 16, Done 4: `import_data sociopreneur` flags duplicates as santripreneur does — the same person twice in one
file (NIK, or name + birth date + pesantren of origin), and a row that matches registered people by name + birth date
+ pesantren — through the one PersonImport, also for people with no pesantren of origin."""

import pytest
from django.core.management import CommandError, call_command

from opop.imports.engine import run_import
from opop.imports.registry import get_spec
from pesantren.models import Sociopreneur
from tests.importer.data import agency_xlsx, nik, to_csv

HEADERS = [
    "Nama lengkap",
    "NIK",
    "Jenis kelamin",
    "Tanggal lahir",
    "NSPP pesantren asal",
    "Nama usaha",
    "Kabupaten/kota usaha",
    "Tahun mulai usaha",
]


def socio(name, nik_value, born, nspp_value, *, usaha="Batik Santri"):
    return [name, nik_value, "P", born, nspp_value, usaha, "Jombang", "2021"]


def _import(rows, *, commit=True):
    return run_import(get_spec("sociopreneur"), agency_xlsx(HEADERS, rows), "s.xlsx", actor=None, commit=commit)


@pytest.mark.parametrize("asal", [0, None], ids=["with_pesantren", "without_pesantren"])
def test_the_same_person_twice_without_nik_is_flagged_on_the_second_row(pesantren_nspps, asal):
    nspp = "" if asal is None else pesantren_nspps[asal]
    rows = [
        socio("Siti Aminah", "", "02-02-1995", nspp),
        socio("Dewi Lestari", "", "01-01-1996", nspp),
        socio(" SITI  AMINAH", "", "02-02-1995", nspp, usaha="Batik Tulis"),
    ]
    result = _import(rows)
    assert result.error_list() == [(6, "Nama", "Nama, tanggal lahir, dan pesantren sama dengan baris 4 di berkas ini.")]
    assert not result.committed and Sociopreneur.objects.count() == 0


def test_the_same_nik_twice_is_flagged(pesantren_nspps):
    rows = [
        socio("Siti Aminah", nik(5), "02-02-1995", pesantren_nspps[0]),
        socio("Dewi Lestari", nik(5), "01-01-1996", pesantren_nspps[1]),
    ]
    assert _import(rows).error_list() == [(5, "NIK", "NIK sama dengan baris 4 di berkas ini.")]
    assert Sociopreneur.objects.count() == 0


def test_two_people_with_one_name_but_two_niks_are_two_people(pesantren_nspps):
    rows = [
        socio("Siti Aminah", nik(1), "02-02-1995", pesantren_nspps[0]),
        socio("Siti Aminah", nik(2), "02-02-1995", pesantren_nspps[0]),
    ]
    assert _import(rows).committed and Sociopreneur.objects.count() == 2


@pytest.mark.parametrize("asal", [0, None], ids=["with_pesantren", "without_pesantren"])
def test_a_registered_person_without_nik_is_updated_not_registered_twice(pesantren_nspps, asal):
    nspp = "" if asal is None else pesantren_nspps[asal]
    assert _import([socio("Siti Aminah", "", "02-02-1995", nspp)]).committed
    again = _import([socio("siti aminah", "", "02-02-1995", nspp, usaha="Batik Tulis")])
    assert again.counts == {"create": 0, "update": 1, "unchanged": 0, "invalid": 0}
    assert Sociopreneur.objects.get().nama_usaha == "Batik Tulis"


@pytest.mark.parametrize("asal", [0, None], ids=["with_pesantren", "without_pesantren"])
def test_a_row_matching_two_suspected_duplicates_in_the_registry_is_refused(pesantren_nspps, asal):
    nspp = "" if asal is None else pesantren_nspps[asal]
    assert _import([socio("Siti Aminah", "", "02-02-1995", nspp)]).committed
    assert _import([socio("Siti Aminah", nik(9), "02-02-1995", nspp)]).committed  # NIK: matched, NIK added
    Sociopreneur.objects.update(nik=None)
    twin = Sociopreneur.objects.get()
    twin.pk = None
    twin.save()
    result = _import([socio("Siti Aminah", "", "02-02-1995", nspp, usaha="Lain")])
    assert result.error_list() == [
        (4, "Nama", "Cocok dengan 2 data yang diduga duplikat; selesaikan duplikatnya dulu.")
    ]
    assert Sociopreneur.objects.filter(nama_usaha="Lain").count() == 0


def test_command_line_sociopreneur_prints_the_duplicate_and_writes_nothing(pesantren_nspps, tmp_path, capsys, admin):
    path = tmp_path / "socio.csv"
    rows = [socio("Siti Aminah", "", "02-02-1995", pesantren_nspps[0])] * 2
    path.write_bytes(to_csv(HEADERS, rows))
    with pytest.raises(CommandError):
        call_command("import_data", "sociopreneur", str(path), "--user", admin.username)
    assert "baris 3, kolom Nama: Nama, tanggal lahir, dan pesantren sama dengan baris 2" in capsys.readouterr().err
    assert Sociopreneur.objects.count() == 0
