"""Deadline reminders for plans, quarterly reports and FGD tindak lanjut: 7 days before, 1 day before, and once
overdue (copied to Diskop). Run by the "pengingat" schedule twice a day (or `manage.py send_reminders`, as often as
one likes): each reminder carries a key per item and stage, so nobody gets the same one twice."""

from django.urls import reverse
from django.utils.translation import gettext_noop

from opop.accounts.models import PerangkatDaerah
from opop.accounts.selectors import diskop_staff, officers_of, officers_of_any
from opop.common.formatting import in_portal_language, tanggal
from opop.common.reader_language import deferred as _
from opop.notifications.models import Jenis
from opop.notifications.services import notify
from programs.fgd_notices import short_date
from programs.fgd_selectors import tindak_lanjut_due
from programs.models import ROMAWI, LaporanTriwulan, Rencana, Status
from programs.selectors import deadlines_for_year, plan_deadline_for_year, plan_owed

# (title, text) per stage: gettext_noop, so the inbox can show each reader their language (Notifikasi.teks).
TEXTS = {
    "lewat": (
        gettext_noop("Laporan TW %(tw)s %(opd)s %(tahun)s terlambat"),
        gettext_noop("Batas pelaporan %(batas)s sudah lewat dan laporan TW %(tw)s belum diajukan."),
    ),
    "h1": (
        gettext_noop("Batas laporan TW %(tw)s %(tahun)s: %(batas)s"),
        gettext_noop("Laporan TW %(tw)s %(opd)s harus diajukan paling lambat %(batas)s."),
    ),
    "h7": (
        gettext_noop("Laporan TW %(tw)s %(tahun)s jatuh tempo dalam %(n)s hari"),
        gettext_noop("Laporan TW %(tw)s %(opd)s harus diajukan paling lambat %(batas)s."),
    ),
    "rencana_lewat": (
        gettext_noop("Rencana %(opd)s %(tahun)s terlambat"),
        gettext_noop("Batas pengajuan rencana %(batas)s sudah lewat dan rencana %(tahun)s belum diajukan ke Diskop."),
    ),
    "rencana_h1": (
        gettext_noop("Batas pengajuan rencana %(tahun)s: %(batas)s"),
        gettext_noop("Rencana %(tahun)s %(opd)s harus diajukan ke Diskop paling lambat %(batas)s."),
    ),
    "rencana_h7": (
        gettext_noop("Rencana %(tahun)s jatuh tempo dalam %(n)s hari"),
        gettext_noop("Rencana %(tahun)s %(opd)s harus diajukan ke Diskop paling lambat %(batas)s."),
    ),
}
OVERDUE_DAYS = 30  # an older overdue quarter is left to the compliance board, not announced on a first run


def _stage(days_left):
    if 1 < days_left <= 7:
        return "h7"
    if 0 <= days_left <= 1:
        return "h1"
    if -OVERDUE_DAYS <= days_left < 0:
        return "lewat"
    return None


def reminders_send(*, today):
    """Send what is due on `today`; returns the number of inbox messages created."""
    sent = 0
    for tahun in (today.year - 1, today.year):
        for triwulan, batas in deadlines_for_year(tahun).items():
            stage = _stage((batas - today).days) if batas else None
            if stage is None:
                continue
            done = LaporanTriwulan.objects.filter(
                rencana__tahun=tahun, triwulan=triwulan, status__in=[Status.DIAJUKAN, Status.DIVERIFIKASI]
            ).values("rencana_id")
            plans = (
                Rencana.objects.filter(tahun=tahun, status=Status.DIVERIFIKASI)
                .exclude(pk__in=done)
                .select_related("opd")
            )
            for rencana in plans:
                sent += _remind(rencana, triwulan, batas, stage, (batas - today).days)
    return sent + _remind_rencana(today) + _remind_tindak_lanjut(today)


def _remind_rencana(today):
    """Plans not submitted by their deadline (the end of January by default): the OPD's officers 7 days and 1 day
    before, and once overdue (copied to Diskop), as the reports."""
    sent = 0
    for tahun in (today.year, today.year + 1):
        batas = plan_deadline_for_year(tahun)
        stage = _stage((batas - today).days) if batas else None
        if stage is None:
            continue
        values = {"tahun": tahun, "batas": batas, "n": (batas - today).days}
        for opd, rencana in plan_owed(PerangkatDaerah.objects.all(), Rencana.objects.all(), tahun):
            sent += _notify_stage(
                opd,
                f"rencana_{stage}",
                values,
                tautan=rencana.get_absolute_url() if rencana else f"{reverse('programs:create')}?tahun={tahun}",
                kunci=f"tenggat-rencana:{opd.pk}:{tahun}:{stage}",
            )
    return sent


def _remind_tindak_lanjut(today):
    """FGD decisions still open: their owners' officers 7 days and 1 day before the due date, and once overdue
    (copied to Diskop), with the same stages and keys as the reports."""
    sent = 0
    for item in tindak_lanjut_due(today=today, within=7, overdue_days=OVERDUE_DAYS):
        days_left = (item.tenggat - today).days
        stage = _stage(days_left)
        if stage is None:
            continue
        recipients = list(officers_of_any(item.opd.all()))
        with in_portal_language():
            values = {
                "fgd": f"FGD {short_date(item.fgd.tanggal)}",
                "uraian": item.uraian[:120],
                "opd": ", ".join(opd.singkatan or opd.nama for opd in item.opd.all()),
                "batas": short_date(item.tenggat),
                "n": days_left,
            }
            if stage == "lewat":
                recipients += list(diskop_staff())
                judul = _("Tindak lanjut %(fgd)s %(opd)s lewat tenggat") % values
            elif stage == "h1":
                judul = _("Tenggat tindak lanjut %(fgd)s: %(batas)s") % values
            else:
                judul = _("Tindak lanjut %(fgd)s jatuh tempo dalam %(n)s hari") % values
            isi = _("%(uraian)s (tenggat %(batas)s).") % values
            created = notify(
                recipients=recipients,
                jenis=Jenis.TERLAMBAT if stage == "lewat" else Jenis.TENGGAT,
                judul=judul,
                isi=isi,
                tautan=item.get_absolute_url(),
                kunci=f"tindak-lanjut:{item.pk}:{stage}",
            )
        sent += len(created)
    return sent


def _remind(rencana, triwulan, batas, stage, days_left):
    return _notify_stage(
        rencana.opd,
        stage,
        {"tw": ROMAWI[triwulan], "tahun": rencana.tahun, "batas": batas, "n": days_left},
        tautan=f"{rencana.get_absolute_url()}#tw-{triwulan}",
        kunci=f"tenggat:{rencana.pk}:{triwulan}:{stage}",
    )


def _notify_stage(opd, stage, values, *, tautan, kunci):
    """One reminder of TEXTS[stage] to the OPD's officers (Diskop copied once overdue); the number created."""
    recipients = list(officers_of(opd))
    if stage.endswith("lewat"):
        recipients += list(diskop_staff())
    values = {**values, "opd": opd.singkatan or opd.nama}
    judul, isi = TEXTS[stage]
    with in_portal_language():
        shown = {**values, "batas": tanggal(values["batas"])}
        created = notify(
            recipients=recipients,
            jenis=Jenis.TERLAMBAT if stage.endswith("lewat") else Jenis.TENGGAT,
            judul=_(judul) % shown,
            isi=_(isi) % shown,
            teks=(judul, isi, values),
            tautan=tautan,
            kunci=kunci,
        )
    return len(created)
