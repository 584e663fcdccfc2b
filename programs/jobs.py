"""Plan jobs: the FGD recap XLSX (the same workbook as the page's download, kept in "Pekerjaan saya"), the
deadline reminders that run by themselves twice a day, and the hourly relock of reopened years whose window ran out
(schedules: programs/apps.py)."""

import datetime

from django.conf import settings
from django.utils import timezone

from opop.common.reader_language import deferred as _
from opop.common.reader_language import deferred_plural
from opop.jobs.services import next_daily
from programs import angka_services, exports, selectors
from programs.reminders import reminders_send


def next_reminders(now):
    """The next of the reminder hours (settings.REMINDER_HOURS, local time)."""
    return min(next_daily(now, hour) for hour in settings.REMINDER_HOURS)


def next_relock(now):
    """The next full hour: a reopening window closes at most an hour late."""
    return now.replace(minute=0, second=0, microsecond=0) + datetime.timedelta(hours=1)


def relock_years(run):
    run.phase(_("Mengunci kembali tahun yang masa pembukaannya habis"))
    relocked = angka_services.pembukaan_relock_due(now=timezone.now())
    run.finish(
        deferred_plural("%(n)d tahun dikunci kembali.", "%(n)d tahun dikunci kembali.", len(relocked))
        % {"n": len(relocked)}
    )


def send_reminders(run):
    run.phase(_("Mengirim pengingat tenggat"))
    sent = reminders_send(today=timezone.localdate())
    run.finish(deferred_plural("%(n)d pengingat dikirim.", "%(n)d pengingat dikirim.", sent) % {"n": sent})


def rekap_fgd_xlsx(run):
    params = run.job.params
    run.phase(_("Menyusun rekap FGD"))
    recap = selectors.rekap_fgd(run.job.started_by, params["tahun"], verified_only=params.get("terverifikasi", False))
    response = exports.rekap_fgd_xlsx(recap)
    with open(run.result_path(f"rekap-fgd-{params['tahun']}.xlsx"), "wb") as out:
        out.write(response.content)
    run.finish(_("Rekap FGD %(tahun)s siap diunduh.") % {"tahun": params["tahun"]})
