"""Migration programs 0005 (PlanLine → Kegiatan, Realisasi.line → kegiatan) keeps every row of a seeded database."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from opop.common.backup import table_fingerprints
from programs.models import Kegiatan, Realisasi

BEFORE = ("programs", "0004_move_evidence_to_private")
AFTER = ("programs", "0005_kegiatan_names")  # the migration under test; later ones change the schema on purpose
TABLES = {
    "programs_planline": "programs_kegiatan",
    "programs_planline_lokasi": "programs_kegiatan_lokasi",
    "programs_historicalplanline": "programs_historicalkegiatan",
    "programs_historicalplanline_lokasi": "programs_historicalkegiatan_lokasi",
}
COLUMNS = {"line_id": "kegiatan_id", "planline_id": "kegiatan_id"}
# Content types and permission codenames carry the model's name: renamed in place (same ids, same count), by design.
NAMED_BY_MODEL = {"django_content_type", "auth_permission"}


def db_fingerprint():
    """`manage.py db_fingerprint`'s {table: (rows, checksum)}, old table names read as the new ones."""
    connection.ensure_connection()
    return {
        TABLES.get(table, table): value
        for table, value in table_fingerprints(connection.connection, renamed_columns=COLUMNS).items()
    }


def _names():
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, app_label, model FROM django_content_type WHERE app_label = 'programs'")
        types = {row[0]: row[2] for row in cursor.fetchall()}
        cursor.execute("SELECT content_type_id, codename FROM auth_permission")
        codes = sorted((types[ct], code) for ct, code in cursor.fetchall() if ct in types)
    return sorted(types.values()), codes


def _programs_type_ids():
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM django_content_type WHERE app_label = 'programs' ORDER BY id")
        return [row[0] for row in cursor.fetchall()]


def _renamed(names):
    def new(name):
        for old, replacement in (("historicalplanline", "historicalkegiatan"), ("planline", "kegiatan")):
            if name == old or name.endswith(f"_{old}"):
                return name.removesuffix(old) + replacement
        return name

    types, codes = names
    return sorted(new(t) for t in types), sorted((new(t), new(c)) for t, c in codes)


def _just_after_the_rename(head):
    """Every app at its head, programs at AFTER, and an app whose head needs a later programs migration (a model
    moved out of common or dashboard after it) at its last migration that does not."""
    graph = MigrationExecutor(connection).loader.graph
    allowed = set(graph.forwards_plan(AFTER))
    target = []
    for app, name in head:
        node = AFTER if app == "programs" else (app, name)
        while any(key[0] == "programs" and key not in allowed for key in graph.forwards_plan(node)):
            node = next(parent.key for parent in graph.node_map[node].parents if parent.key[0] == app)
        target.append(node)
    return target


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
    old, old_names, old_type_ids = db_fingerprint(), _names(), _programs_type_ids()
    assert old["programs_kegiatan"][0] > 0  # the old table programs_planline, read under its new name
    _migrate(_just_after_the_rename(head))
    new, new_names = db_fingerprint(), _names()
    _migrate(head)

    old.pop("django_migrations"), new.pop("django_migrations")  # records the migration itself
    # Content types and permissions: the programs app's, by id and name (_names). Their whole tables are not compared:
    # going back to BEFORE leaves the models that later moved between apps (ImportBatch, Indicator) in both apps'
    # historical state, and the role-group sync of programs 0005 gives the old app labels their content types again.
    for table in (*NAMED_BY_MODEL, "auth_group_permissions"):
        new.pop(table), old.pop(table)
    assert new_names == _renamed(old_names)
    assert _programs_type_ids() == old_type_ids
    assert new == old


def test_the_fingerprint_sees_a_changed_value(fgd_data):
    """Test of the test: one changed cell changes the table's checksum and nothing else (on the FGD's plans and
    lines: a few rows do; the whole demo took a minute under load)."""
    assert Kegiatan.objects.count() > 1
    before = db_fingerprint()
    first = Kegiatan.objects.order_by("pk").first()
    Kegiatan.objects.filter(pk=first.pk).update(target=first.target + 1)
    after = db_fingerprint()
    assert [table for table in before if before[table] != after[table]] == ["programs_kegiatan"]
    assert _renamed(_names()) == _names()  # already the new names: renaming them again changes nothing
