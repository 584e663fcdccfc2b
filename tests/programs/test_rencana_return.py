import pytest

from programs.models import Rencana, Status
from tests.access import LOGIN, assert_access

MATRIX = {"anonymous": LOGIN, "admin": 302, "staf": 302, "pimpinan": 403, "petugas_a": 403, "petugas_b": 404}


@pytest.mark.parametrize("persona", MATRIX)
def test_plan_return_access(persona, as_persona, submitted_a):
    response = as_persona(persona).post(f"/program/{submitted_a.pk}/kembalikan/", {"catatan": "Perbaiki target."})
    assert_access(response, MATRIX[persona])
    expected = Status.DIKEMBALIKAN if MATRIX[persona] == 302 else Status.DIAJUKAN
    assert Rencana.objects.get(pk=submitted_a.pk).status == expected


def test_return_keeps_the_notes_for_the_officer(as_persona, submitted_a):
    as_persona("staf").post(f"/program/{submitted_a.pk}/kembalikan/", {"catatan": "Kode SIPD kegiatan 2 salah."})
    assert Rencana.objects.get(pk=submitted_a.pk).catatan == "Kode SIPD kegiatan 2 salah."


def test_return_without_notes_shows_error_and_saves_nothing(as_persona, submitted_a):
    response = as_persona("staf").post(f"/program/{submitted_a.pk}/kembalikan/", {"catatan": " "}, follow=True)
    assert "Tuliskan catatan perbaikan" in response.content.decode()
    rencana = Rencana.objects.get(pk=submitted_a.pk)
    assert (rencana.status, rencana.catatan) == (Status.DIAJUKAN, "")


def test_get_is_not_allowed(as_persona, submitted_a):
    assert as_persona("staf").get(f"/program/{submitted_a.pk}/kembalikan/").status_code == 405


@pytest.mark.parametrize("catatan", ["x" * 2001, "Perbaiki\x00target"])
def test_a_note_the_page_form_refuses_saves_nothing(catatan, as_persona, submitted_a):
    """The note goes through the page's own form: its length and control-character checks apply."""
    response = as_persona("staf").post(f"/program/{submitted_a.pk}/kembalikan/", {"catatan": catatan}, follow=True)
    assert response.status_code in (200, 400)
    rencana = Rencana.objects.get(pk=submitted_a.pk)
    assert (rencana.status, rencana.catatan) == (Status.DIAJUKAN, "")
