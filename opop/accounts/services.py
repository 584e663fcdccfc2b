from django.contrib.auth.models import Group
from django.db import transaction

from opop.accounts.models import User
from opop.accounts.roles import GROUP_NAMES, Role
from opop.common.services import versioned_update

ROLE_FIELDS = ("role", "opd", "is_active", "is_staff", "is_superuser")


def user_sync_role_group(*, user: User) -> None:
    """Make the user's group membership match their role (the role field is authoritative)."""
    role_groups = Group.objects.filter(name__in=GROUP_NAMES.values())
    user.groups.remove(*role_groups.exclude(name=GROUP_NAMES[user.role]))
    user.groups.add(Group.objects.get(name=GROUP_NAMES[user.role]))


@transaction.atomic
def user_save_role(*, user: User, role, opd=None, password=None) -> User:
    """Save `user` active in `role` (Admins alone are Django staff and superusers) with the role's group, and with
    `password` when one is given."""
    admin = role == Role.ADMIN
    versioned_update(
        instance=user,
        version=None,
        fields=ROLE_FIELDS,
        data={"role": role, "opd": opd, "is_active": True, "is_staff": admin, "is_superuser": admin},
        actor=None,
        prepare=None if password is None else lambda user: user.set_password(password),
    )
    user_sync_role_group(user=user)
    return user


def user_create(*, username, password, role, opd=None, first_name="", last_name="", email="", jabatan=""):
    user = User(username=username, first_name=first_name, last_name=last_name, email=email, jabatan=jabatan)
    return user_save_role(user=user, role=role, opd=opd, password=password)
