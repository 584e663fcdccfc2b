import pytest

from programs.models import Status
from tests.access import LOGIN, assert_access
from tests.programs.factories import make_plan

MATRIX = {"anonymous": LOGIN, "admin": 200, "staf": 200, "pimpinan": 200, "petugas_a": 200, "petugas_b": 200}


@pytest.mark.parametrize("persona", MATRIX)
def test_plan_list_access(persona, as_persona, plan_a):
    assert_access(as_persona(persona).get("/program/"), MATRIX[persona])


def test_petugas_sees_only_own_opd_plans(as_persona, plan_a, petugas_b, opd_b):
    make_plan(actor=petugas_b, opd=opd_b, tahun=2024)
    response = as_persona("petugas_b").get("/program/")
    assert [p.opd for p in response.context["page"]] == [opd_b]
    assert "Dinas Komunikasi" not in response.content.decode()
    assert "opd" not in response.context["form"].fields  # no OPD filter for a Petugas OPD


@pytest.mark.parametrize("persona", ["staf", "pimpinan", "admin"])
def test_diskop_roles_see_every_opds_plans_including_drafts(persona, as_persona, plan_a, petugas_b, opd_b):
    make_plan(actor=petugas_b, opd=opd_b, tahun=2023)
    response = as_persona(persona).get("/program/")
    assert len(response.context["page"].object_list) == 2


def test_filters_by_year_opd_and_status(as_persona, plan_a, petugas_b, opd_b, staf):
    make_plan(actor=petugas_b, opd=opd_b, tahun=2023, status=Status.DIAJUKAN)
    client = as_persona("staf")
    assert [p.tahun for p in client.get("/program/?tahun=2023").context["page"]] == [2023]
    assert [p.opd for p in client.get(f"/program/?opd={opd_b.pk}").context["page"]] == [opd_b]
    assert [p.status for p in client.get("/program/?status=draf").context["page"]] == [Status.DRAF]


def test_list_shows_line_count_and_total_pagu(as_persona, petugas_a, opd_a):
    make_plan(actor=petugas_a, opd=opd_a, tahun=2024, jumlah_kegiatan=3)
    html = as_persona("petugas_a").get("/program/").content.decode()
    assert "Rp 450.000.000" in html


def test_plan_list_query_count_is_bounded(
    as_persona, petugas_a, petugas_b, opd_a, opd_b, django_assert_max_num_queries
):
    for year in (2022, 2023, 2024):
        make_plan(actor=petugas_a, opd=opd_a, tahun=year, jumlah_kegiatan=2)
        make_plan(actor=petugas_b, opd=opd_b, tahun=year, jumlah_kegiatan=2)
    client = as_persona("staf")
    with django_assert_max_num_queries(10):
        response = client.get("/program/")
    assert len(response.context["page"].object_list) == 6
