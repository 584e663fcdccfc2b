import pytest

from opop.common.concurrency import version_of
from products.models import Certification, CertificationType
from products.services import certification_save
from tests.access import PERSONAS
from tests.products.matrix import WRITE, assert_access


@pytest.fixture
def cert(product, admin):
    return certification_save(actor=admin, product=product, jenis=CertificationType.NIB, nomor="9120301234567")


def _url(cert):
    return f"/produk/{cert.produk_id}/sertifikat/{cert.pk}/ubah/"


def _loaded(cert):
    """What the edit form posts back unchanged: its fields and the version it was loaded at."""
    return {"jenis": cert.jenis, "nomor": cert.nomor, "versi": version_of(cert)}


@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix(persona, as_persona, cert):
    assert_access(as_persona(persona).get(_url(cert)), WRITE[persona])


@pytest.mark.parametrize("persona", ["pimpinan", "petugas_a", "petugas_b"])
def test_hand_crafted_post_by_a_reader_is_403(persona, as_persona, cert):
    response = as_persona(persona).post(_url(cert), {"jenis": "nib", "nomor": "9120301234568"})
    assert response.status_code == 403
    assert Certification.objects.get(pk=cert.pk).nomor == "9120301234567"


def test_certificate_of_another_product_is_404(as_persona, cert, make_product):
    other = make_product(nama="Lain")
    assert as_persona("staf").get(f"/produk/{other.pk}/sertifikat/{cert.pk}/ubah/").status_code == 404


def test_edit_and_verify(as_persona, cert, staf):
    response = as_persona("staf").post(
        _url(cert),
        {**_loaded(cert), "nomor": "9120301234568", "tanggal_terbit": "2022-02-01", "terverifikasi": "on"},
    )
    assert response.status_code == 302
    cert.refresh_from_db()
    assert cert.nomor == "9120301234568" and cert.diverifikasi_oleh == staf


def test_invalid_edit_changes_nothing(as_persona, cert):
    response = as_persona("staf").post(_url(cert), {"jenis": "nib", "nomor": "123"})
    assert response.status_code == 200 and "NIB harus tepat 13 digit" in response.content.decode()
    assert Certification.objects.get(pk=cert.pk).nomor == "9120301234567"


def test_a_second_editor_of_one_certificate_is_refused_and_the_first_edit_stays(client, cert, staf, admin):
    loaded = _loaded(cert)  # both open the form at the same version
    client.force_login(staf)
    assert client.post(_url(cert), {**loaded, "nomor": "9120301234568"}).status_code == 302
    client.force_login(admin)
    response = client.post(_url(cert), {**loaded, "nomor": "9120301234569", "tanggal_terbit": "2023-01-01"})
    assert response.status_code == 200
    assert "Data ini sudah diubah oleh Bob" in response.content.decode()
    cert.refresh_from_db()
    assert (cert.nomor, cert.tanggal_terbit) == ("9120301234568", None)
    assert cert.history.count() == 2  # created + the first edit; nothing from the refused one


def test_the_edit_form_carries_the_version_it_was_loaded_at(as_persona, cert):
    html = as_persona("staf").get(_url(cert)).content.decode()
    assert f'name="versi" value="{version_of(cert)}"' in html
