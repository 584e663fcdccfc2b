"""The one upload checker: a file is trusted for what parsing finds inside it, never for its name, its first bytes
or the browser's content type.

- images (JPG, PNG, WebP, GIF): Pillow opens and verifies them, with a pixel limit against decompression bombs;
- PDF: the header, the `startxref` offset and `%%EOF` at the end, and a cross-reference table (or stream) where
  the offset points — what a PDF reader needs to open it; a renamed file or a header glued onto anything fails;
- XLSX/DOCX: a readable zip (CRC checked) with `[Content_Types].xml` declaring the workbook or document part and
  that part present (`xl/workbook.xml`, `word/document.xml`); macro-enabled variants are refused.

`check_upload` returns the bytes and the detected extension; callers store them under a random name
(`random_name_file`), so a stored name never comes from the user."""

import io
import re
import uuid
import warnings
import zipfile

from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files.base import ContentFile
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000  # refuses decompression bombs long before memory runs out
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024  # an office file that inflates beyond this is a zip bomb
IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
IMAGE_KINDS = frozenset(IMAGE_FORMATS.values())
OFFICE_PARTS = {
    "xlsx": ("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
    "docx": ("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
}
CONTENT_TYPES = {
    "jpg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "gif": "image/gif",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "csv": "text/csv; charset=utf-8",  # files we wrote (job results, failed rows), never an accepted upload kind
}
_KIND_ORDER = ["pdf", "jpg", "png", "webp", "gif", "xlsx", "docx"]


def extension_of(name):
    ext = name.rsplit(".", 1)[-1].lower() if "." in (name or "") else ""
    return "jpg" if ext == "jpeg" else ext


def describe_kinds(kinds):
    """'PDF, JPG, PNG, XLSX atau DOCX' — for messages and help texts."""
    names = [k.upper() for k in _KIND_ORDER if k in kinds]
    if len(names) == 1:
        return names[0]
    return _("%(list)s atau %(last)s") % {"list": ", ".join(names[:-1]), "last": names[-1]}


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
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ):
        return None
    if fmt not in IMAGE_FORMATS or width * height > MAX_IMAGE_PIXELS or not width or not height:
        return None
    return IMAGE_FORMATS[fmt]


_PDF_HEADER = re.compile(rb"%PDF-[12]\.\d")
_PDF_TAIL = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*\Z")
_PDF_XREF = re.compile(rb"\s*(xref\b|\d+\s+\d+\s+obj\b)")


def is_pdf(data):
    """A light structural parse: header in the first KB, `startxref <offset> %%EOF` at the end (trailing
    whitespace allowed), and a cross-reference table or stream object at that offset."""
    header = _PDF_HEADER.search(data[:1024])
    tail = _PDF_TAIL.search(data[-1024:])
    if header is None or tail is None:
        return False
    offset = int(tail.group(1))
    # Offsets count from the header; readers also accept files whose offsets count from the first byte.
    return any(start + offset < len(data) and _PDF_XREF.match(data, start + offset) for start in {header.start(), 0})


def is_office_file(data, ext):
    """An OOXML file of the kind `ext` names: a sound zip whose content types declare that kind's main part."""
    part, main_type = OFFICE_PARTS[ext]
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            if sum(entry.file_size for entry in entries) > MAX_UNZIPPED_BYTES:
                return False
            names = {entry.filename for entry in entries}
            if "[Content_Types].xml" not in names or part not in names:
                return False
            content_types = archive.read("[Content_Types].xml")
            archive.read(part)  # checks the part's CRC
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return False
    return main_type.encode() in content_types


def _content_matches(data, ext):
    if ext == "pdf":
        return is_pdf(data)
    if ext in OFFICE_PARTS:
        return is_office_file(data, ext)
    return detect_image(data) == ext


def check_upload(upload, *, kinds, max_bytes=MAX_UPLOAD_BYTES):
    """Returns (bytes, extension) of an upload whose name and parsed content are one of `kinds`
    ({'pdf', 'jpg', 'png', 'webp', 'gif', 'xlsx', 'docx'}), or raises ValidationError with an Indonesian message."""
    if upload.size > max_bytes:
        raise ValidationError(
            _("Berkas terlalu besar (%(size)s); ukuran maksimum %(max)s.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(max_bytes)},
            code="too_large",
        )
    if upload.size == 0:
        raise ValidationError(_("Berkas kosong."), code="empty")
    claimed = extension_of(upload.name)
    if claimed not in kinds:
        raise ValidationError(
            _("Jenis berkas tidak diterima; unggah %(kinds)s.") % {"kinds": describe_kinds(kinds)},
            code="bad_extension",
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if _content_matches(data, claimed):
        return data, claimed
    if claimed in IMAGE_KINDS:
        detected = detect_image(data)
        if detected is None:
            raise ValidationError(_("Berkas ini bukan gambar yang dapat dibaca."), code="not_image")
        raise ValidationError(
            _("Ekstensi berkas (.%(claimed)s) tidak sesuai dengan isinya (%(detected)s).")
            % {"claimed": claimed, "detected": detected.upper()},
            code="fake_extension",
        )
    raise ValidationError(
        _("Berkas bernama .%(ext)s tetapi isinya bukan %(kind)s yang utuh.")
        % {"ext": claimed, "kind": claimed.upper()},
        code="fake_extension",
    )


def random_name_file(data, ext):
    """The checked bytes as a file named by a random UUID with the detected extension."""
    return ContentFile(data, name=f"{uuid.uuid4().hex}.{ext}")


def stored_file_response(field_file, *, name="", fallback="berkas"):
    """A checked upload kept in private storage, as a download with the content type of the kind verified at upload
    (`name`, or `fallback` with the file's extension); a file gone from the disk is a 404, never a 500."""
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    ext = extension_of(field_file.name)
    content_type = CONTENT_TYPES.get(ext, "application/octet-stream")
    return FileResponse(handle, as_attachment=True, filename=name or f"{fallback}.{ext}", content_type=content_type)


def download_name(original, ext, fallback):
    """A safe file name for Content-Disposition: the uploader's name without path or odd characters, ending in the
    detected extension."""
    stem = (original or "").replace("\\", "/").rsplit("/", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    try:
        stem = get_valid_filename(stem.strip())[:150]
    except SuspiciousFileOperation:  # nothing usable left
        stem = ""
    return f"{stem or fallback}.{ext}"
