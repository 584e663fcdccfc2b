import pytest

from pesantren import services
from pesantren.models import Kopontren, Pesantren
from tests.access import PERSONAS, assert_access
from tests.pesantren.conftest import make_santri, write_matrix


def url(p):
    return f"/pesantren/{p.pk}/hapus/"


@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix(persona, as_persona, pesantren):
    assert_access(as_persona(persona).get(url(pesantren)), write_matrix()[persona])


@pytest.mark.parametrize("persona", ["anonymous", "pimpinan", "petugas_a", "petugas_b"])
def test_handcrafted_post_by_non_writer_deletes_nothing(persona, as_persona, pesantren):
    assert_access(as_persona(persona).post(url(pesantren)), write_matrix()[persona])
    assert Pesantren.objects.exists()


def test_get_only_asks_for_confirmation(as_persona, pesantren):
    response = as_persona("staf").get(url(pesantren))
    assert "Ya, hapus" in response.content.decode()
    assert Pesantren.objects.exists()


def test_staf_deletes_with_kopontren_and_history_keeps_who_and_why(as_persona, staf, pesantren):
    services.kopontren_save(actor=None, pesantren=pesantren, nama="Kopontren Tebuireng")
    response = as_persona("staf").post(url(pesantren), {"alasan": "Data ganda"})
    assert response.status_code == 302 and response["Location"] == "/pesantren/"
    assert not Pesantren.objects.exists() and not Kopontren.objects.exists()
    record = Pesantren.history.filter(history_type="-").get()
    assert (record.history_user, record.history_change_reason) == (staf, "Data ganda")


def test_pesantren_with_santripreneur_is_refused_with_a_message(as_persona, pesantren):
    make_santri(pesantren)
    client = as_persona("admin")
    assert "tidak dapat dihapus" in client.get(url(pesantren)).content.decode()
    response = client.post(url(pesantren), follow=True)
    assert "tidak dapat dihapus karena masih dipakai" in response.content.decode()
    assert response.redirect_chain[-1][0] == f"/pesantren/{pesantren.pk}/"
    assert Pesantren.objects.exists()


def test_too_long_reason_deletes_nothing(as_persona, pesantren):
    response = as_persona("staf").post(url(pesantren), {"alasan": "x" * 101})
    assert response.status_code == 200
    assert Pesantren.objects.exists()
