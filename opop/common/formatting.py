"""Indonesian number and date formatting, shared by templates and exports."""

import datetime
from decimal import Decimal

from django.utils import timezone

BULAN = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
]  # fmt: skip
EMPTY = "—"


def ribuan(value) -> str:
    """Whole number with dots between thousands: 1250000 -> '1.250.000'."""
    if value is None or value == "":
        return EMPTY
    number = int(Decimal(value).to_integral_value())
    return f"{number:,}".replace(",", ".")


def rupiah(value) -> str:
    """Rupiah as officials write it: 'Rp 1.250.000' (negative: '-Rp 1.250.000')."""
    if value is None or value == "":
        return EMPTY
    number = int(Decimal(value).to_integral_value())
    sign = "-" if number < 0 else ""
    return f"{sign}Rp {ribuan(abs(number))}"


def tanggal(value, with_time=False) -> str:
    """'28 November 2026', or '28 November 2026 12.36 WIB' for a datetime with `with_time`."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        text = f"{value.day} {BULAN[value.month - 1]} {value.year}"
        return f"{text} {value:%H.%M} WIB" if with_time else text
    return f"{value.day} {BULAN[value.month - 1]} {value.year}"
