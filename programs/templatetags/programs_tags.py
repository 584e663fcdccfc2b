"""Badges and percentages of the programs pages."""

from django import template

from opop.common.achievement import Band, band_of

register = template.Library()

STATUS_CLASSES = {
    "draf": "text-bg-secondary",
    "diajukan": "text-bg-primary",
    "dikembalikan": "text-bg-warning",
    "diverifikasi": "text-bg-success",
    "belum_mulai": "text-bg-light border",
    "terlambat": "text-bg-danger",
    "tanpa_tenggat": "text-bg-light border text-secondary",
}

BAND_CLASSES = {
    Band.SANGAT_TINGGI: "band-sangat-tinggi",
    Band.TINGGI: "band-tinggi",
    Band.SEDANG: "band-sedang",
    Band.RENDAH: "band-rendah",
    Band.SANGAT_RENDAH: "band-sangat-rendah",
}


@register.filter
def status_class(status):
    return STATUS_CLASSES.get(str(status), "text-bg-light border")


@register.filter
def band_class(persen):
    band = band_of(persen)
    return BAND_CLASSES.get(band, "") if band else ""


@register.filter
def band_label(persen):
    band = band_of(persen)
    return Band(band).label if band else ""


@register.filter
def bar_value(persen):
    """A percentage for <progress value>: a dot decimal, clamped to 0–100."""
    if persen is None:
        return "0"
    return f"{max(0, min(100, float(persen))):.1f}"


@register.inclusion_tag("programs/_persen.html")
def persen_bar(persen, show_band=True):
    return {"persen": persen, "show_band": show_band}


@register.inclusion_tag("programs/_capaian.html")
def capaian_cell(capaian, show_year=False):
    """Capaian to date by the in-year rule (programs.capaian): a banded bar, or why there is none."""
    return {"c": capaian, "show_year": show_year}
