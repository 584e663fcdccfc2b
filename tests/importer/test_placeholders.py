"""Issue 27, observation 7: what officers type for "none" — "-", "–", "N/A", "tidak ada", and 0 in a text column — is
an empty cell: never a person's name, never written over a stored value, and a required column left so is told."""

import pytest

from opop.imports.engine import run_import
from opop.imports.registry import get_spec
from pesantren.models import Pesantren, Santripreneur
from tests.importer.data import agency_xlsx, nik, to_xlsx

HEADERS = ["No", "Nama Lengkap", "NIK", "L/P", "No HP", "Asal pondok pesantren", "Bidang usaha", "Tahun terdaftar"]


@pytest.mark.parametrize("placeholder", ["-", "–", "—", "N/A", "n/a", "Tidak ada", "TIDAK  ADA", 0, "0"])
def test_a_placeholder_is_never_a_name(pesantren_nspps, placeholder):
    rows = [[1, placeholder, nik(1), "L", "", pesantren_nspps[0], "", 2023]]
    result = run_import(get_spec("santripreneur"), agency_xlsx(HEADERS, rows), "peserta.xlsx", actor=None, commit=True)
    assert not result.committed and Santripreneur.objects.count() == 0
    assert ("Nama lengkap", "Wajib diisi.") in result.rows[0].errors


def test_placeholders_in_optional_cells_are_empty_and_keep_what_is_stored(pesantren_nspps, staf):
    rows = [[1, "Ahmad Fauzi", nik(1), "L", "081234567890", pesantren_nspps[0], "Kuliner", 2023]]
    assert run_import(get_spec("santripreneur"), agency_xlsx(HEADERS, rows), "a.xlsx", actor=None, commit=True).ok
    rows = [
        [1, "Ahmad Fauzi", nik(1), "-", "N/A", pesantren_nspps[0], "tidak ada", 2023],
        [2, "Siti Aminah", "–", "P", "-", pesantren_nspps[0], "0", 2023],
    ]
    result = run_import(get_spec("santripreneur"), agency_xlsx(HEADERS, rows), "b.xlsx", actor=staf, commit=True)
    assert result.committed, result.error_list()
    assert result.counts == {"create": 1, "update": 0, "unchanged": 1, "invalid": 0}
    ahmad = Santripreneur.objects.get(nik=nik(1))
    assert (ahmad.jenis_kelamin, ahmad.telepon, ahmad.bidang_usaha) == ("L", "081234567890", "Kuliner")
    siti = Santripreneur.objects.get(nama="Siti Aminah")
    assert (siti.nik, siti.telepon, siti.bidang_usaha) == (None, "", "")


def test_zero_is_a_number_where_a_number_is_meant(db):
    headers = ["NSPP", "Nama pesantren", "Kabupaten/kota", "Pengasuh", "Jumlah santri"]
    data = to_xlsx(headers, [["510035170239", "PP Tebuireng", "Jombang", 0, 0]])
    assert run_import(get_spec("pesantren"), data, "p.xlsx", actor=None, commit=True).committed
    pesantren = Pesantren.objects.get()
    assert (pesantren.pengasuh, pesantren.jumlah_santri) == ("", 0)
