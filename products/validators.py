"""Certificate number formats (PRODUCT.md §2). Numbers keep leading zeros: always text."""

import re

from django.utils.translation import gettext_lazy as _

NIB_RE = re.compile(r"^\d{13}$")
PIRT_RE = re.compile(r"^\d{13}-?\d{2}$")
BPOM_RE = re.compile(r"^M[DL]\s?\d{12}$")
HALAL_RE = re.compile(r"^ID\d{17}$")

# Hard format rules: a number that does not match is refused. Halal is a soft check (a warning only),
# merek/HKI, SNI and HACCP are free text.
FORMAT_RULES = {
    "nib": (NIB_RE, _("Nomor NIB harus tepat 13 digit angka, misalnya 9120301234567.")),
    "pirt": (PIRT_RE, _("Nomor P-IRT harus 15 digit angka, misalnya 2063517010123-26 atau 206351701012326.")),
    "bpom": (BPOM_RE, _("Nomor izin edar BPOM harus MD atau ML diikuti 12 digit, misalnya MD 224113001234.")),
}


def normalize_number(jenis, nomor):
    """Whitespace trimmed; BPOM and halal numbers in upper case with BPOM's single optional space kept."""
    nomor = " ".join((nomor or "").split())
    if jenis in ("bpom", "halal"):
        nomor = nomor.upper()
    return nomor


def pirt_digits(nomor):
    return (nomor or "").replace("-", "")


def pirt_expiry_year(nomor):
    """Digits 14-15 of a P-IRT number are the expiry year: ...-26 -> 2026. None when the number is malformed."""
    if not PIRT_RE.match(nomor or ""):
        return None
    return 2000 + int(pirt_digits(nomor)[13:15])


def pirt_region_code(nomor):
    """Digits 4-7 of a P-IRT number: the province + kab/kota code of the producer (3517 = Jombang)."""
    if not PIRT_RE.match(nomor or ""):
        return None
    return pirt_digits(nomor)[3:7]
