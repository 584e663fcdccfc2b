import pytest

from products.models import ProductPhoto
from tests.access import PERSONAS
from tests.products.conftest import image_bytes, stored_files, upload
from tests.products.matrix import WRITE, assert_access


def _url(product):
    return f"/produk/{product.pk}/foto/baru/"


@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix(persona, as_persona, product):
    assert_access(as_persona(persona).get(_url(product)), WRITE[persona])


@pytest.mark.parametrize("persona", ["pimpinan", "petugas_a", "petugas_b"])
def test_hand_crafted_upload_by_a_reader_is_403(persona, as_persona, product, media_dirs):
    response = as_persona(persona).post(_url(product), {"gambar": upload("a.png", image_bytes())})
    assert response.status_code == 403
    assert not ProductPhoto.objects.exists() and stored_files(media_dirs / "media") == []


def test_unknown_product_is_404(as_persona, db):
    assert as_persona("staf").get("/produk/999999/foto/baru/").status_code == 404


def test_upload_a_real_photo(as_persona, product):
    response = as_persona("staf").post(
        _url(product), {"gambar": upload("kemasan.png", image_bytes(), "image/png"), "keterangan": "Kemasan"}
    )
    assert response.status_code == 302 and response["Location"] == f"/produk/{product.pk}/#foto"
    photo = ProductPhoto.objects.get()
    assert photo.keterangan == "Kemasan" and photo.thumbnail


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("foto.jpg", b"GIF89a but not really", "bukan gambar"),
        ("foto.jpg", image_bytes("PNG"), "tidak sesuai dengan isinya"),
        ("foto.exe", b"MZ", "Jenis berkas tidak diterima"),
    ],
)
def test_bad_uploads_show_the_reason_and_save_nothing(name, content, message, as_persona, product, media_dirs):
    response = as_persona("staf").post(_url(product), {"gambar": upload(name, content, "image/jpeg")})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ProductPhoto.objects.exists() and stored_files(media_dirs / "media") == []


def test_oversized_upload_is_refused(as_persona, product, settings, media_dirs):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = None
    big = image_bytes() + b"\0" * (5 * 1024 * 1024)
    response = as_persona("staf").post(_url(product), {"gambar": upload("besar.png", big, "image/png")})
    assert "terlalu besar" in response.content.decode()
    assert not ProductPhoto.objects.exists() and stored_files(media_dirs / "media") == []


def test_missing_file_is_an_error(as_persona, product):
    response = as_persona("staf").post(_url(product), {"keterangan": "tanpa berkas"})
    assert response.status_code == 200 and "is-invalid" in response.content.decode()
    assert not ProductPhoto.objects.exists()
