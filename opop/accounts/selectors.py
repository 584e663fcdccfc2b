"""What a user may see of accounts data. Views, forms and dashboards all ask here."""

from opop.accounts.models import PerangkatDaerah, User
from opop.accounts.roles import Role


def opd_visible_to(user: User):
    """A Petugas OPD sees only their own OPD; every other role sees all of them."""
    qs = PerangkatDaerah.objects.all()
    if user.role == Role.PETUGAS_OPD:
        return qs.filter(pk=user.opd_id)
    return qs


def diskop_staff():
    """Who verifies: the active Staf Diskop users (the recipients of "something was submitted")."""
    return User.objects.filter(role=Role.STAF_DISKOP, is_active=True)


def portal_admins():
    """The active Admins (the recipients of what the nightly checks find)."""
    return User.objects.filter(role=Role.ADMIN, is_active=True)


def officers_of(opd):
    """The active Petugas OPD of one OPD (the recipients of what happens to its plan and reports)."""
    return User.objects.filter(role=Role.PETUGAS_OPD, opd=opd, is_active=True)


def officers_of_any(opds):
    """The active Petugas OPD of any of these OPDs (the owners of an FGD's decision)."""
    return User.objects.filter(role=Role.PETUGAS_OPD, opd__in=opds, is_active=True)
