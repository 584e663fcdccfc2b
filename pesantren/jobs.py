"""Tally jobs: rebuild the dashboard tallies, and the nightly reconciliation that recounts them from the raw rows
and tells the admins when they differ."""

from django.conf import settings

from opop.accounts.selectors import portal_admins
from opop.common.formatting import in_portal_language
from opop.common.reader_language import Deferred, listed
from opop.common.reader_language import deferred as _
from opop.jobs.services import next_daily
from opop.notifications.models import Jenis
from opop.notifications.services import notify
from pesantren import tallies

SHOWN_DIFFERENCES = 20


def next_reconciliation(now):
    """The nightly reconciliation's time (a schedule: pesantren/apps.py)."""
    return next_daily(now, settings.RECONCILE_HOUR)


def rebuild_tallies(run):
    run.phase(_("Menghitung ulang rekap dasbor dari data registri"))
    tallies.rebuild()
    run.finish(_("Rekap dasbor dihitung ulang dari data registri."))


def reconcile_tallies(run):
    run.phase(_("Mencocokkan rekap dasbor dengan hitungan ulang data registri"))
    found = tallies.differences()
    if not found:
        run.finish(_("Rekap dasbor cocok dengan data registri."))
        return
    lines = [
        _("%(table)s %(key)s: tercatat %(stored)s, hitungan ulang %(counted)s")
        % {"table": table, "key": key, "stored": stored, "counted": counted}
        for table, key, stored, counted in found[:SHOWN_DIFFERENCES]
    ]
    message = _(
        "%(n)d rekap dasbor berbeda dari data registri; jalankan “Hitung ulang rekap dasbor” (manage.py "
        "rebuild_tallies) untuk memperbaikinya."
    ) % {"n": len(found)}
    with in_portal_language():
        notify(
            recipients=portal_admins(),
            jenis=Jenis.REKAP,
            judul=_("Rekap dasbor OPOP tidak cocok"),
            isi=Deferred("%(message)s\n\n%(lines)s", {"message": message, "lines": listed(lines, "\n")}),
            tautan=run.job.get_absolute_url(),
        )
    run.finish(Deferred("%(message)s %(lines)s", {"message": message, "lines": listed(lines[:5], "; ")}))
