"""Migration programs 0005 (PlanLine → Kegiatan, Realisasi.line → kegiatan) keeps every row of a seeded database."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from programs.models import Kegiatan, Realisasi
from tests.db_fingerprint import db_fingerprint

BEFORE = ("programs", "0004_move_evidence_to_private")
TABLES = {
    "programs_planline": "programs_kegiatan",
    "programs_planline_lokasi": "programs_kegiatan_lokasi",
    "programs_historicalplanline": "programs_historicalkegiatan",
    "programs_historicalplanline_lokasi": "programs_historicalkegiatan_lokasi",
}
COLUMNS = {"line_id": "kegiatan_id", "planline_id": "kegiatan_id"}
# Content types and permission codenames carry the model's name: they are renamed in place (same ids), by design.
RENAMED_NAMES = {"planline": "kegiatan", "historicalplanline": "historicalkegiatan"}
NAMED_BY_MODEL = {"django_content_type", "auth_permission"}


def _renamed(table, value):
    if table in NAMED_BY_MODEL and isinstance(value, str):
        for old, new in RENAMED_NAMES.items():
            if value == old or value.endswith(f"_{old}"):
                return value.removesuffix(old) + new
    return value


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)


@pytest.mark.django_db(transaction=True)
def test_rename_keeps_every_row_and_id():
    call_command("seed_demo", allow_production=True)
    assert Kegiatan.objects.exists() and Realisasi.objects.exists() and Kegiatan.history.exists()
    head = MigrationExecutor(connection).loader.graph.leaf_nodes()

    _migrate([BEFORE])
    old = db_fingerprint(tables=TABLES, columns=COLUMNS, values=_renamed)
    assert "programs_kegiatan" in old and old["programs_kegiatan"][0] > 0  # the old table, read under its new name
    _migrate(head)
    new = db_fingerprint()

    old.pop("django_migrations"), new.pop("django_migrations")  # records the migration itself
    assert new == old


def test_the_fingerprint_sees_a_changed_value(db):
    """Test of the test: one changed cell changes the table's checksum and nothing else."""
    call_command("seed_demo", allow_production=True)
    before = db_fingerprint()
    first = Kegiatan.objects.order_by("pk").first()
    Kegiatan.objects.filter(pk=first.pk).update(target=first.target + 1)
    after = db_fingerprint()
    assert [table for table in before if before[table] != after[table]] == ["programs_kegiatan"]
