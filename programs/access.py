"""Each plan object a view works on, looked up once (`opop.accounts.permissions.guarded_get`): 404 when the user may
not see it (`*_visible_to`), 403 when they see it but may not take the action named by `may`. The same table
decides the buttons of the plan's page (`rencana_actions`), so a page never offers what its view refuses."""

from dataclasses import dataclass

from opop.accounts.permissions import can_freeze_year, can_reopen_plans, can_verify_plans, guarded_get
from programs.angka import freeze_message, tahun_terkunci
from programs.angka_selectors import angka_visible_to, pembukaan_visible_to
from programs.fgd_selectors import fgd_visible_to, is_owner
from programs.models import Status, StatusPembukaan
from programs.selectors import (
    can_edit_rencana,
    can_upload_to_rencana,
    kegiatan_visible_to,
    kendala_visible_to,
    realisasi_visible_to,
    rencana_visible_to,
    tindak_lanjut_visible_to,
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


# FGD meetings: everyone signed in reads the summary; Diskop (Staf, Admin) records and edits meetings, agenda and
# decisions. A decision's status is reported by an officer of an owner OPD (or by Diskop on their behalf).
FGD_MAY = {
    "view": lambda user, fgd: True,
    "edit": lambda user, fgd: can_verify_plans(user),
}
TINDAK_LANJUT_MAY = {
    "view": lambda user, item: True,
    "edit": lambda user, item: can_verify_plans(user),
    "update": lambda user, item: can_verify_plans(user) or is_owner(user, item),
}


def fgd_for(user, pk, may="view"):
    rule = FGD_MAY[may]
    return guarded_get(fgd_visible_to(user), pk=pk, allowed=lambda fgd: rule(user, fgd))


def tindak_lanjut_for(user, pk, may="view"):
    """A decision of an FGD: 404 for a Petugas OPD whose OPD does not own it."""
    rule = TINDAK_LANJUT_MAY[may]
    return guarded_get(
        tindak_lanjut_visible_to(user).prefetch_related("opd"), pk=pk, allowed=lambda item: rule(user, item)
    )


def tindak_lanjut_bukti_for(user, pk):
    """A decision with an evidence file, for its download."""
    return guarded_get(tindak_lanjut_visible_to(user).exclude(bukti=""), pk=pk)


@dataclass(frozen=True)
class FgdActions:
    """What an FGD's page offers this user: editing the meeting, and which decisions' status they may report."""

    edit: bool
    update: frozenset  # TindakLanjut pks whose status the user may report
    bukti: frozenset  # TindakLanjut pks whose evidence the user may download (as tindak_lanjut_visible_to)


def fgd_actions(user, fgd, items=()) -> FgdActions:
    rule = TINDAK_LANJUT_MAY["update"]
    return FgdActions(
        edit=FGD_MAY["edit"](user, fgd),
        update=frozenset(item.pk for item in items if rule(user, item)),
        bukti=frozenset(item.pk for item in items if item.bukti and (not user.is_petugas_opd or is_owner(user, item))),
    )


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
    terkunci: str = ""  # the freeze message while the plan's year is closed (angka tetap): nothing is offered


def rencana_actions(user, rencana, *, has_lines) -> RencanaActions:
    may = {name: rule(user, rencana) for name, rule in MAY.items()}
    angka = tahun_terkunci(rencana.tahun)
    if angka is not None:  # the services refuse every write of a closed year (programs.angka)
        return RencanaActions(
            edit=False,
            submit=False,
            delete=False,
            report=False,
            verify=False,
            verify_reports=False,
            reopen=False,
            comment=may["comment"],
            terkunci=freeze_message(angka),
        )
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


# ---------------------------------------------------------------- numbers of record (angka tetap)

PEMBUKAAN_MAY = {
    "view": lambda user, pembukaan: True,
    # Four eyes: the approver holds freeze_year and is not the one who asked (the service says so in words).
    "approve": lambda user, pembukaan: can_freeze_year(user),
}


def angka_for(user, pk):
    """A version of a closed year's figures (its XLSX): Diskop only, 404 for everyone else."""
    return guarded_get(angka_visible_to(user), pk=pk)


def pembukaan_for(user, pk, may="view"):
    rule = PEMBUKAAN_MAY[may]
    return guarded_get(pembukaan_visible_to(user), pk=pk, allowed=lambda pembukaan: rule(user, pembukaan))


@dataclass(frozen=True)
class AngkaActions:
    freeze: bool  # close the year (no version yet)
    request: bool  # ask to reopen (a version, no request under way)
    approve: object  # the request this user may approve (another person's), or None


def angka_actions(user, page) -> AngkaActions:
    """What the Angka tetap page offers for one year (`page`: angka_selectors.angka_page)."""
    pending = page["open_request"]
    may_approve = (
        pending is not None
        and pending.status == StatusPembukaan.DIMINTA
        and pending.diminta_oleh_id != user.pk
        and PEMBUKAAN_MAY["approve"](user, pending)
    )
    return AngkaActions(
        freeze=page["angka"] is None and can_freeze_year(user),
        request=page["angka"] is not None and pending is None and (can_verify_plans(user) or can_freeze_year(user)),
        approve=pending if may_approve else None,
    )
