"""Achievement: a percentage of a target and its band. Shared by the plans (programs) and the dashboards, so it lives
below both."""

from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class Band(models.TextChoices):
    """Achievement bands of PRODUCT.md §2 (Permendagri 86/2017 evaluation scale)."""

    SANGAT_TINGGI = "sangat_tinggi", _("Sangat tinggi")
    TINGGI = "tinggi", _("Tinggi")
    SEDANG = "sedang", _("Sedang")
    RENDAH = "rendah", _("Rendah")
    SANGAT_RENDAH = "sangat_rendah", _("Sangat rendah")


def band_of(persen):
    """91–100 sangat tinggi, 76–90 tinggi, 66–75 sedang, 51–65 rendah, ≤ 50 sangat rendah (None stays None)."""
    if persen is None:
        return None
    if persen > 90:
        return Band.SANGAT_TINGGI
    if persen > 75:
        return Band.TINGGI
    if persen > 65:
        return Band.SEDANG
    if persen > 50:
        return Band.RENDAH
    return Band.SANGAT_RENDAH


def persen(part, whole):
    """part / whole × 100, two decimals rounded half up (as Excel's ROUND, so a printed figure can be checked);
    None when the whole is zero or missing."""
    if part is None or not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
