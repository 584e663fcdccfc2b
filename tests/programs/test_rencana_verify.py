import pytest

from programs.models import Rencana, Status
from tests.access import LOGIN, assert_access

CONFIRMED = {"konfirmasi": "ya"}  # the confirmation step (tests/programs/test_confirmations.py)

MATRIX = {"anonymous": LOGIN, "admin": 302, "staf": 302, "pimpinan": 403, "petugas_a": 403, "petugas_b": 404}


@pytest.mark.parametrize("persona", MATRIX)
def test_plan_verify_access(persona, as_persona, submitted_a):
    response = as_persona(persona).post(f"/program/{submitted_a.pk}/verifikasi/", CONFIRMED)
    assert_access(response, MATRIX[persona])
    expected = Status.DIVERIFIKASI if MATRIX[persona] == 302 else Status.DIAJUKAN
    assert Rencana.objects.get(pk=submitted_a.pk).status == expected


def test_verifying_a_draft_is_refused(as_persona, plan_a):
    response = as_persona("staf").post(f"/program/{plan_a.pk}/verifikasi/", CONFIRMED, follow=True)
    assert "tidak dapat diverifikasi" in response.content.decode()
    assert Rencana.objects.get(pk=plan_a.pk).status == Status.DRAF


def test_get_is_not_allowed(as_persona, submitted_a):
    assert as_persona("staf").get(f"/program/{submitted_a.pk}/verifikasi/").status_code == 405
