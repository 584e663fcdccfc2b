"""Image processing of product photos with Pillow; uploads are checked first by `opop.common.uploads.check_upload`.

Photos are re-encoded (which drops metadata and anything appended to the image), stored under a
random name with the extension of the detected format, and get a thumbnail; so the server only ever hands out
real images with an image content type."""

import io
import uuid

from django.core.files.base import ContentFile
from PIL import Image, ImageOps

from opop.common.uploads import IMAGE_KINDS

PHOTO_KINDS = IMAGE_KINDS
DOCUMENT_KINDS = IMAGE_KINDS | {"pdf"}

PHOTO_MAX_SIDE = 1600
THUMB_SIZE = (480, 480)


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
