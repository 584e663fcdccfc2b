"""seed_demo is for a first look only (what it seeds: tests/programs/test_demo.py)."""

import pytest
from django.core.management import CommandError, call_command

from opop.accounts.models import User


@pytest.mark.django_db
def test_seed_demo_refuses_to_run_in_production_by_default(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG=True"):
        call_command("seed_demo")
    assert not User.objects.exists()
