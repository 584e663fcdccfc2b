"""Reporting-deadline reminders: 7 days before, 1 day before, and once overdue (copied to Diskop). Run by
`manage.py send_reminders` as often as one likes (twice a day is the plan): each reminder carries a key per
plan, quarter and stage, so nobody gets the same one twice."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from opop.accounts.selectors import diskop_staff, officers_of
from opop.common.formatting import in_portal_language, tanggal
from opop.notifications.models import Jenis
from opop.notifications.services import notify
from programs.models import ROMAWI, LaporanTriwulan, Rencana, Status
from programs.selectors import deadlines_for_year

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
    return sent


def _remind(rencana, triwulan, batas, stage, days_left):
    recipients = list(officers_of(rencana.opd))
    with in_portal_language():
        values = {
            "tw": ROMAWI[triwulan],
            "opd": rencana.opd.singkatan or rencana.opd.nama,
            "tahun": rencana.tahun,
            "batas": tanggal(batas),
            "n": days_left,
        }
        if stage == "lewat":
            recipients += list(diskop_staff())
        judul, isi = TEXTS[stage]
        created = notify(
            recipients=recipients,
            jenis=Jenis.TERLAMBAT if stage == "lewat" else Jenis.TENGGAT,
            judul=_(judul) % values,
            isi=_(isi) % values,
            teks=(judul, isi, {**values, "batas": batas}),
            tautan=f"{rencana.get_absolute_url()}#tw-{triwulan}",
            kunci=f"tenggat:{rencana.pk}:{triwulan}:{stage}",
        )
    return len(created)
