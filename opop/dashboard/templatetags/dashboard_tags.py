"""Small display helpers of the dashboard pages."""

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from opop.common import formatting

register = template.Library()


@register.filter
def pace_class(pace):
    """The CSS class of a pace status badge."""
    return f"pace-{pace.status}" if pace is not None else "pace-belum_ada_data"


register.filter("bar_width", formatting.bar_percent)


@register.filter
def get_item(mapping, key):
    """mapping[key] for keys a template cannot spell (indicator codes contain a hyphen)."""
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def index(sequence, position):
    """sequence[position] (the matrix's cells follow the order of its OPD columns)."""
    try:
        return sequence[position]
    except (IndexError, TypeError, KeyError):
        return None


@register.filter
def laju(value):
    """A run-rate per year: whole thousands-dotted numbers, one decimal (comma) below 100 so 0.4/yr is not '0'."""
    if value is None:
        return formatting.EMPTY
    if abs(value) >= 100:
        return formatting.ribuan(value)
    return number_format(round(value, 1), decimal_pos=1)


@register.filter
def region_label(region, unit=""):
    """A map region's name for screen readers and the hover title: 'Kab. Jombang: 12 pesantren; alokasi …'."""
    text = f"{region['nama']}: {formatting.ribuan(region['value'])}"
    if unit:
        text += f" {unit}"
    row = region.get("row")
    if row and row.get("alokasi") is not None:
        text += "; " + _("alokasi target {alokasi}; kesenjangan {gap}; peringkat {rank}").format(
            alokasi=formatting.ribuan(row["alokasi"]), gap=formatting.ribuan(row["gap"]), rank=row["peringkat"]
        )
    return text
