import pytest

from programs.models import Rencana, Status
from tests.access import LOGIN, assert_access

CONFIRMED = {"konfirmasi": "ya"}  # the confirmation step (tests/programs/test_confirmations.py)

# POST /program/<pk>/ajukan/ on OPD A's draft plan.
MATRIX = {"anonymous": LOGIN, "admin": 302, "staf": 403, "pimpinan": 403, "petugas_a": 302, "petugas_b": 404}


@pytest.mark.parametrize("persona", MATRIX)
def test_plan_submit_access(persona, as_persona, plan_a):
    response = as_persona(persona).post(f"/program/{plan_a.pk}/ajukan/", CONFIRMED)
    assert_access(response, MATRIX[persona])
    expected = Status.DIAJUKAN if MATRIX[persona] == 302 else Status.DRAF
    assert Rencana.objects.get(pk=plan_a.pk).status == expected


def test_submit_redirects_to_the_plan_with_a_message(as_persona, plan_a):
    client = as_persona("petugas_a")
    response = client.post(f"/program/{plan_a.pk}/ajukan/", CONFIRMED, follow=True)
    assert response.redirect_chain == [(f"/program/{plan_a.pk}/", 302)]
    assert "Rencana diajukan ke Diskop" in response.content.decode()


def test_resubmitting_a_returned_plan(as_persona, returned_a):
    as_persona("petugas_a").post(f"/program/{returned_a.pk}/ajukan/", CONFIRMED)
    assert Rencana.objects.get(pk=returned_a.pk).status == Status.DIAJUKAN


def test_submitting_a_verified_plan_is_refused_with_a_message(as_persona, verified_a):
    response = as_persona("petugas_a").post(f"/program/{verified_a.pk}/ajukan/", CONFIRMED, follow=True)
    assert "tidak dapat diajukan" in response.content.decode()
    assert Rencana.objects.get(pk=verified_a.pk).status == Status.DIVERIFIKASI


def test_get_is_not_allowed(as_persona, plan_a):
    assert as_persona("petugas_a").get(f"/program/{plan_a.pk}/ajukan/").status_code == 405
