"""Upload checks and image processing with Pillow.

A file is trusted for what Pillow (or the PDF signature) finds inside it, never for its name or the browser's
content type. Photos are re-encoded (which drops metadata and anything appended to the image), stored under a
random name with the extension of the detected format, and get a thumbnail; so the server only ever hands out
real images with an image content type."""

import io
import uuid
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from products.validators import IMAGE_FORMATS, MAX_IMAGE_PIXELS, MAX_UPLOAD_BYTES

PHOTO_MAX_SIDE = 1600
THUMB_SIZE = (480, 480)
CONTENT_TYPES = {
    "jpg": "image/jpeg", "png": "image/png", "webp": "image/webp", "gif": "image/gif", "pdf": "application/pdf",
}  # fmt: skip


def _extension(name):
    ext = name.rsplit(".", 1)[-1].lower() if "." in (name or "") else ""
    return "jpg" if ext == "jpeg" else ext


def _check_size(upload):
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("Berkas terlalu besar (%(size)s); ukuran maksimum %(max)s.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(MAX_UPLOAD_BYTES)},
            code="too_large",
        )
    if upload.size == 0:
        raise ValidationError(_("Berkas kosong."), code="empty")


def _read(upload):
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def detect_image(data):
    """The extension of the raster image in `data` ('jpg', 'png', 'webp', 'gif'), or None when it is not one
    that Pillow can fully verify."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                fmt = image.format
                width, height = image.size
                image.verify()
    except (
        UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ):  # fmt: skip
        return None
    if fmt not in IMAGE_FORMATS or width * height > MAX_IMAGE_PIXELS or not width or not height:
        return None
    return IMAGE_FORMATS[fmt]


def check_photo(upload):
    """Returns the image bytes and detected extension, or raises ValidationError with an Indonesian message."""
    _check_size(upload)
    data = _read(upload)
    claimed = _extension(upload.name)
    if claimed not in IMAGE_FORMATS.values():
        raise ValidationError(
            _("Jenis berkas tidak diterima; unggah foto JPG, PNG, WebP, atau GIF."), code="bad_extension"
        )
    detected = detect_image(data)
    if detected is None:
        raise ValidationError(
            _("Berkas ini bukan gambar yang dapat dibaca; unggah foto JPG atau PNG."), code="not_image"
        )
    if detected != claimed:
        raise ValidationError(
            _("Ekstensi berkas (.%(claimed)s) tidak sesuai dengan isinya (%(detected)s).")
            % {"claimed": claimed, "detected": detected.upper()},
            code="fake_extension",
        )
    return data, detected


def check_document(upload):
    """A certificate document: PDF (by its signature) or a real image. Returns (bytes, extension)."""
    _check_size(upload)
    data = _read(upload)
    claimed = _extension(upload.name)
    if claimed == "pdf":
        if not data.startswith(b"%PDF-"):
            raise ValidationError(_("Berkas bernama .pdf tetapi isinya bukan PDF."), code="fake_extension")
        return data, "pdf"
    if claimed not in IMAGE_FORMATS.values():
        raise ValidationError(_("Dokumen harus berupa PDF atau gambar (JPG, PNG)."), code="bad_extension")
    detected = detect_image(data)
    if detected is None:
        raise ValidationError(_("Berkas ini bukan gambar yang dapat dibaca."), code="not_image")
    if detected != claimed:
        raise ValidationError(
            _("Ekstensi berkas (.%(claimed)s) tidak sesuai dengan isinya (%(detected)s).")
            % {"claimed": claimed, "detected": detected.upper()},
            code="fake_extension",
        )
    return data, detected


def _flatten(image):
    """RGB on white for anything with transparency or a palette."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, "white")
        background.paste(image, mask=image.getchannel("A"))
        return background
    return image.convert("RGB")


def process_photo(data):
    """Re-encode a verified image as JPEG (at most PHOTO_MAX_SIDE px) and make a thumbnail.
    Returns (photo ContentFile, thumbnail ContentFile, width, height); file names are random."""
    with Image.open(io.BytesIO(data)) as source:
        source.seek(0)
        image = ImageOps.exif_transpose(source)
        image = _flatten(image)
    image.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))
    name = uuid.uuid4().hex
    main = io.BytesIO()
    image.save(main, "JPEG", quality=85, optimize=True)
    thumb_image = image.copy()
    thumb_image.thumbnail(THUMB_SIZE)
    thumb = io.BytesIO()
    thumb_image.save(thumb, "JPEG", quality=80, optimize=True)
    return (
        ContentFile(main.getvalue(), name=f"{name}.jpg"),
        ContentFile(thumb.getvalue(), name=f"{name}-thumb.jpg"),
        image.width,
        image.height,
    )


def document_file(data, ext):
    return ContentFile(data, name=f"{uuid.uuid4().hex}.{ext}")
