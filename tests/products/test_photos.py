"""Photo uploads: only real images under the size limit, re-encoded with a thumbnail; anything else is refused
with a clear message and leaves neither a row nor a file behind."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from PIL import Image

from opop.common.uploads import MAX_UPLOAD_BYTES
from products.models import ProductPhoto
from products.services import photo_add, photo_delete
from products.uploads import THUMB_SIZE
from tests.products.conftest import PDF_BYTES, image_bytes, stored_files, upload


def _nothing_saved(media_dirs):
    assert not ProductPhoto.objects.exists()
    assert stored_files(media_dirs / "media") == []


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("foto.jpg", b"this is plain text, not a photo", "bukan gambar"),
        ("foto.png", b"<?php echo shell_exec($_GET['c']); ?>", "bukan gambar"),
        ("foto.jpg", PDF_BYTES, "bukan gambar"),
        ("foto.png", image_bytes("PNG")[:200], "bukan gambar"),  # truncated image
        ("foto.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "Jenis berkas"),
        ("foto.php", image_bytes("PNG"), "Jenis berkas"),  # a real image with a script's name
        ("foto.html", b"<html></html>", "Jenis berkas"),
        ("foto", image_bytes("PNG"), "Jenis berkas"),
        ("foto.jpg", image_bytes("PNG"), "tidak sesuai"),  # fake extension: a PNG named .jpg
        ("foto.png", image_bytes("JPEG"), "tidak sesuai"),
        ("foto.jpg", b"", "kosong"),
    ],
)
def test_non_images_and_fake_extensions_are_refused(name, content, message, product, staf, media_dirs):
    with pytest.raises(ValidationError, match=message):
        photo_add(actor=staf, product=product, upload=upload(name, content, "image/jpeg"))
    _nothing_saved(media_dirs)


def test_image_disguised_script_with_image_header_is_re_encoded(product, staf, media_dirs):
    """A GIF with a script appended is a valid image; re-encoding drops the appended bytes."""
    payload = image_bytes("GIF") + b"<?php system('id'); ?>"
    photo = photo_add(actor=staf, product=product, upload=upload("foto.gif", payload, "image/gif"))
    for field in (photo.gambar, photo.thumbnail):
        with field.open("rb") as stored:
            data = stored.read()
        assert b"<?php" not in data
        assert data.startswith(b"\xff\xd8")  # JPEG


def test_oversized_file_is_refused(product, staf, media_dirs):
    big = image_bytes("PNG") + b"\0" * (MAX_UPLOAD_BYTES + 1)
    with pytest.raises(ValidationError, match="terlalu besar"):
        photo_add(actor=staf, product=product, upload=upload("besar.png", big, "image/png"))
    _nothing_saved(media_dirs)


def test_decompression_bomb_is_refused(product, staf, media_dirs):
    buffer = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(buffer, "PNG")  # tiny file, 100 megapixels
    with pytest.raises(ValidationError, match="bukan gambar"):
        photo_add(actor=staf, product=product, upload=upload("bom.png", buffer.getvalue(), "image/png"))
    _nothing_saved(media_dirs)


@pytest.mark.parametrize(
    ("fmt", "name"),
    [("JPEG", "foto.jpg"), ("JPEG", "FOTO.JPEG"), ("PNG", "foto.png"), ("WEBP", "foto.webp"), ("GIF", "foto.gif")],
)
def test_real_images_get_a_thumbnail(fmt, name, product, staf, media_dirs):
    photo = photo_add(
        actor=staf, product=product, upload=upload(name, image_bytes(fmt, (2400, 1800))), keterangan=" Kemasan "
    )
    assert photo.keterangan == "Kemasan"
    assert photo.gambar.name.startswith("produk/foto/") and photo.gambar.name.endswith(".jpg")
    assert photo.thumbnail.name.endswith("-thumb.jpg")
    assert (photo.lebar, photo.tinggi) == (1600, 1200)  # scaled down to the maximum side
    with Image.open(photo.thumbnail.path) as thumb:
        assert thumb.format == "JPEG"
        assert thumb.width <= THUMB_SIZE[0] and thumb.height <= THUMB_SIZE[1]
    assert len(stored_files(media_dirs / "media")) == 2
    assert photo.history.get().history_user == staf


def test_transparent_png_is_flattened_on_white(product, staf):
    buffer = io.BytesIO()
    Image.new("RGBA", (100, 100), (255, 0, 0, 0)).save(buffer, "PNG")
    photo = photo_add(actor=staf, product=product, upload=upload("t.png", buffer.getvalue()))
    with Image.open(photo.gambar.path) as stored:
        assert stored.convert("RGB").getpixel((50, 50)) == (255, 255, 255)


def test_photos_are_numbered_in_order(product, staf):
    first = photo_add(actor=staf, product=product, upload=upload("a.png", image_bytes()))
    second = photo_add(actor=staf, product=product, upload=upload("b.png", image_bytes()))
    assert (first.urutan, second.urutan) == (1, 2)


def test_delete_removes_row_and_files(product, staf, media_dirs, django_capture_on_commit_callbacks):
    photo = photo_add(actor=staf, product=product, upload=upload("a.png", image_bytes()))
    with django_capture_on_commit_callbacks(execute=True):
        photo_delete(actor=staf, photo=photo)
    _nothing_saved(media_dirs)


@pytest.mark.parametrize("persona", ["pimpinan", "petugas_a"])
def test_read_only_roles_cannot_upload(persona, product, request, media_dirs):
    with pytest.raises(PermissionDenied):
        photo_add(actor=request.getfixturevalue(persona), product=product, upload=upload("a.png", image_bytes()))
    _nothing_saved(media_dirs)
