"""The plan cycle as one table: for each step of a plan (Rencana) or of a quarterly report (LaporanTriwulan), the
status it leads to, what it records (when and by whom; a note), what the history says and who hears of it. The
services decide whether the step may be taken (who, from which status, what must hold first); `move` then takes it
through the one write path (versioned_update), in the service's transaction."""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from opop.common.services import versioned_update
from programs import notices
from programs.models import Status


@dataclass(frozen=True)
class Step:
    target: str
    reason: str  # gettext_noop, filled with the step's note (catatan) or reason (alasan)
    notice: str  # the event of programs.notices.MESSAGES
    stamp: str = ""  # "diajukan" / "diverifikasi": the step records <stamp>_pada and <stamp>_oleh
    clears: str = ""  # the stamp a step back removes (reopening clears the verification)


STEPS = {
    "rencana_submit": Step(Status.DIAJUKAN, gettext_noop("Diajukan ke Diskop"), "rencana_submitted", stamp="diajukan"),
    "rencana_verify": Step(Status.DIVERIFIKASI, gettext_noop("Diverifikasi"), "rencana_verified", stamp="diverifikasi"),
    "rencana_return": Step(Status.DIKEMBALIKAN, gettext_noop("Dikembalikan: %(catatan)s"), "rencana_returned"),
    "rencana_reopen": Step(
        Status.DRAF, gettext_noop("Dibuka kembali: %(alasan)s"), "rencana_reopened", clears="diverifikasi"
    ),
    "laporan_submit": Step(Status.DIAJUKAN, gettext_noop("Laporan diajukan"), "laporan_submitted", stamp="diajukan"),
    "laporan_verify": Step(
        Status.DIVERIFIKASI, gettext_noop("Laporan diverifikasi"), "laporan_verified", stamp="diverifikasi"
    ),
    "laporan_return": Step(Status.DIKEMBALIKAN, gettext_noop("Laporan dikembalikan: %(catatan)s"), "laporan_returned"),
}


def move(obj, step_name, *, actor, catatan=None, alasan=""):
    """Take `step_name` on `obj` (already locked and checked by the service); `catatan` is the note kept on the object
    (a return's, or the reopening's explanation), `alasan` the reopening's reason."""
    step = STEPS[step_name]
    values = {"status": step.target}
    if step.stamp:
        values |= {f"{step.stamp}_pada": timezone.now(), f"{step.stamp}_oleh": actor}
    if step.clears:
        values |= {f"{step.clears}_pada": None, f"{step.clears}_oleh": None}
    if catatan is not None:
        values["catatan"] = catatan
    reason = _(step.reason) % {"catatan": catatan or "", "alasan": alasan} if "%(" in step.reason else _(step.reason)
    versioned_update(instance=obj, version=None, fields=tuple(values), data=values, actor=actor, reason=reason)
    rencana = getattr(obj, "rencana", obj)
    notices.announce(step.notice, obj, rencana, actor, alasan=alasan)
    return obj
