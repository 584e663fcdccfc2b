import pytest

from pesantren.models import Participation
from tests.access import LOGIN, PERSONAS, assert_access
from tests.pesantren.conftest import make_participation, make_santri

EXPECTED = {"anonymous": LOGIN, "admin": 302, "staf": 302, "pimpinan": 403, "petugas_a": 403, "petugas_b": 403}


@pytest.fixture
def participation(santri, diskop):
    return make_participation(santri, diskop)


def url(participation):
    return f"/santripreneur/{participation.santripreneur_id}/partisipasi/{participation.pk}/hapus/"


@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix(persona, as_persona, participation):
    assert_access(as_persona(persona).post(url(participation)), EXPECTED[persona])
    assert Participation.objects.exists() == (EXPECTED[persona] != 302)


def test_get_is_not_allowed(as_persona, participation):
    assert as_persona("staf").get(url(participation)).status_code == 405
    assert Participation.objects.exists()


def test_participation_of_another_person_is_404(as_persona, participation, pesantren):
    other = make_santri(pesantren, nama="Budi")
    response = as_persona("staf").post(f"/santripreneur/{other.pk}/partisipasi/{participation.pk}/hapus/")
    assert response.status_code == 404 and Participation.objects.exists()


def test_delete_is_recorded_in_history(as_persona, staf, participation):
    response = as_persona("staf").post(url(participation))
    assert response["Location"] == f"/santripreneur/{participation.santripreneur_id}/#partisipasi"
    assert Participation.history.get(history_type="-").history_user == staf
