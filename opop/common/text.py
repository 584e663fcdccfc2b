"""Control characters: invisible bytes that arrive with text copied from PDFs, old systems or terminal output.

C0 characters other than tab, line feed and carriage return are refused wherever text enters the portal (every form
field, every import cell): they mean nothing to a reader, PostgreSQL cannot store NUL, and XML (so XLSX) cannot hold the
rest, so one stray `\\x0b` would break every XLSX export that holds the row."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
CONTROL_MESSAGE = _(
    "Berisi karakter kontrol tak terlihat (kode %(code)s), biasanya terbawa saat menyalin dari PDF atau sistem lain. "
    "Hapus karakter itu lalu simpan lagi."
)


def control_character(text: str) -> str | None:
    """The first forbidden character of `text`, written as \\xNN, or None."""
    found = CONTROL_CHARACTERS.search(text)
    return f"\\x{ord(found.group()):02x}" if found else None


def validate_no_control_characters(value):
    code = control_character(str(value))
    if code:
        raise ValidationError(CONTROL_MESSAGE, code="control_character", params={"code": code})


def without_control_characters(text: str) -> str:
    """For writers only (exports of rows stored before the rule existed): drop what a spreadsheet cannot hold."""
    return CONTROL_CHARACTERS.sub("", text)
