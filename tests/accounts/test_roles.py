import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from opop.accounts.models import User
from opop.accounts.roles import GROUP_NAMES, Role
from opop.accounts.services import user_create
from tests.conftest import PASSWORD


@pytest.mark.django_db
def test_migrations_create_one_group_per_role_with_permissions():
    assert set(Group.objects.values_list("name", flat=True)) >= set(GROUP_NAMES.values())
    staf = Group.objects.get(name="Staf Diskop")
    codenames = set(staf.permissions.values_list("codename", flat=True))
    assert "view_kabupatenkota" in codenames
    assert "change_user" not in codenames
    admin_group = Group.objects.get(name="Admin")
    assert admin_group.permissions.filter(codename="change_user").exists()


@pytest.mark.django_db
def test_petugas_opd_without_opd_is_refused_by_validation_and_database():
    with pytest.raises(ValidationError, match="Petugas OPD wajib"):
        user_create(username="x", password=PASSWORD, role=Role.PETUGAS_OPD, opd=None)
    assert not User.objects.filter(username="x").exists()
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="y", role=Role.PETUGAS_OPD, opd=None)


@pytest.mark.django_db
def test_only_admin_role_may_be_staff():
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="z", role=Role.STAF_DISKOP, is_staff=True)


@pytest.mark.django_db
def test_user_create_puts_user_in_exactly_the_role_group(petugas_a):
    assert list(petugas_a.groups.values_list("name", flat=True)) == ["Petugas OPD"]
    assert petugas_a.has_perm("wilayah.view_kabupatenkota")
    assert not petugas_a.has_perm("accounts.change_user")


@pytest.mark.django_db
def test_createsuperuser_gets_admin_role():
    user = User.objects.create_superuser("root", "root@example.org", PASSWORD)
    assert user.role == Role.ADMIN


def test_petugas_cannot_log_into_django_admin(client, petugas_a):
    response = client.post("/admin/login/", {"username": "dina", "password": PASSWORD})
    assert response.status_code == 200  # form shown again
    assert "_auth_user_id" not in client.session
    client.force_login(petugas_a)
    assert client.get("/admin/accounts/user/").status_code == 302


def test_admin_role_uses_django_admin(client, admin):
    client.force_login(admin)
    assert client.get("/admin/accounts/user/").status_code == 200
    assert client.get("/admin/indicators/target/").status_code == 200


def test_admin_user_form_keeps_group_in_step_with_role(client, admin, opd_a):
    client.force_login(admin)
    response = client.post(
        "/admin/accounts/user/add/",
        {"username": "baru", "password1": PASSWORD, "password2": PASSWORD, "role": Role.PETUGAS_OPD, "opd": opd_a.pk},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(username="baru")
    assert list(user.groups.values_list("name", flat=True)) == ["Petugas OPD"]
    assert not user.is_staff


def test_admin_user_form_refuses_petugas_without_opd(client, admin):
    client.force_login(admin)
    response = client.post(
        "/admin/accounts/user/add/",
        {"username": "baru", "password1": PASSWORD, "password2": PASSWORD, "role": Role.PETUGAS_OPD},
    )
    assert response.status_code == 200
    assert "Petugas OPD wajib" in response.content.decode()
    assert not User.objects.filter(username="baru").exists()
