import pytest

from products.models import Certification, CertificationType
from products.services import certification_save
from tests.access import PERSONAS
from tests.products.matrix import LOGIN, assert_access


@pytest.fixture
def cert(product, admin):
    return certification_save(actor=admin, product=product, jenis=CertificationType.NIB, nomor="9120301234567")


def _url(cert):
    return f"/produk/{cert.produk_id}/sertifikat/{cert.pk}/hapus/"


@pytest.mark.parametrize("persona", PERSONAS)
def test_get_is_not_allowed(persona, as_persona, cert):
    assert_access(as_persona(persona).get(_url(cert)), LOGIN if persona == "anonymous" else 405)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("anonymous", LOGIN), ("admin", 302), ("staf", 302), ("pimpinan", 403), ("petugas_a", 403), ("petugas_b", 403)],
)
def test_post_access_matrix(persona, expected, as_persona, cert):
    assert_access(as_persona(persona).post(_url(cert)), expected)
    assert Certification.objects.filter(pk=cert.pk).exists() == (expected != 302)


def test_certificate_of_another_product_is_404(as_persona, cert, make_product):
    other = make_product(nama="Lain")
    assert as_persona("staf").post(f"/produk/{other.pk}/sertifikat/{cert.pk}/hapus/").status_code == 404
    assert Certification.objects.filter(pk=cert.pk).exists()
