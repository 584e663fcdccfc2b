from django.db import migrations

from opop.accounts.permissions import sync_role_groups


def sync(apps, schema_editor):
    sync_role_groups(apps)


class Migration(migrations.Migration):
    dependencies = [("products", "0002_seed_categories"), ("accounts", "0003_role_groups")]
    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
