from django import template

from opop.common import formatting

register = template.Library()


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
