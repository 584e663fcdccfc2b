"""Who may publish, and the one guarded lookup of a published version (`opop.accounts.permissions.guarded_get`):
404 for a version that does not exist."""

from dataclasses import dataclass

from opop.accounts.permissions import guarded_get, role_has_perm
from opop.opendata.selectors import publikasi_visible_to

PUBLISH = "opendata.add_publikasi"


def can_publish_open_data(user) -> bool:
    """Staf Diskop (and the Admin): publish a new version of the open data."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active and role_has_perm(user.role, PUBLISH))


def publikasi_for(user, nomor):
    return guarded_get(publikasi_visible_to(user), nomor=nomor)


@dataclass(frozen=True)
class OpendataActions:
    """What the open-data pages offer this visitor."""

    publish: bool


def opendata_actions(user):
    return OpendataActions(publish=can_publish_open_data(user))
