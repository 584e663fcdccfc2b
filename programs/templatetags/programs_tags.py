"""Badges and percentages of the programs pages."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from opop.common import formatting
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
    "belum_rencana": "text-bg-warning",
    "menunggu_rencana": "text-bg-light border text-secondary",
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


bar_value = register.filter("bar_value", formatting.bar_percent)


# The two cells below are written in Python, not as inclusion templates: a dashboard shows a few hundred of them
# and an inclusion tag builds a context and renders a template for each (a sixth of the per-OPD page's time).


@register.simple_tag
def persen_bar(persen, show_band=True):
    """A percentage with its band: number, bar and badge; a dash when there is none."""
    if persen is None:
        return mark_safe('<span class="text-secondary">—</span>')
    band = band_class(persen)
    badge = format_html('<span class="badge band-badge {}">{}</span>', band, band_label(persen)) if show_band else ""
    return format_html(
        '<div class="persen-cell"><span class="num fw-semibold">{}</span>'
        '<progress class="opop-progress {}" max="100" value="{}" aria-hidden="true"></progress>{}</div>',
        formatting.persen(persen),
        band,
        bar_value(persen),
        badge,
    )


@register.simple_tag
def capaian_cell(capaian, show_year=False, of_pagu=False):
    """Capaian to date by the in-year rule (programs.capaian): a banded bar, or why there is none. `of_pagu`: the
    capaian is spending against the anggaran kas (Realisasi.keuangan), its yearly figure a share of the pagu."""
    if capaian.dinilai:
        cell = persen_bar(capaian.persen)
        if show_year and not capaian.akhir_tahun:
            yearly = _("%(p)s dari pagu") if of_pagu else _("%(p)s dari target tahunan")
            yearly = yearly % {"p": formatting.persen(capaian.persen_tahun)}
            cell += format_html('<div class="small text-secondary capaian-tahunan">{}</div>', yearly)
        return cell
    if capaian.keadaan == "belum_dijadwalkan":
        return format_html(
            '<span class="badge text-bg-light border text-secondary capaian-belum">{}</span>', _("belum dijadwalkan")
        )
    return format_html('<span class="small text-secondary capaian-none">{}</span>', capaian.label)
