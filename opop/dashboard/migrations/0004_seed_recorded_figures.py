from django.db import migrations

from opop.dashboard.reference import seed_recorded_figures


def seed(apps, schema_editor):
    seed_recorded_figures(apps.get_model("dashboard", "Indicator"), apps.get_model("dashboard", "RecordedFigure"))


class Migration(migrations.Migration):
    dependencies = [("dashboard", "0003_recordedfigure")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
