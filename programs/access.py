"""Each plan object a view works on, looked up once (`opop.accounts.permissions.guarded_get`): 404 when the user may
not see it (`*_visible_to`), 403 when they see it but may not take the action named by `may`. The same table
decides the buttons of the plan's page (`rencana_actions`), so a page never offers what its view refuses."""

from dataclasses import dataclass

from opop.accounts.permissions import can_reopen_plans, can_verify_plans, guarded_get
from programs.models import Status
from programs.selectors import (
    can_edit_rencana,
    can_upload_to_rencana,
    kegiatan_visible_to,
    kendala_visible_to,
    realisasi_visible_to,
    rencana_visible_to,
)

# What a user may do with a plan at all, whatever its status (the services refuse a wrong status with a message).
MAY = {
    "view": lambda user, rencana: True,
    "edit": can_edit_rencana,
    "upload": can_upload_to_rencana,
    "verify": lambda user, rencana: can_verify_plans(user),
    "reopen": lambda user, rencana: can_reopen_plans(user),
    "comment": lambda user, rencana: can_verify_plans(user) or can_edit_rencana(user, rencana),
}


def rencana_for(user, pk, may="view", related=()):
    rule = MAY[may]
    return guarded_get(
        rencana_visible_to(user).select_related(*related), pk=pk, allowed=lambda rencana: rule(user, rencana)
    )


def kegiatan_for(user, pk, may="view"):
    rule = MAY[may]
    return guarded_get(kegiatan_visible_to(user), pk=pk, allowed=lambda kegiatan: rule(user, kegiatan.rencana))


def bukti_for(user, pk):
    """A realisation with an evidence file, for its download."""
    return guarded_get(realisasi_visible_to(user).exclude(bukti=""), pk=pk)


def kendala_for(user, pk, may="view"):
    """A reported problem (its realisation); "mark" (the FGD agenda) is Diskop's: Staf and Admin."""
    allowed = {"view": lambda: True, "mark": lambda: can_verify_plans(user)}[may]
    return guarded_get(kendala_visible_to(user), pk=pk, allowed=lambda realisasi: allowed())


@dataclass(frozen=True)
class RencanaActions:
    """What the plan's page offers this user now (role, OPD and the plan's status)."""

    edit: bool
    submit: bool
    delete: bool
    report: bool
    verify: bool
    verify_reports: bool
    reopen: bool
    comment: bool


def rencana_actions(user, rencana, *, has_lines) -> RencanaActions:
    may = {name: rule(user, rencana) for name, rule in MAY.items()}
    editable = may["edit"] and rencana.is_editable
    return RencanaActions(
        edit=editable,
        submit=editable and has_lines,
        delete=may["edit"] and rencana.status == Status.DRAF,
        report=may["edit"] and rencana.status == Status.DIVERIFIKASI,
        verify=may["verify"] and rencana.status == Status.DIAJUKAN,
        verify_reports=may["verify"],
        reopen=may["reopen"] and rencana.status == Status.DIVERIFIKASI,
        comment=may["comment"],
    )
