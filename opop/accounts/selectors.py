"""What a user may see of accounts data. Views, forms and dashboards all ask here."""

from opop.accounts.models import PerangkatDaerah, User
from opop.accounts.roles import Role


def opd_visible_to(user: User):
    """A Petugas OPD sees only their own OPD; every other role sees all of them."""
    qs = PerangkatDaerah.objects.all()
    if user.role == Role.PETUGAS_OPD:
        return qs.filter(pk=user.opd_id)
    return qs
