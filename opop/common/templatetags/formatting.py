from django import template
from django.utils.translation import gettext

from opop.common import formatting
from opop.common.log_filters import mask_personal_data

register = template.Library()


@register.filter
def tanpa_data_pribadi(value):
    """Free text (a change reason) with NIK- and phone-like numbers masked, for viewers without personal-data rights."""
    return mask_personal_data(str(value))


@register.filter
def rupiah(value):
    return formatting.rupiah(value)


@register.filter
def ribuan(value):
    return formatting.ribuan(value)


@register.filter
def tanggal(value):
    return formatting.tanggal(value)


@register.filter
def tanggal_jam(value):
    return formatting.tanggal(value, with_time=True)


@register.filter
def persen(value, places=1):
    """{{ 14.25|persen }} -> '14,3 %' (English '14.3%'); {{ x|persen:2 }} for two decimals."""
    return formatting.persen(value, int(places))


@register.filter
def desimal(value, places=1):
    return formatting.desimal(value, int(places))


@register.filter
def reference_text(value):
    """The English of a text the portal seeds as reference data (indicator names, counting rules, sources):
    looked up in the catalog, so a text an admin has edited shows as typed."""
    return gettext(value) if value else value


@register.filter
def romawi(value):
    """A quarter as a Roman numeral (TW I … TW IV)."""
    return formatting.ROMAWI.get(int(value), value) if value not in (None, "") else ""


@register.filter
def baris(row):
    """A row as the import pages name it: "Baris 5", or a sheet row's own label ("Angkatan II baris 5")."""
    return row if isinstance(row, str) else gettext("Baris %(row)s") % {"row": row}
