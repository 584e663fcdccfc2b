"""programs/migrations/0002 gives the role groups the permissions of the plan models."""

import pytest
from django.contrib.auth.models import Group


def _codenames(group):
    return set(
        Group.objects.get(name=group)
        .permissions.filter(content_type__app_label="programs")
        .values_list("codename", flat=True)
    )


@pytest.mark.django_db
def test_role_groups_carry_the_programs_permissions():
    assert {"add_rencana", "change_kegiatan", "add_realisasi", "delete_kegiatan"} <= _codenames("Petugas OPD")
    assert {"view_rencana", "change_rencana", "change_laporantriwulan"} <= _codenames("Staf Diskop")
    assert "add_rencana" not in _codenames("Staf Diskop")
    assert _codenames("Pimpinan") == {c for c in _codenames("Pimpinan") if c.startswith("view_")}
    assert "view_batasPelaporan".lower() in _codenames("Pimpinan")
    assert "delete_rencana" in _codenames("Admin")
