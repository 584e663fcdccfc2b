"""Indonesian domain nouns (issue 12): PlanLine -> Kegiatan, Realisasi.line -> kegiatan, rencana.lines -> rencana.kegiatan.

Renames only: every row, id and history record is kept (tests/programs/test_rename_migration.py compares the
fingerprint of a seeded database before and after). The contenttypes app renames the content types itself; the
permission codenames follow here so the role groups keep what they had."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from opop.accounts.permissions import sync_role_groups

RENAMED = {"planline": "kegiatan", "historicalplanline": "historicalkegiatan"}


def rename_permissions(apps, schema_editor, mapping):
    Permission = apps.get_model("auth", "Permission")
    for old, new in mapping.items():
        for permission in Permission.objects.filter(content_type__app_label="programs", codename__endswith=f"_{old}"):
            codename = permission.codename.removesuffix(old) + new
            if Permission.objects.filter(content_type=permission.content_type, codename=codename).exists():
                permission.delete()  # already created for the new name (post_migrate after an earlier run)
            else:
                permission.codename = codename
                permission.save(update_fields=["codename"])


def forwards(apps, schema_editor):
    rename_permissions(apps, schema_editor, RENAMED)
    sync_role_groups(apps)


def backwards(apps, schema_editor):
    # No sync here: it would create the new names' permissions again in the state being left.
    rename_permissions(apps, schema_editor, {new: old for old, new in RENAMED.items()})


OLD_CONSTRAINTS = ["target_positive", "pagu_not_negative", "sipd_code_has_level", "quarters_valid"]


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0004_move_evidence_to_private"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("dashboard", "0005_counting_rules_by_year"),
        ("wilayah", "0002_load_reference_data"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        *[migrations.RemoveConstraint(model_name="planline", name=f"planline_{name}") for name in OLD_CONSTRAINTS],
        migrations.RenameModel("PlanLine", "Kegiatan"),
        migrations.RenameModel("HistoricalPlanLine", "HistoricalKegiatan"),
        migrations.RenameModel("HistoricalPlanLine_lokasi", "HistoricalKegiatan_lokasi"),
        migrations.RenameField("historicalkegiatan_lokasi", "planline", "kegiatan"),
        migrations.RemoveConstraint(model_name="realisasi", name="realisasi_one_per_line_quarter"),
        migrations.RenameField("realisasi", "line", "kegiatan"),
        migrations.RenameField("historicalrealisasi", "line", "kegiatan"),
        migrations.AlterModelOptions(
            name='historicalkegiatan_lokasi',
            options={'verbose_name': 'HistoricalKegiatan_lokasi'},
        ),
        migrations.AlterModelOptions(
            name='realisasi',
            options={'ordering': ['kegiatan', 'triwulan'], 'verbose_name': 'realisasi triwulan', 'verbose_name_plural': 'realisasi triwulan'},
        ),
        migrations.AlterField(
            model_name='kegiatan',
            name='rencana',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='kegiatan', to='programs.rencana', verbose_name='rencana'),
        ),
        migrations.AddConstraint(
            model_name='kegiatan',
            constraint=models.CheckConstraint(condition=models.Q(('target__gt', 0)), name='kegiatan_target_positive', violation_error_message='Target harus lebih dari nol.'),
        ),
        migrations.AddConstraint(
            model_name='kegiatan',
            constraint=models.CheckConstraint(condition=models.Q(('pagu__gte', 0)), name='kegiatan_pagu_not_negative', violation_error_message='Pagu anggaran tidak boleh negatif.'),
        ),
        migrations.AddConstraint(
            model_name='kegiatan',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('level_sipd', ''), ('kode_sipd', '')), models.Q(models.Q(('level_sipd', ''), _negated=True), models.Q(('kode_sipd', ''), _negated=True)), _connector='OR'), name='kegiatan_sipd_code_has_level', violation_error_message='Kode SIPD dan tingkat nomenklaturnya harus diisi bersama.'),
        ),
        migrations.AddConstraint(
            model_name='kegiatan',
            constraint=models.CheckConstraint(condition=models.Q(('triwulan__in', ['1', '2', '3', '4', '12', '13', '14', '23', '24', '34', '123', '124', '134', '234', '1234'])), name='kegiatan_quarters_valid', violation_error_message='Pilih minimal satu triwulan pelaksanaan.'),
        ),
        migrations.AddConstraint(
            model_name='realisasi',
            constraint=models.UniqueConstraint(fields=('kegiatan', 'triwulan'), name='realisasi_one_per_kegiatan_quarter', violation_error_message='Realisasi triwulan ini sudah diisi untuk kegiatan tersebut.'),
        ),
        migrations.RunPython(forwards, backwards),
    ]
