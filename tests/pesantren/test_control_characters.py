"""A bell character in a person's name is refused on the form and in an import; a stored one never breaks exports."""

import io

import pytest
from openpyxl import load_workbook

from opop.imports.engine import run_import
from opop.imports.registry import get_spec
from pesantren.models import Santripreneur
from tests.importer.data import SANTRI_HEADERS, santri_rows, to_csv
from tests.pesantren.conftest import NIK, make_santri


def test_a_bell_in_a_name_is_refused_and_nothing_is_saved(as_persona, pesantren):
    data = {
        "nama": "Siti\x07Aminah",
        "nik": NIK,
        "jenis_kelamin": "P",
        "tanggal_lahir": "1990-01-01",
        "telepon": "",
        "kabkota_pesantren": "35.17",
        "pesantren": pesantren.pk,
        "bidang_usaha": "Kuliner",
        "tahun_terdaftar": "2023",
        "status": "aktif",
        "alasan": "",
    }
    response = as_persona("staf").post("/santripreneur/baru/", data)
    assert response.status_code == 200
    assert "karakter kontrol tak terlihat (kode \\x07)" in response.content.decode()
    assert not Santripreneur.objects.exists()


@pytest.mark.parametrize("bad", ["Siti\x07Aminah", "Siti\x00Aminah", "Siti\x0bAminah"])
def test_an_import_cell_with_a_control_character_is_refused_with_row_and_column(pesantren_nspps, bad):
    rows = santri_rows(3, pesantren_nspps)
    rows[1][0] = bad
    result = run_import(get_spec("santripreneur"), to_csv(SANTRI_HEADERS, rows), "s.csv", actor=None, commit=True)
    assert not result.committed
    [(row, column, message)] = result.error_list()
    assert (row, column) == (3, "Nama lengkap") and "karakter kontrol" in message
    assert not Santripreneur.objects.exists()


@pytest.mark.parametrize("persona", ["staf", "pimpinan", "petugas_a"])
def test_a_name_stored_with_a_control_character_still_exports_for_every_role(as_persona, pesantren, persona):
    person = make_santri(pesantren)
    Santripreneur.objects.filter(pk=person.pk).update(nama="Siti\x07Aminah")
    response = as_persona(persona).get("/santripreneur/?format=xlsx")
    assert response.status_code == 200
    values = [c.value for row in load_workbook(io.BytesIO(response.content)).active.iter_rows() for c in row]
    assert "SitiAminah" in values
