"""The permission vocabulary: every predicate agrees with the role's group in the database, and says what
PRODUCT.md says each role may do."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group

from opop.accounts import permissions
from opop.accounts.roles import GROUP_NAMES, Role

# Who may do what, written out by hand (PRODUCT.md's role table), so a change to ROLE_PERMISSIONS shows here.
EXPECTED = {
    "can_write_registry": {Role.ADMIN, Role.STAF_DISKOP},
    "can_curate": {Role.ADMIN, Role.STAF_DISKOP},
    "can_open_product_documents": {Role.ADMIN, Role.STAF_DISKOP, Role.PIMPINAN},
    "can_see_personal_data": {Role.ADMIN, Role.STAF_DISKOP},
    "can_see_masked_personal_data": {Role.ADMIN, Role.PIMPINAN},
    "can_edit_plans": {Role.ADMIN, Role.PETUGAS_OPD},
    "can_upload_plan_lines": {Role.ADMIN, Role.STAF_DISKOP, Role.PETUGAS_OPD},
    "can_verify_plans": {Role.ADMIN, Role.STAF_DISKOP},
    "can_reopen_plans": {Role.ADMIN},
    "can_freeze_year": {Role.ADMIN},  # issue 30: closing a year (angka tetap) and approving its reopening
    "can_administer": {Role.ADMIN},
}
PERSONA_OF = {Role.ADMIN: "admin", Role.STAF_DISKOP: "staf", Role.PIMPINAN: "pimpinan", Role.PETUGAS_OPD: "petugas_a"}


def test_every_predicate_is_listed_with_its_permission_and_expectation():
    assert set(permissions.predicates()) == set(EXPECTED)
    for name in permissions.predicates():
        assert callable(getattr(permissions, name))


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("role", list(Role))
def test_predicate_agrees_with_the_role_group(request, role, name):
    user = request.getfixturevalue(PERSONA_OF[role])
    app_label, codename = permissions.predicates()[name].split(".")
    group = Group.objects.get(name=GROUP_NAMES[role])
    in_group = group.permissions.filter(content_type__app_label=app_label, codename=codename).exists()
    assert getattr(permissions, name)(user) == in_group
    assert in_group == (role in EXPECTED[name])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_anonymous_may_do_nothing(name):
    assert getattr(permissions, name)(AnonymousUser()) is False


@pytest.mark.django_db
def test_an_inactive_user_may_do_nothing(staf):
    staf.is_active = False
    assert not permissions.can_write_registry(staf)


def test_templates_ask_the_same_predicates(staf):
    can = permissions.UserPredicates(staf)
    assert can.set_deadlines is True
    assert can.reopen_plans is False
    with pytest.raises(AttributeError):
        can.anything_else  # noqa: B018
