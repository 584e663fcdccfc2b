from django.contrib.auth.models import Group
from django.db import transaction

from opop.accounts.models import User
from opop.accounts.roles import GROUP_NAMES, Role


def user_sync_role_group(*, user: User) -> None:
    """Make the user's group membership match their role (the role field is authoritative)."""
    role_groups = Group.objects.filter(name__in=GROUP_NAMES.values())
    user.groups.remove(*role_groups.exclude(name=GROUP_NAMES[user.role]))
    user.groups.add(Group.objects.get(name=GROUP_NAMES[user.role]))


@transaction.atomic
def user_save_role(*, user: User, role, opd=None, password=None) -> User:
    """Save `user` active in `role` (Admins alone are Django staff and superusers) with the role's group, and with
    `password` when one is given."""
    user.role, user.opd, user.is_active = role, opd, True
    user.is_staff = user.is_superuser = role == Role.ADMIN
    if password is not None:
        user.set_password(password)
    user.full_clean()
    user.save()
    user_sync_role_group(user=user)
    return user


def user_create(*, username, password, role, opd=None, first_name="", last_name="", email="", jabatan=""):
    user = User(username=username, first_name=first_name, last_name=last_name, email=email, jabatan=jabatan)
    return user_save_role(user=user, role=role, opd=opd, password=password)
