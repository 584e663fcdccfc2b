import datetime

import pytest

from programs.models import BatasPelaporan
from tests.access import LOGIN, assert_access

MATRIX = {"anonymous": LOGIN, "admin": 200, "staf": 200, "pimpinan": 403, "petugas_a": 403, "petugas_b": 403}


@pytest.mark.parametrize("persona", MATRIX)
def test_deadlines_page_access(persona, as_persona, db):
    assert_access(as_persona(persona).get("/program/batas-pelaporan/?tahun=2024"), MATRIX[persona])


@pytest.mark.parametrize("persona", MATRIX)
def test_deadlines_post_access(persona, as_persona, db):
    response = as_persona(persona).post("/program/batas-pelaporan/?tahun=2024", {"tw1": "2024-04-15"})
    expected = 302 if MATRIX[persona] == 200 else MATRIX[persona]
    assert_access(response, expected)
    assert BatasPelaporan.objects.exists() == (expected == 302)


def test_staf_sets_the_four_deadlines(as_persona, staf):
    data = {"tw1": "2024-04-15", "tw2": "2024-07-15", "tw3": "2024-10-15", "tw4": "2025-01-15"}
    response = as_persona("staf").post("/program/batas-pelaporan/?tahun=2024", data)
    assert response["Location"] == "/program/batas-pelaporan/?tahun=2024"
    rows = BatasPelaporan.objects.filter(tahun=2024).order_by("triwulan")
    assert [r.batas for r in rows][-1] == datetime.date(2025, 1, 15)
    assert {r.diatur_oleh for r in rows} == {staf}


@pytest.mark.parametrize(
    "data", [{"tw1": "kemarin"}, {"tw2": "2024-03-01"}, {"tw1": "2024-04-15", "tw4": "2026-01-01"}]
)
def test_invalid_deadlines_show_errors_and_save_nothing(data, as_persona, db):
    response = as_persona("staf").post("/program/batas-pelaporan/?tahun=2024", data)
    assert response.status_code == 200 and response.context["form"].errors
    assert not BatasPelaporan.objects.exists()


def test_deadline_error_is_shown_on_its_quarter(as_persona, db):
    response = as_persona("staf").post(
        "/program/batas-pelaporan/?tahun=2024", {"tw1": "2024-04-15", "tw3": "2024-01-01"}
    )
    assert "awal triwulan" in str(response.context["form"].errors["tw3"])
