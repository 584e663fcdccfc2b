from django.db import migrations

from opop.dashboard.reference import seed_indicators


def seed(apps, schema_editor):
    seed_indicators(apps.get_model("dashboard", "Indicator"), apps.get_model("dashboard", "Target"))


class Migration(migrations.Migration):
    dependencies = [("dashboard", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
