import pytest

from pesantren.models import Participation, Santripreneur
from tests.access import PERSONAS, assert_access
from tests.pesantren.conftest import make_participation, write_matrix


def url(p):
    return f"/santripreneur/{p.pk}/hapus/"


@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix(persona, as_persona, santri):
    assert_access(as_persona(persona).get(url(santri)), write_matrix()[persona])


@pytest.mark.parametrize("persona", ["anonymous", "pimpinan", "petugas_a", "petugas_b"])
def test_handcrafted_post_by_non_writer_deletes_nothing(persona, as_persona, santri):
    assert_access(as_persona(persona).post(url(santri)), write_matrix()[persona])
    assert Santripreneur.objects.exists()


def test_staf_deletes_with_participations_and_history(as_persona, staf, santri, diskop):
    make_participation(santri, diskop)
    response = as_persona("staf").post(url(santri), {"alasan": "Bukan santri"})
    assert response["Location"] == "/santripreneur/"
    assert not Santripreneur.objects.exists() and not Participation.objects.exists()
    record = Santripreneur.history.get(history_type="-")
    assert (record.history_user, record.history_change_reason) == (staf, "Bukan santri")
    assert Participation.history.filter(history_type="-").exists()


def test_confirmation_page_says_how_many_participations_go(as_persona, santri, diskop):
    make_participation(santri, diskop)
    assert "beserta 1 partisipasi" in as_persona("staf").get(url(santri)).content.decode()
