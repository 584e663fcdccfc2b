from django import template

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
