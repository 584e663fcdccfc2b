import pytest

from opop.common.concurrency import version_of
from pesantren import services
from pesantren.models import Kopontren
from tests.access import PERSONAS, assert_access
from tests.pesantren.conftest import write_matrix

VALID = {"nama": "Kopontren Tebuireng", "nib": "0220000123456", "jumlah_anggota": "250", "status": "berbadan_hukum"}


def url(p):
    return f"/pesantren/{p.pk}/kopontren/"


@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix(persona, as_persona, pesantren):
    assert_access(as_persona(persona).get(url(pesantren)), write_matrix()[persona])


@pytest.mark.parametrize("persona", ["anonymous", "pimpinan", "petugas_a"])
def test_handcrafted_post_by_non_writer_saves_nothing(persona, as_persona, pesantren):
    assert_access(as_persona(persona).post(url(pesantren), VALID), write_matrix()[persona])
    assert not Kopontren.objects.exists()


def test_staf_adds_then_edits_the_kopontren(as_persona, staf, pesantren):
    client = as_persona("staf")
    response = client.post(url(pesantren), VALID)
    assert response.status_code == 302 and response["Location"] == f"/pesantren/{pesantren.pk}/#kopontren"
    assert Kopontren.objects.get().nib == "0220000123456"
    version = version_of(Kopontren.objects.get())
    client.post(url(pesantren), {**VALID, "jumlah_anggota": "300", "alasan": "RAT 2024", "versi": version})
    kopontren = Kopontren.objects.get()
    assert kopontren.jumlah_anggota == 300
    assert kopontren.history.order_by("-history_id").first().history_change_reason == "RAT 2024"


def test_nib_keeps_leading_zeros_and_bad_nib_is_refused(as_persona, pesantren):
    response = as_persona("staf").post(url(pesantren), {**VALID, "nib": "2.2E+11"})
    assert "NIB harus tepat 13 digit" in response.content.decode()
    assert not Kopontren.objects.exists()


def test_edit_form_is_prefilled(as_persona, pesantren):
    services.kopontren_save(actor=None, pesantren=pesantren, nama="Kopontren Lama")
    assert "Kopontren Lama" in as_persona("admin").get(url(pesantren)).content.decode()


def test_unknown_pesantren_is_404(as_persona, db):
    assert as_persona("staf").get("/pesantren/999999/kopontren/").status_code == 404


def test_a_save_over_someone_elses_newer_change_is_refused(as_persona, admin, pesantren):
    services.kopontren_save(actor=None, pesantren=pesantren, nama="Kopontren Lama")
    client = as_persona("staf")
    loaded = client.get(url(pesantren)).context["form"]["versi"].value()
    pesantren.refresh_from_db()
    services.kopontren_save(actor=admin, pesantren=pesantren, nama="Kopontren Baru")
    response = client.post(url(pesantren), {**VALID, "versi": loaded})
    assert "Data ini sudah diubah oleh" in response.content.decode()
    assert Kopontren.objects.get().nama == "Kopontren Baru"
