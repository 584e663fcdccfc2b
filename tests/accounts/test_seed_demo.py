import pytest
from django.core.management import CommandError, call_command

from opop.accounts.demo import DEMO_PASSWORD
from opop.accounts.models import User
from opop.accounts.roles import Role


@pytest.mark.django_db
def test_seed_demo_is_idempotent_and_creates_one_user_per_role(capsys):
    call_command("seed_demo", allow_production=True)
    call_command("seed_demo", allow_production=True)
    out = capsys.readouterr().out
    assert "petugas.kominfo" in out and DEMO_PASSWORD in out
    assert User.objects.count() == 5
    assert {r for r in User.objects.values_list("role", flat=True)} == set(Role.values)
    petugas = User.objects.filter(role=Role.PETUGAS_OPD)
    assert petugas.count() == 2
    assert petugas.values("opd").distinct().count() == 2
    assert all(u.check_password(DEMO_PASSWORD) for u in User.objects.all())


@pytest.mark.django_db
def test_seed_demo_refuses_to_run_in_production_by_default(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG=True"):
        call_command("seed_demo")
    assert not User.objects.exists()
