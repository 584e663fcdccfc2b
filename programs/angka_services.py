"""Numbers of record (issue 30), the writes: closing a year (angka tetap, version 1), asking for and approving its
reopening (four eyes: the approver holds `freeze_year` and is not the one who asked), and relocking it when the
window runs out (angka perbaikan, version 2, 3 …; the worker does it: programs/jobs.py `relock_years`).

Each version is taken from the same selectors the pages read (programs.selectors.plan_figures_live for the plans,
the upper layers' registered "angka_tetap_sources" for the registry figures), under the locks of every plan of the
year: a write to a plan waits for the freeze and then meets the lock (programs.angka.require_year_open)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from opop.accounts.permissions import can_freeze_year, can_verify_plans
from opop.common.formatting import tanggal
from opop.common.registry import registry
from opop.common.services import versioned_update
from programs import notices, selectors
from programs.angka import angka_terakhir, stored_plan_rows
from programs.models import PEMBUKAAN_JAM_DEFAULT, AngkaTetap, PembukaanTahun, Rencana, StatusPembukaan

PEMBUKAAN_FIELDS = ("status", "disetujui_oleh", "dibuka_pada", "berakhir_pada", "ditutup_pada")


def freeze_opens_on(tahun):
    """The first day a year may be closed: the day after its TW IV reporting deadline (the end of the next January
    when Diskop removed that deadline)."""
    batas = selectors.deadlines_for_year(tahun).get(4) or datetime.date(tahun + 1, 1, 31)
    return batas + datetime.timedelta(days=1)


def snapshot_data(user, tahun):
    """The figures a version keeps (programs.angka explains the keys), as `user` (who holds freeze_year) sees them."""
    return {
        "rencana": stored_plan_rows(selectors.plan_figures_live(user, tahun)),
        "registri": {name: import_string(path)(user, tahun) for name, path in registry["angka_tetap_sources"].items()},
    }


def _lock_year(tahun):
    """Every plan of the year, locked until the transaction ends (writers lock their plan first, then check)."""
    list(Rencana.objects.select_for_update().filter(tahun=tahun).order_by("pk").values_list("pk", flat=True))


def _take_version(*, tahun, versi, seen_by, actor, pembukaan=None):
    angka = AngkaTetap(
        tahun=tahun,
        versi=versi,
        data=snapshot_data(seen_by, tahun),
        ditetapkan_pada=timezone.now(),
        ditetapkan_oleh=actor,
        pembukaan=pembukaan,
    )
    angka.full_clean()
    angka.save()
    return angka


@transaction.atomic
def angka_tetap_freeze(*, actor, tahun, today=None):
    """Close `tahun`: take version 1 of its figures (angka tetap) and lock its plans, reports and realisation."""
    if not can_freeze_year(actor):
        raise PermissionDenied(_("Hanya pemegang hak penetapan angka tetap (Admin) yang dapat menutup tahun."))
    today = today or timezone.localdate()
    opens = freeze_opens_on(tahun)
    if today < opens:
        raise ValidationError(
            _("Tahun %(tahun)s baru dapat ditetapkan mulai %(tanggal)s, setelah batas laporan TW IV.")
            % {"tahun": tahun, "tanggal": tanggal(opens)}
        )
    _lock_year(tahun)
    if AngkaTetap.objects.filter(tahun=tahun).exists():
        raise ValidationError(_("Tahun %(tahun)s sudah ditetapkan sebagai angka tetap.") % {"tahun": tahun})
    try:
        with transaction.atomic():
            return _take_version(tahun=tahun, versi=1, seen_by=actor, actor=actor)
    except IntegrityError:  # another Admin closed the year at the same moment: theirs stands
        raise ValidationError(
            _("Tahun %(tahun)s baru saja ditetapkan oleh pengguna lain.") % {"tahun": tahun}
        ) from None


@transaction.atomic
def pembukaan_request(*, actor, tahun, alasan, durasi_jam=PEMBUKAAN_JAM_DEFAULT):
    """Ask to reopen a closed year, with a reason and how long (hours, at most 14 days). Diskop staff and the
    holders of freeze_year may ask; someone else approves."""
    if not (can_verify_plans(actor) or can_freeze_year(actor)):
        raise PermissionDenied(_("Hanya Staf Diskop atau Admin yang dapat meminta pembukaan tahun."))
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError({"alasan": _("Tuliskan alasan membuka kembali tahun ini.")})
    if angka_terakhir(tahun) is None:
        raise ValidationError(_("Tahun %(tahun)s belum ditetapkan; tidak ada yang perlu dibuka.") % {"tahun": tahun})
    pembukaan = PembukaanTahun(
        tahun=tahun, alasan=alasan, durasi_jam=durasi_jam, diminta_oleh=actor, diminta_pada=timezone.now()
    )
    pembukaan.full_clean()  # the duration's range; one open request per year (the named constraint)
    try:
        with transaction.atomic():
            pembukaan.save()
    except IntegrityError:
        raise ValidationError(_("Tahun ini sudah memiliki permintaan pembukaan yang belum selesai.")) from None
    notices.pembukaan_event("requested", pembukaan, actor=actor)
    return pembukaan


@transaction.atomic
def pembukaan_approve(*, actor, pembukaan):
    """Approve a request: the year opens now for its hours. The approver holds freeze_year and did not ask."""
    if not can_freeze_year(actor):
        raise PermissionDenied(_("Hanya pemegang hak penetapan angka tetap (Admin) yang dapat menyetujui pembukaan."))
    pembukaan = PembukaanTahun.objects.select_for_update().get(pk=pembukaan.pk)
    if pembukaan.status != StatusPembukaan.DIMINTA:
        raise ValidationError(
            _("Permintaan ini sudah %(status)s.") % {"status": pembukaan.get_status_display().lower()}
        )
    if pembukaan.diminta_oleh_id == actor.pk:
        raise ValidationError(
            _("Pembukaan harus disetujui oleh orang lain, bukan yang memintanya (prinsip empat mata).")
        )
    now = timezone.now()
    versioned_update(
        instance=pembukaan,
        version=None,
        locked=True,
        fields=PEMBUKAAN_FIELDS,
        data={
            "status": StatusPembukaan.DIBUKA,
            "disetujui_oleh": actor,
            "dibuka_pada": now,
            "berakhir_pada": now + datetime.timedelta(hours=pembukaan.durasi_jam),
        },
        actor=actor,
        reason=_("Pembukaan tahun disetujui"),
    )
    notices.pembukaan_event("approved", pembukaan, actor=actor)
    return pembukaan


@transaction.atomic
def pembukaan_relock(*, pembukaan, now=None):
    """Close the window: the year is locked again and its next version (angka perbaikan) is taken, as the approver
    sees it. Run by the worker once `berakhir_pada` has passed."""
    pembukaan = PembukaanTahun.objects.select_for_update().get(pk=pembukaan.pk)
    if pembukaan.status != StatusPembukaan.DIBUKA:
        return None
    _lock_year(pembukaan.tahun)
    latest = angka_terakhir(pembukaan.tahun)
    versioned_update(
        instance=pembukaan,
        version=None,
        locked=True,
        fields=PEMBUKAAN_FIELDS,
        data={"status": StatusPembukaan.DITUTUP, "ditutup_pada": now or timezone.now()},
        actor=None,
        reason=_("Dikunci kembali; angka perbaikan diambil"),
    )
    angka = _take_version(
        tahun=pembukaan.tahun,
        versi=latest.versi + 1,
        seen_by=pembukaan.disetujui_oleh,
        actor=None,
        pembukaan=pembukaan,
    )
    notices.pembukaan_event("relocked", pembukaan, versi=angka.versi)
    return angka


def pembukaan_relock_due(*, now):
    """Relock every reopened year whose window ran out by `now` (each in its own transaction)."""
    due = PembukaanTahun.objects.filter(status=StatusPembukaan.DIBUKA, berakhir_pada__lte=now).order_by("pk")
    return [angka for angka in (pembukaan_relock(pembukaan=p, now=now) for p in due) if angka is not None]
