"""Number and date formatting shared by templates, messages and exports, one convention per language:
Indonesian ``1.000.000``, ``14,2 %``, ``2 Desember 2026``; English ``1,000,000``, ``14.2%``, ``2 December 2026``.
The language is the active one (the switcher's choice), Indonesian when none is active. The separators and month
names are Django's own locale formats (`number_format`, `date_format`); this module only fixes the rounding
(half up, as officials round), the empty mark and the percent sign's spacing."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format, number_format

EMPTY = "—"
NBSP = "\u00a0"


ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}  # quarters as officials write them: TW I … TW IV


def triwulan_rentang(quarters) -> str:
    """Quarters ("1234", "23", "134") as runs: "TW I–IV", "TW II–III", "TW I, TW III–IV"; EMPTY for none."""
    numbers = sorted({int(q) for q in str(quarters or "")})
    runs = []
    for q in numbers:
        if runs and q == runs[-1][1] + 1:
            runs[-1][1] = q
        else:
            runs.append([q, q])
    return ", ".join(f"TW {ROMAWI[a]}" + (f"–{ROMAWI[b]}" if b > a else "") for a, b in runs) or EMPTY


def _english() -> bool:
    return (translation.get_language() or "id").startswith("en")


def ribuan(value) -> str:
    """Whole number grouped by thousands: 1250000 -> '1.250.000' (English '1,250,000')."""
    if value is None or value == "":
        return EMPTY
    return number_format(int(Decimal(value).to_integral_value(ROUND_HALF_UP)), force_grouping=True)


def desimal(value, places=1) -> str:
    """A decimal number with `places` digits: '14,2' (English '14.2'), thousands grouped as ribuan()."""
    if value is None or value == "":
        return EMPTY
    number = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return number_format(number, decimal_pos=places, force_grouping=True)


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
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        if with_time:
            return f"{date_format(value, 'j F Y')} {date_format(value, 'H:i' if _english() else 'H.i')} WIB"
    return date_format(value, "j F Y")


def in_portal_language():
    """Messages are written in the portal's language, whatever language the person who caused them uses."""
    return translation.override(settings.LANGUAGE_CODE)
