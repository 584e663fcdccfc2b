"""Issue 18: each person's duplicate key (normalised name | birth date | pesantren) in an indexed column, and the
santripreneur's "has a twin" flag, so the duplicate review reads a partial index instead of grouping the registry.
The existing rows are filled in SQL (one UPDATE per table; the text equals pesantren.models.duplicate_key)
before the indexes are built."""

from django.db import migrations, models

TABLES = [("pesantren_santripreneur", "pesantren_id"), ("pesantren_sociopreneur", "pesantren_asal_id")]


def fill(apps, schema_editor):
    """Write kunci_duplikat of every existing person, then flag the santripreneur that share a key."""
    postgresql = schema_editor.connection.vendor == "postgresql"
    born = "to_char(tanggal_lahir, 'YYYY-MM-DD')" if postgresql else "tanggal_lahir"
    with schema_editor.connection.cursor() as cursor:
        for table, pesantren in TABLES:
            cursor.execute(
                f"UPDATE {table} SET kunci_duplikat = nama_normal || '|' || COALESCE({born}, '') || '|' || "
                f"COALESCE(CAST({pesantren} AS TEXT), '')"
            )
        cursor.execute(
            "UPDATE pesantren_santripreneur SET ada_kembaran = TRUE WHERE kunci_duplikat IN ("
            "SELECT kunci_duplikat FROM pesantren_santripreneur WHERE tanggal_lahir IS NOT NULL "
            "GROUP BY kunci_duplikat HAVING COUNT(*) > 1)"
        )


class Migration(migrations.Migration):

    dependencies = [
        ('pesantren', '0007_participation_kegiatan_as_long_as_plan_lines'),
        ('wilayah', '0002_load_reference_data'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='santripreneur',
            name='santri_dedup_key',
        ),
        migrations.RemoveIndex(
            model_name='sociopreneur',
            name='socio_dedup_key',
        ),
        migrations.AddField(
            model_name='santripreneur',
            name='ada_kembaran',
            field=models.BooleanField(db_default=False, default=False, editable=False),
        ),
        migrations.AddField(
            model_name='santripreneur',
            name='kunci_duplikat',
            field=models.CharField(db_default='', default='', editable=False, max_length=200),
        ),
        migrations.AddField(
            model_name='sociopreneur',
            name='kunci_duplikat',
            field=models.CharField(db_default='', default='', editable=False, max_length=200),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name='santripreneur',
            index=models.Index(fields=['kunci_duplikat'], name='santri_kunci_duplikat'),
        ),
        migrations.AddIndex(
            model_name='santripreneur',
            index=models.Index(condition=models.Q(('ada_kembaran', True)), fields=['nama_normal', 'tanggal_lahir', 'pesantren'], name='santri_kembaran'),
        ),
        migrations.AddIndex(
            model_name='sociopreneur',
            index=models.Index(fields=['kunci_duplikat'], name='socio_kunci_duplikat'),
        ),
    ]
