import pytest

from opop.notifications.models import Notifikasi
from tests.access import LOGIN, assert_access

# The message belongs to staf: everyone else gets 404 (not theirs), never 403.
MATRIX = {"anonymous": LOGIN, "admin": 404, "staf": 302, "pimpinan": 404, "petugas_a": 404, "petugas_b": 404}


@pytest.mark.parametrize("persona", MATRIX)
def test_open_access(persona, as_persona, staf, message_for):
    message = message_for(staf)
    assert_access(as_persona(persona).post(f"/notifikasi/{message.pk}/buka/"), MATRIX[persona])
    assert (Notifikasi.objects.get(pk=message.pk).dibaca_pada is not None) == (persona == "staf")


def test_opening_marks_read_and_goes_to_the_object(as_persona, staf, message_for):
    message = message_for(staf, tautan="/program/12/#tw-2")
    response = as_persona("staf").post(f"/notifikasi/{message.pk}/buka/")
    assert response["Location"] == "/program/12/#tw-2"
    staf.refresh_from_db()
    assert staf.notifikasi_belum_dibaca == 0


@pytest.mark.parametrize("tautan", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"])
def test_a_link_off_the_site_is_never_followed(as_persona, staf, message_for, tautan):
    message = message_for(staf, tautan=tautan)
    assert as_persona("staf").post(f"/notifikasi/{message.pk}/buka/")["Location"] == "/notifikasi/"


def test_get_is_not_allowed(as_persona, staf, message_for):
    message = message_for(staf)
    assert as_persona("staf").get(f"/notifikasi/{message.pk}/buka/").status_code == 405
    assert Notifikasi.objects.get(pk=message.pk).dibaca_pada is None
