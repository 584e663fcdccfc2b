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
    # 20 April, not the default 15th: posting the default changes nothing and records no choice.
    response = as_persona(persona).post("/program/batas-pelaporan/?tahun=2024", {"tw1": "2024-04-20"})
    expected = 302 if MATRIX[persona] == 200 else MATRIX[persona]
    assert_access(response, expected)
    assert BatasPelaporan.objects.exists() == (expected == 302)


def test_staf_sets_the_four_deadlines(as_persona, staf):
    data = {"tw1": "2024-04-10", "tw2": "2024-07-10", "tw3": "2024-10-10", "tw4": "2025-01-10"}
    response = as_persona("staf").post("/program/batas-pelaporan/?tahun=2024", data)
    assert response["Location"] == "/program/batas-pelaporan/?tahun=2024"
    rows = BatasPelaporan.objects.filter(tahun=2024).order_by("triwulan")
    assert [r.batas for r in rows][-1] == datetime.date(2025, 1, 10)
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


def test_every_quarter_has_the_default_deadline_from_the_start(db):
    from programs.selectors import deadlines_for_year

    assert deadlines_for_year(2027) == {
        1: datetime.date(2027, 4, 15),
        2: datetime.date(2027, 7, 15),
        3: datetime.date(2027, 10, 15),
        4: datetime.date(2028, 1, 15),
    }


def test_the_page_shows_the_default_deadlines_as_the_initial_values(as_persona, db):
    response = as_persona("staf").get("/program/batas-pelaporan/?tahun=2027")
    assert response.context["form"]["tw4"].value() == datetime.date(2028, 1, 15)
    assert "aturan bawaan" in response.content.decode()


def test_posting_the_form_as_loaded_records_nothing(as_persona, db):
    data = {"tw1": "2027-04-15", "tw2": "2027-07-15", "tw3": "2027-10-15", "tw4": "2028-01-15"}
    response = as_persona("staf").post("/program/batas-pelaporan/?tahun=2027", data)
    assert response.status_code == 302
    assert not BatasPelaporan.objects.exists()


def test_an_emptied_quarter_loses_its_deadline_and_the_board_says_so(as_persona, staf, petugas_a, opd_a):
    from programs.models import Status
    from programs.selectors import deadlines_for_year, kepatuhan_by_opd
    from tests.programs.factories import make_plan

    # A verified plan: an OPD without one has the plan's state in every quarter (issue 29).
    make_plan(actor=petugas_a, opd=opd_a, tahun=2027, status=Status.DIVERIFIKASI, verifier=staf)
    data = {"tw1": "2027-04-15", "tw2": "", "tw3": "2027-10-15", "tw4": "2028-01-15"}
    as_persona("staf").post("/program/batas-pelaporan/?tahun=2027", data)
    row = BatasPelaporan.objects.get(tahun=2027)
    assert (row.triwulan, row.batas, row.diatur_oleh) == (2, None, staf)
    assert deadlines_for_year(2027)[2] is None
    board = kepatuhan_by_opd(staf, 2027, today=datetime.date(2027, 12, 1))
    cells = next(row["cells"] for row in board["rows"] if row["opd"] == opd_a)
    assert [c["state"] for c in cells] == ["terlambat", "tanpa_tenggat", "terlambat", "belum_mulai"]
    html = as_persona("staf").get("/program/kepatuhan/?tahun=2027").content.decode()
    assert "Tenggat belum ditetapkan" in html
    page = as_persona("staf").get("/program/batas-pelaporan/?tahun=2027").content.decode()
    assert "dihapus oleh" in page


def test_a_field_missing_from_the_post_leaves_its_quarter_alone(as_persona, staf, db):
    from programs import services

    services.batas_set(actor=staf, tahun=2027, triwulan=2, batas=datetime.date(2027, 7, 20))
    as_persona("staf").post("/program/batas-pelaporan/?tahun=2027", {"tw1": "2027-04-20"})
    assert dict(BatasPelaporan.objects.values_list("triwulan", "batas")) == {
        1: datetime.date(2027, 4, 20),
        2: datetime.date(2027, 7, 20),
    }
