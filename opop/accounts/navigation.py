"""The navbar per role: each entry says which roles see it, so one list serves every role."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from opop.accounts.roles import Role

EVERYONE = frozenset(Role)

NAV_ITEMS = [
    # (url name, label, roles)
    ("dashboard:home", _("Beranda"), EVERYONE),
    ("dashboard:targets", _("Indikator & Target"), EVERYONE),
    ("pesantren:list", _("Pesantren"), EVERYONE),
    ("pesantren:santripreneur_list", _("Santripreneur"), EVERYONE),
    ("pesantren:sociopreneur_list", _("Sociopreneur"), EVERYONE),
    ("wilayah:list", _("Wilayah"), EVERYONE),
    ("products:list", _("Produk"), EVERYONE),
    ("accounts:opd_list", _("Perangkat Daerah"), frozenset({Role.ADMIN, Role.STAF_DISKOP, Role.PIMPINAN})),
    ("accounts:opd_list", _("OPD Saya"), frozenset({Role.PETUGAS_OPD})),
    ("programs:list", _("Program OPD"), EVERYONE),
    ("imports:index", _("Impor"), frozenset({Role.ADMIN, Role.STAF_DISKOP})),
    ("admin:index", _("Admin Django"), frozenset({Role.ADMIN})),
]


def nav_items_for(user, current_path=""):
    items = []
    for url_name, label, roles in NAV_ITEMS:
        if user.role not in roles:
            continue
        url = reverse(url_name)
        active = current_path == url if url == "/" else current_path.startswith(url)
        items.append({"url": url, "label": label, "active": active})
    return items
