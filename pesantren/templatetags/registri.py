"""Small helpers of the registry lists: sortable column headers, export links that keep the filters, status badges."""

from django import template
from django.utils.html import format_html

register = template.Library()

PAGING_PARAMS = ("halaman", "kursor", "format")


def _query(request, **changes):
    query = request.GET.copy()
    for name in PAGING_PARAMS:
        query.pop(name, None)
    for name, value in changes.items():
        query[name] = value
    return "?" + query.urlencode()


@register.inclusion_tag("pesantren/_sort_th.html", takes_context=True)
def sort_th(context, key, label, current, css=""):
    """A column header that sorts by `key`; a second click reverses. Paging restarts at the first page."""
    active = current.lstrip("-") == key
    descending = active and current.startswith("-")
    target = f"-{key}" if active and not descending else key
    return {
        "url": _query(context["request"], sort=target),
        "label": label,
        "active": active,
        "descending": descending,
        "css": css,
    }


@register.simple_tag(takes_context=True)
def export_url(context, fmt):
    """This list, as filtered and sorted, as a file."""
    return _query(context["request"], format=fmt)


@register.simple_tag
def status_badge(record):
    """A registry record's status as a badge (green when active). A tag, not an include: a list shows 50."""
    css = "text-bg-success" if record.status == "aktif" else "text-bg-secondary"
    return format_html('<span class="badge {}">{}</span>', css, record.get_status_display())
