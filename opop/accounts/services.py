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
def user_create(*, username, password, role, opd=None, first_name="", last_name="", email="", jabatan=""):
    is_admin = role == Role.ADMIN
    user = User(
        username=username,
        role=role,
        opd=opd,
        first_name=first_name,
        last_name=last_name,
        email=email,
        jabatan=jabatan,
        is_staff=is_admin,
        is_superuser=is_admin,
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    user_sync_role_group(user=user)
    return user
