"""opop/common/uploads.py: the one upload checker parses content (images, PDF, XLSX, DOCX), not just first bytes."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from opop.common.uploads import check_upload, download_name, random_name_file
from tests.files import docx_bytes, image_bytes, pdf_bytes, xlsx_bytes, zip_bytes

ALL = {"pdf", "jpg", "png", "webp", "gif", "xlsx", "docx"}


def _check(name, content, kinds=ALL):
    return check_upload(SimpleUploadedFile(name, content), kinds=kinds)


@pytest.mark.parametrize(
    ("name", "content", "ext"),
    [
        ("a.pdf", pdf_bytes(), "pdf"),
        ("a.PDF", pdf_bytes(), "pdf"),
        ("a.jpeg", image_bytes("JPEG"), "jpg"),
        ("a.png", image_bytes("PNG"), "png"),
        ("a.webp", image_bytes("WEBP"), "webp"),
        ("a.gif", image_bytes("GIF"), "gif"),
        ("a.xlsx", xlsx_bytes(), "xlsx"),
        ("a.docx", docx_bytes(), "docx"),
        ("a.pdf", b"junk before the header\n" + pdf_bytes(), "pdf"),  # readers accept this; offsets still resolve
        ("a.pdf", pdf_bytes() + b"\r\n", "pdf"),
    ],
)
def test_real_files_pass_and_report_the_detected_extension(name, content, ext):
    assert _check(name, content) == (content, ext)


def _xlsm():
    data = io.BytesIO(xlsx_bytes())
    out = io.BytesIO()
    with zipfile.ZipFile(data) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                body = body.replace(
                    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                    b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
                )
            target.writestr(item, body)
    return out.getvalue()


def _bomb():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "spreadsheetml.sheet.main+xml")
        archive.writestr("xl/workbook.xml", "<w/>")
        archive.writestr("xl/big.xml", b"0" * (101 * 1024 * 1024))
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.pdf", b"%PDF-1.4 and then anything at all", "bukan PDF"),
        ("a.pdf", b"%PDF-1.4\nstartxref\n999999\n%%EOF", "bukan PDF"),  # offset beyond the file
        ("a.pdf", b"%PDF-1.4\n" + b"x" * 50 + b"\nstartxref\n3\n%%EOF", "bukan PDF"),  # nothing at the offset
        ("a.pdf", image_bytes("PNG"), "bukan PDF"),
        ("a.xlsx", zip_bytes({"[Content_Types].xml": "<Types/>"}), "bukan XLSX"),
        ("a.xlsx", zip_bytes({"xl/workbook.xml": "<w/>"}), "bukan XLSX"),
        ("a.xlsx", _xlsm(), "bukan XLSX"),  # macro-enabled workbook renamed .xlsx
        ("a.xlsx", _bomb(), "bukan XLSX"),
        ("a.xlsx", xlsx_bytes()[:-30], "bukan XLSX"),  # truncated zip
        ("a.docx", b"PK\x03\x04 not really a zip", "bukan DOCX"),
        ("a.png", image_bytes("PNG")[:100], "bukan gambar"),
        ("a.png", image_bytes("JPEG"), "tidak sesuai dengan isinya (JPG)"),
        ("a.exe", b"MZ", "Jenis berkas tidak diterima"),
        ("tanpa-ekstensi", pdf_bytes(), "Jenis berkas tidak diterima"),
        ("a.pdf", b"", "Berkas kosong"),
    ],
)
def test_fakes_are_refused_with_an_indonesian_message(name, content, message):
    with pytest.raises(ValidationError) as refused:
        _check(name, content)
    assert message in refused.value.messages[0]


def test_kinds_limit_what_is_accepted():
    with pytest.raises(ValidationError, match="unggah JPG, PNG, WEBP atau GIF"):
        _check("a.pdf", pdf_bytes(), kinds={"jpg", "png", "webp", "gif"})


def test_size_limit():
    with pytest.raises(ValidationError, match="terlalu besar"):
        check_upload(SimpleUploadedFile("a.pdf", pdf_bytes()), kinds=ALL, max_bytes=100)


def test_stored_name_is_random_and_download_name_is_safe():
    first, second = random_name_file(b"x", "pdf"), random_name_file(b"x", "pdf")
    assert first.name != second.name and first.name.endswith(".pdf") and len(first.name) == 36
    assert download_name("../../etc/Daftar hadir.exe", "pdf", fallback="bukti") == "Daftar_hadir.pdf"
    assert download_name("C:\\Users\\dina\\foto.PNG", "png", fallback="bukti") == "foto.png"
    assert download_name("...", "pdf", fallback="bukti") == "bukti.pdf"


def test_messages_have_an_english_translation():
    from django.utils import translation

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        _check("a.pdf", b"%PDF-1.4 fake")
    assert refused.value.messages == ["The file is named .pdf but its content is not a complete PDF."]
