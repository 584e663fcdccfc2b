import pytest

from programs.models import Kegiatan, Rencana
from tests.access import LOGIN, assert_access

CONFIRMED = {"konfirmasi": "ya"}  # the confirmation step (tests/programs/test_confirmations.py)

MATRIX = {"anonymous": LOGIN, "admin": 302, "staf": 403, "pimpinan": 403, "petugas_a": 302, "petugas_b": 404}


@pytest.mark.parametrize("persona", MATRIX)
def test_plan_delete_access(persona, as_persona, plan_a):
    response = as_persona(persona).post(f"/program/{plan_a.pk}/hapus/", CONFIRMED)
    assert_access(response, MATRIX[persona])
    assert Rencana.objects.filter(pk=plan_a.pk).exists() == (MATRIX[persona] != 302)


def test_delete_removes_lines_and_goes_back_to_the_list(as_persona, plan_a):
    response = as_persona("petugas_a").post(f"/program/{plan_a.pk}/hapus/", CONFIRMED)
    assert response["Location"] == "/program/"
    assert not Kegiatan.objects.exists()
    assert Rencana.history.filter(id=plan_a.pk, history_type="-").get().history_change_reason == "Rencana dihapus"


def test_submitted_plan_cannot_be_deleted(as_persona, submitted_a):
    response = as_persona("petugas_a").post(f"/program/{submitted_a.pk}/hapus/", CONFIRMED, follow=True)
    assert "Hanya rencana berstatus draf" in response.content.decode()
    assert Rencana.objects.filter(pk=submitted_a.pk).exists()


def test_get_is_not_allowed(as_persona, plan_a):
    assert as_persona("petugas_a").get(f"/program/{plan_a.pk}/hapus/").status_code == 405
