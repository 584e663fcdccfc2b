"""What an FGD's decisions tell whom: the owner OPDs' officers hear of a decision given to them, Diskop staff of
a status reported. Called by programs.fgd_services inside their transaction, after the change."""

from opop.accounts.selectors import diskop_staff, officers_of_any
from opop.common.formatting import in_portal_language
from opop.common.reader_language import deferred as _
from opop.notifications.models import Jenis
from opop.notifications.services import notify


def short_date(value):
    """21-12-2026: a date kept in a stored message, read the same in both languages (no month name)."""
    return value.strftime("%d-%m-%Y")


def _status(item):
    """The item's status label, translatable: the inbox writes it in each reader's language."""
    return dict(type(item)._meta.get_field("status").flatchoices).get(item.status, item.status)


def _values(item, actor):
    return {
        "fgd": f"FGD {short_date(item.fgd.tanggal)}",
        "uraian": item.uraian[:120],
        "tenggat": short_date(item.tenggat),
        "status": _status(item),
        "who": actor,
    }


def tindak_lanjut_assigned(item, actor, opds=None):
    opds = list(item.opd.all()) if opds is None else opds
    with in_portal_language():
        values = _values(item, actor)
        notify(
            recipients=officers_of_any(opds),
            actor=actor,
            jenis=Jenis.TENGGAT,
            judul=_("Tindak lanjut %(fgd)s untuk OPD Anda, tenggat %(tenggat)s") % values,
            isi=_("%(who)s mencatat tindak lanjut: %(uraian)s") % values,
            tautan=item.get_absolute_url(),
        )


def tindak_lanjut_reported(item, actor):
    with in_portal_language():
        values = {**_values(item, actor), "status": _status(item)}
        notify(
            recipients=diskop_staff(),
            actor=actor,
            jenis=Jenis.TENGGAT,
            judul=_("Tindak lanjut %(fgd)s: %(status)s") % values,
            isi=_("%(who)s melaporkan status “%(status)s”: %(uraian)s") % values,
            tautan=item.get_absolute_url(),
        )
