"""Small display helpers of the catalogue pages: badge classes for curation and expiry states."""

from django import template

register = template.Library()

STATUS_CLASSES = {
    "terdaftar": "text-bg-secondary",
    "diverifikasi": "text-bg-info",
    "dikurasi": "text-bg-primary",
    "unggulan": "badge-unggulan",
    "tidak_lolos": "text-bg-danger",
}
EXPIRY_CLASSES = {
    "berlaku": "text-bg-success",
    "segera": "text-bg-warning",
    "kedaluwarsa": "text-bg-danger",
    "tanpa_batas": "text-bg-light border",
}


@register.filter
def status_class(status):
    return STATUS_CLASSES.get(status, "text-bg-secondary")


@register.filter
def expiry_class(state):
    return EXPIRY_CLASSES.get(state, "text-bg-light border")


@register.filter
def readiness_class(score):
    if score >= 100:
        return "bg-success"
    if score >= 50:
        return "bg-warning"
    return "bg-danger"
