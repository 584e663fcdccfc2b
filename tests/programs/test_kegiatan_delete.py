import pytest

from programs.models import Kegiatan
from tests.access import LOGIN, assert_access
from tests.programs.factories import first_kegiatan

CONFIRMED = {"konfirmasi": "ya"}  # the confirmation step (tests/programs/test_confirmations.py)

URL = "/program/kegiatan/{pk}/hapus/"
MATRIX = {"anonymous": LOGIN, "admin": 302, "staf": 403, "pimpinan": 403, "petugas_a": 302, "petugas_b": 404}


@pytest.mark.parametrize("persona", MATRIX)
def test_line_delete_access(persona, as_persona, line_a):
    response = as_persona(persona).post(URL.format(pk=line_a.pk), CONFIRMED)
    assert_access(response, MATRIX[persona])
    assert Kegiatan.objects.filter(pk=line_a.pk).exists() == (MATRIX[persona] != 302)


def test_delete_is_audited(as_persona, line_a, petugas_a):
    as_persona("petugas_a").post(URL.format(pk=line_a.pk), CONFIRMED)
    record = Kegiatan.history.filter(id=line_a.pk, history_type="-").get()
    assert (record.history_user, record.history_change_reason) == (petugas_a, "Kegiatan dihapus")


def test_line_of_a_verified_plan_cannot_be_deleted(as_persona, verified_a):
    kegiatan = first_kegiatan(verified_a)
    response = as_persona("petugas_a").post(URL.format(pk=kegiatan.pk), CONFIRMED, follow=True)
    assert "terkunci" in response.content.decode()
    assert Kegiatan.objects.filter(pk=kegiatan.pk).exists()


def test_get_is_not_allowed(as_persona, line_a):
    assert as_persona("petugas_a").get(URL.format(pk=line_a.pk)).status_code == 405
