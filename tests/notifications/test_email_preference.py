import pytest

from opop.accounts.models import User
from tests.access import LOGIN, assert_access

MATRIX = {"anonymous": LOGIN, "admin": 302, "staf": 302, "pimpinan": 302, "petugas_a": 302, "petugas_b": 302}


@pytest.mark.parametrize("persona", MATRIX)
def test_email_preference_access(persona, as_persona, db):
    assert_access(as_persona(persona).post("/notifikasi/email/", {}), MATRIX[persona])


def test_switching_email_off_and_on_changes_only_ones_own(as_persona, staf, petugas_a):
    as_persona("staf").post("/notifikasi/email/", {})
    assert User.objects.get(pk=staf.pk).terima_email is False
    assert User.objects.get(pk=petugas_a.pk).terima_email is True
    response = as_persona("staf").post("/notifikasi/email/", {"terima_email": "on"}, follow=True)
    assert User.objects.get(pk=staf.pk).terima_email is True
    assert "Notifikasi juga dikirim ke email Anda." in response.content.decode()


def test_get_is_not_allowed(as_persona, db):
    assert as_persona("staf").get("/notifikasi/email/").status_code == 405
