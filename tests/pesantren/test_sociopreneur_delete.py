import pytest

from pesantren.models import Sociopreneur
from tests.access import PERSONAS, assert_access
from tests.pesantren.conftest import write_matrix


def url(p):
    return f"/sociopreneur/{p.pk}/hapus/"


@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix(persona, as_persona, socio):
    assert_access(as_persona(persona).get(url(socio)), write_matrix()[persona])


@pytest.mark.parametrize("persona", ["anonymous", "pimpinan", "petugas_a", "petugas_b"])
def test_handcrafted_post_by_non_writer_deletes_nothing(persona, as_persona, socio):
    assert_access(as_persona(persona).post(url(socio)), write_matrix()[persona])
    assert Sociopreneur.objects.exists()


def test_staf_deletes_with_history(as_persona, staf, socio):
    response = as_persona("staf").post(url(socio), {"alasan": "Pindah provinsi"})
    assert response["Location"] == "/sociopreneur/"
    assert not Sociopreneur.objects.exists()
    record = Sociopreneur.history.get(history_type="-")
    assert (record.history_user, record.history_change_reason) == (staf, "Pindah provinsi")


def test_pesantren_of_origin_cannot_be_deleted_while_referenced(as_persona, socio, pesantren):
    response = as_persona("staf").post(f"/pesantren/{pesantren.pk}/hapus/", follow=True)
    assert "tidak dapat dihapus" in response.content.decode()
    assert Sociopreneur.objects.exists()
