"""Each registry record a view works on, looked up once (`opop.accounts.permissions.guarded_get`): 404 when the user
may not see it (`*_visible_to`), 403 when they see it but may not take the action named by `may`."""

from opop.accounts.permissions import can_write_registry, guarded_get
from pesantren.selectors import (
    participation_visible_to,
    pesantren_visible_to,
    santripreneur_duplicates_of,
    santripreneur_visible_to,
    sociopreneur_visible_to,
)

# Registry writes are a role's, not a record's: whoever may write may write every record they see.
MAY = {
    "view": lambda user: True,
    "write": can_write_registry,
}


def _get(user, queryset, may, **lookup):
    allowed = MAY[may](user)
    return guarded_get(queryset, allowed=lambda obj: allowed, **lookup)


def pesantren_for(user, pk, may="view", related=()):
    return _get(user, pesantren_visible_to(user).select_related(*related), may, pk=pk)


def santripreneur_for(user, pk, may="view"):
    return _get(user, santripreneur_visible_to(user), may, pk=pk)


def sociopreneur_for(user, pk, may="view"):
    return _get(user, sociopreneur_visible_to(user), may, pk=pk)


def participation_for(user, pk, participation_pk, may="view"):
    """A santripreneur and one of their participations; a participation of anyone else is 404."""
    person = santripreneur_for(user, pk, may)
    return person, _get(user, participation_visible_to(user).filter(santripreneur=person), may, pk=participation_pk)


def duplicate_pair_for(user, pk, other_pk, may="view"):
    """A santripreneur and one of their suspected duplicates; anything else is 404."""
    person = santripreneur_for(user, pk, may)
    return person, _get(user, santripreneur_duplicates_of(person, user), may, pk=other_pk)
