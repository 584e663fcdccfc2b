from django.db import migrations

from opop.accounts.reference import seed_opd


def seed(apps, schema_editor):
    seed_opd(apps.get_model("accounts", "PerangkatDaerah"))


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
