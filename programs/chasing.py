"""Chasing between FGDs (issue 29): what each OPD still owes for a year, read off the compliance board, sent to its
officers as a reminder ("Kirim pengingat": inbox and e-mail, recorded with who and when, once per OPD and year within
24 hours) or copied as a short WhatsApp text, where the officers actually are."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from opop.accounts.models import PerangkatDaerah
from opop.accounts.permissions import can_verify_plans
from opop.accounts.selectors import officers_of
from opop.common.formatting import in_portal_language, tanggal
from opop.common.years import FIRST_YEAR, LAST_YEAR
from opop.notifications.models import Jenis
from opop.notifications.services import notify
from programs.models import ROMAWI, Kepatuhan, Pengingat, Status
from programs.selectors import kepatuhan_by_opd

REPEAT_AFTER = datetime.timedelta(hours=24)


@dataclass(frozen=True)
class Tunggakan:
    """What one OPD owes for a year: the lines of a reminder, and the page that shows them."""

    opd: object
    tahun: int
    items: list  # texts in the portal language, e.g. "Laporan TW I 2026 (batas 15 April 2026)"
    tautan: str  # a path inside the portal


def owed(row, tahun):
    """What the compliance board's row of one OPD says it owes: a plan not submitted by its deadline, or, once the
    plan is verified, each quarter's report past its deadline."""
    rencana, items = row["rencana"], []
    if row["plan_state"] == Kepatuhan.BELUM_RENCANA:  # the plan deadline passed without a submitted plan
        items.append(_("Rencana OPOP %(tahun)s belum diajukan") % {"tahun": tahun})
    if rencana is None or rencana.status != Status.DIVERIFIKASI:
        return Tunggakan(opd=row["opd"], tahun=tahun, items=items, tautan=_plan_page(rencana))  # no report due yet
    for cell in row["cells"]:
        if cell["state"] == Kepatuhan.TERLAMBAT:
            message = _("Laporan TW %(tw)s %(tahun)s (batas %(batas)s)")
            items.append(message % {"tw": ROMAWI[cell["triwulan"]], "tahun": tahun, "batas": tanggal(cell["batas"])})
    return Tunggakan(opd=row["opd"], tahun=tahun, items=items, tautan=_plan_page(rencana))


def _plan_page(rencana):
    return rencana.get_absolute_url() if rencana is not None else reverse("programs:create")


def whatsapp_text(tunggakan):
    """A short message to paste into the OPD's WhatsApp group: exactly what is missing, and the link."""
    lines = [
        _("Yth. petugas OPOP %(opd)s,") % {"opd": tunggakan.opd.singkatan or tunggakan.opd.nama},
        _("mohon segera dilengkapi di Portal OPOP Jatim:"),
        *(f"{number}. {item}" for number, item in enumerate(tunggakan.items, 1)),
        f"{settings.PORTAL_URL}{tunggakan.tautan}",
        _("Terima kasih. — Diskop UKM Jawa Timur"),
    ]
    return "\n".join(lines)


def last_reminder(opd, tahun):
    return Pengingat.objects.filter(opd=opd, tahun=tahun).select_related("dikirim_oleh").first()


@transaction.atomic
def reminder_send(*, actor, tunggakan):
    """Tell the OPD's officers what it owes (inbox and e-mail) and record it. Refused when there is nothing to
    chase, when the OPD has no active officer, or within 24 hours of the last reminder for that OPD and year."""
    if not can_verify_plans(actor):
        raise PermissionDenied(_("Hanya Staf Diskop atau Admin yang dapat mengirim pengingat."))
    opd = PerangkatDaerah.objects.select_for_update().get(pk=tunggakan.opd.pk)  # one sender at a time per OPD
    if not tunggakan.items:
        raise ValidationError(_("%(opd)s tidak punya tunggakan %(tahun)s.") % {"opd": opd, "tahun": tunggakan.tahun})
    last = last_reminder(opd, tunggakan.tahun)
    if last is not None and timezone.now() - last.dikirim_pada < REPEAT_AFTER:
        raise ValidationError(
            _("Pengingat untuk %(opd)s sudah dikirim %(when)s oleh %(who)s; kirim lagi paling cepat %(next)s.")
            % {
                "opd": opd,
                "when": tanggal(last.dikirim_pada, with_time=True),
                "who": last.dikirim_oleh,
                "next": tanggal(last.dikirim_pada + REPEAT_AFTER, with_time=True),
            }
        )
    officers = list(officers_of(opd))
    if not officers:
        raise ValidationError(_("%(opd)s belum punya petugas aktif di portal; hubungi lewat WhatsApp.") % {"opd": opd})
    isi = "\n".join(f"• {item}" for item in tunggakan.items)
    judul = gettext_noop("Pengingat dari Diskop UKM: tunggakan OPOP %(opd)s %(tahun)s")
    values = {"opd": opd.singkatan or opd.nama, "tahun": tunggakan.tahun}
    with in_portal_language():
        notify(
            recipients=officers,
            actor=actor,
            jenis=Jenis.TENGGAT,
            judul=_(judul) % values,
            isi=isi,
            tautan=tunggakan.tautan,
            teks=(judul, "", values),  # the title in each reader's language; the list as Diskop sent it
        )
    return Pengingat.objects.create(opd=opd, tahun=tunggakan.tahun, isi=isi, dikirim_oleh=actor)


def owed_by_opd(user, tahun):
    """What every OPD the viewer may see owes for `tahun`, in the board's order (the board's five queries)."""
    if not FIRST_YEAR <= tahun <= LAST_YEAR:
        raise Http404
    return [owed(row, tahun) for row in kepatuhan_by_opd(user, tahun)["rows"]]


def tunggakan_for(user, tahun, opd_pk):
    """One OPD's row: 404 when the viewer does not see that OPD on the board."""
    found = next((t for t in owed_by_opd(user, tahun) if t.opd.pk == opd_pk), None)
    if found is None:
        raise Http404
    return found


@dataclass(frozen=True)
class BarisPengingat:
    """The board's chasing cell of one OPD (Staf and Admin)."""

    tunggakan: Tunggakan
    whatsapp: str
    terakhir: object  # the last Pengingat for this OPD and year, or None
    boleh_kirim: bool  # something owed and no reminder within 24 hours


def chase_rows(board, tahun):
    """Each board row gets `row["chase"]`, its BarisPengingat; one query (the last reminders). Returns the board."""
    last = {}
    for pengingat in Pengingat.objects.filter(
        opd__in=[row["opd"] for row in board["rows"]], tahun=tahun
    ).select_related("dikirim_oleh"):
        last.setdefault(pengingat.opd_id, pengingat)  # newest first (Meta.ordering)
    now = timezone.now()
    for row in board["rows"]:
        tunggakan = owed(row, tahun)
        terakhir = last.get(row["opd"].pk)
        recent = terakhir is not None and now - terakhir.dikirim_pada < REPEAT_AFTER
        row["chase"] = BarisPengingat(
            tunggakan=tunggakan,
            whatsapp=whatsapp_text(tunggakan) if tunggakan.items else "",
            terakhir=terakhir,
            boleh_kirim=bool(tunggakan.items) and not recent,
        )
    return board
