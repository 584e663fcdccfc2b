import pytest

from programs.models import Rencana, Status
from tests.access import LOGIN, assert_access

MATRIX = {"anonymous": LOGIN, "admin": 302, "staf": 403, "pimpinan": 403, "petugas_a": 403, "petugas_b": 404}


@pytest.mark.parametrize("persona", MATRIX)
def test_plan_reopen_access(persona, as_persona, verified_a):
    response = as_persona(persona).post(f"/program/{verified_a.pk}/buka-kembali/", {"alasan": "Perubahan APBD"})
    assert_access(response, MATRIX[persona])
    expected = Status.DRAF if MATRIX[persona] == 302 else Status.DIVERIFIKASI
    assert Rencana.objects.get(pk=verified_a.pk).status == expected


def test_reopen_is_audited_with_its_reason(as_persona, verified_a, admin):
    as_persona("admin").post(f"/program/{verified_a.pk}/buka-kembali/", {"alasan": "Perubahan APBD"})
    record = Rencana.objects.get(pk=verified_a.pk).history.first()
    assert (record.history_user, record.history_change_reason) == (admin, "Dibuka kembali: Perubahan APBD")
    html = as_persona("admin").get(f"/program/{verified_a.pk}/").content.decode()
    assert "Dibuka kembali: Perubahan APBD" in html  # on the history of the page


def test_reopen_without_reason_is_refused(as_persona, verified_a):
    response = as_persona("admin").post(f"/program/{verified_a.pk}/buka-kembali/", {"alasan": ""}, follow=True)
    assert "Alasan membuka kembali wajib diisi" in response.content.decode()
    assert Rencana.objects.get(pk=verified_a.pk).status == Status.DIVERIFIKASI


def test_get_is_not_allowed(as_persona, verified_a):
    assert as_persona("admin").get(f"/program/{verified_a.pk}/buka-kembali/").status_code == 405
