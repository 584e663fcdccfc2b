"""Number and date formatting shared by templates and exports, one convention per language:
Indonesian ``1.000.000``, ``14,2 %``, ``2 Desember 2026``; English ``1,000,000``, ``14.2%``, ``2 December 2026``.
The language is the active one (the switcher's choice), Indonesian when none is active."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils import timezone, translation

BULAN = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
EMPTY = "—"
NBSP = "\u00a0"


ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}  # quarters as officials write them: TW I … TW IV


def _english() -> bool:
    return (translation.get_language() or "id").startswith("en")


def ribuan(value) -> str:
    """Whole number grouped by thousands: 1250000 -> '1.250.000' (English '1,250,000')."""
    if value is None or value == "":
        return EMPTY
    number = int(Decimal(value).to_integral_value())
    text = f"{number:,}"
    return text if _english() else text.replace(",", ".")


def desimal(value, places=1) -> str:
    """A decimal number with `places` digits: '14,2' (English '14.2'), thousands grouped as ribuan()."""
    if value is None or value == "":
        return EMPTY
    number = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{number:,.{places}f}"
    if _english():
        return text
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def persen(value, places=1) -> str:
    """A percentage: '14,2 %' in Indonesian (a no-break space before the sign), '14.2%' in English."""
    if value is None or value == "":
        return EMPTY
    number = desimal(value, places)
    return f"{number}%" if _english() else f"{number}{NBSP}%"


def bar_percent(value) -> str:
    """A percentage for a bar (<progress value>, a CSS width): a dot decimal in any language, clamped to 0–100."""
    if value is None:
        return "0"
    return f"{max(0.0, min(100.0, float(value))):.1f}"


def rupiah(value) -> str:
    """Rupiah as officials write it: 'Rp 1.250.000' (negative: '-Rp 1.250.000'; English 'Rp 1,250,000')."""
    if value is None or value == "":
        return EMPTY
    number = int(Decimal(value).to_integral_value())
    sign = "-" if number < 0 else ""
    return f"{sign}Rp {ribuan(abs(number))}"


def tanggal(value, with_time=False) -> str:
    """'28 November 2026', or '28 November 2026 12.36 WIB' for a datetime with `with_time` (English '12:36 WIB')."""
    if value is None or value == "":
        return EMPTY
    months = MONTHS if _english() else BULAN
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        text = f"{value.day} {months[value.month - 1]} {value.year}"
        if not with_time:
            return text
        return f"{text} {value:%H:%M} WIB" if _english() else f"{text} {value:%H.%M} WIB"
    return f"{value.day} {months[value.month - 1]} {value.year}"


def in_portal_language():
    """Messages are written in the portal's language, whatever language the person who caused them uses."""
    return translation.override(settings.LANGUAGE_CODE)
