import pytest

from products.models import ProductPhoto
from products.services import photo_add
from tests.access import PERSONAS
from tests.products.conftest import image_bytes, upload
from tests.products.matrix import LOGIN, assert_access


@pytest.fixture
def photo(product, staf):
    return photo_add(actor=staf, product=product, upload=upload("a.png", image_bytes()))


def _url(photo):
    return f"/produk/{photo.produk_id}/foto/{photo.pk}/hapus/"


@pytest.mark.parametrize("persona", PERSONAS)
def test_get_is_not_allowed(persona, as_persona, photo):
    assert_access(as_persona(persona).get(_url(photo)), LOGIN if persona == "anonymous" else 405)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("anonymous", LOGIN), ("admin", 302), ("staf", 302), ("pimpinan", 403), ("petugas_a", 403), ("petugas_b", 403)],
)
def test_post_access_matrix(persona, expected, as_persona, photo):
    assert_access(as_persona(persona).post(_url(photo)), expected)
    assert ProductPhoto.objects.filter(pk=photo.pk).exists() == (expected != 302)


def test_photo_of_another_product_is_404(as_persona, photo, make_product):
    other = make_product(nama="Lain")
    response = as_persona("staf").post(f"/produk/{other.pk}/foto/{photo.pk}/hapus/")
    assert response.status_code == 404
    assert ProductPhoto.objects.filter(pk=photo.pk).exists()
