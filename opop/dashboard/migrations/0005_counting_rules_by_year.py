from django.db import migrations

from opop.dashboard.reference import seed_indicators


def update_rules(apps, schema_editor):
    """The counting rules now say by which year each indicator accumulates (sociopreneur: year the business
    started). seed_indicators updates the dictionary and leaves the targets (and any restatement) alone."""
    seed_indicators(apps.get_model("dashboard", "Indicator"), apps.get_model("dashboard", "Target"))


class Migration(migrations.Migration):
    dependencies = [("dashboard", "0004_seed_recorded_figures")]
    operations = [migrations.RunPython(update_rules, migrations.RunPython.noop)]
