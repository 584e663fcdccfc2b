"""The navbar per role: each entry says which roles see it, so one list serves every role. Entries sharing a
group become one dropdown, which keeps the bar on one line on a laptop. It names every app's pages, so it lives in
the project layer (docs/ARCHITECTURE.md), with the context processor that gives it to every template."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from opop.accounts.permissions import UserPredicates, can_administer, can_import
from opop.accounts.roles import Role

EVERYONE = frozenset(Role)
DISKOP = frozenset({Role.ADMIN, Role.STAF_DISKOP, Role.PIMPINAN})

REGISTRY = _("Registri")
REFERENCE = _("Referensi")

NAV_ITEMS = [
    # (group or None, url name, label, roles or the permission predicate that shows the entry)
    (None, "dashboard:home", _("Beranda"), EVERYONE),
    (REGISTRY, "pesantren:list", _("Pesantren"), EVERYONE),
    (REGISTRY, "pesantren:santripreneur_list", _("Santripreneur"), EVERYONE),
    (REGISTRY, "pesantren:sociopreneur_list", _("Sociopreneur"), EVERYONE),
    (REGISTRY, "imports:index", _("Impor data"), can_import),
    (None, "products:list", _("Produk"), EVERYONE),
    (None, "programs:list", _("Program OPD"), EVERYONE),
    (None, "dashboard:sinergi", _("Peta sinergi"), DISKOP),  # the FGD's map; a Petugas reaches it from the dashboard
    (None, "programs:fgd_list", _("FGD"), EVERYONE),  # meetings and their follow-up; officers report their items
    (REFERENCE, "dashboard:targets", _("Indikator & Target"), EVERYONE),
    (REFERENCE, "wilayah:list", _("Wilayah"), EVERYONE),
    (REFERENCE, "accounts:opd_list", _("Perangkat Daerah"), DISKOP),
    (REFERENCE, "accounts:opd_list", _("OPD Saya"), frozenset({Role.PETUGAS_OPD})),
    (REFERENCE, "opendata:index", _("Data terbuka"), EVERYONE),  # public; the Staf publishes its versions there
    (None, "admin:index", _("Admin Django"), can_administer),
]


def _leads_to(url, path):
    return path == url if url == "/" else path.startswith(url)


def nav_items_for(user, current_path=""):
    """[{label, url, active}] with groups as {label, children, active} at the place of their first entry. One entry
    is active: the one whose address is the longest start of the current path (/program/fgd/ is "FGD", not also
    "Program OPD")."""
    shown = [
        (group, reverse(url_name), label)
        for group, url_name, label, roles in NAV_ITEMS
        if (roles(user) if callable(roles) else user.role in roles)
    ]
    active = max((url for _g, url, _l in shown if _leads_to(url, current_path)), key=len, default=None)
    items, groups = [], {}
    for group, url, label in shown:
        entry = {"url": url, "label": label, "active": url == active}
        if group is None:
            items.append(entry)
            continue
        if group not in groups:
            groups[group] = {"label": group, "children": [], "active": False}
            items.append(groups[group])
        groups[group]["children"].append(entry)
        groups[group]["active"] |= entry["active"]
    return items


def role_navigation(request):
    """Context for every template: the navbar of the user's role, and `can` (the permission predicates)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "can": UserPredicates(None)}
    return {"nav_items": nav_items_for(user, request.path), "can": UserPredicates(user)}
