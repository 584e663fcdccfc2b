"""Name search (`nama_normal LIKE '%…%'`) at a million rows: a trigram GIN index on PostgreSQL.

Other databases keep the plain scan (tested fallback); the index is created only where pg_trgm exists."""

from django.db import migrations

INDEXES = [
    ("santri_nama_trgm", "pesantren_santripreneur"),
    ("socio_nama_trgm", "pesantren_sociopreneur"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (nama_normal gin_trgm_ops)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in [n for n, _t in INDEXES]:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("pesantren", "0003_tallies")]
    operations = [migrations.RunPython(create, drop)]
