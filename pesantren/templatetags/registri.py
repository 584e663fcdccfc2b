"""Small helpers of the registry lists: sortable column headers and export links that keep the filters."""

from django import template

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
