from django.db import migrations

from opop.accounts.permissions import sync_role_groups


def sync(apps, schema_editor):
    # The role groups receive the permissions of the models created in 0001 (see opop/accounts/permissions.py).
    sync_role_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0001_initial"),
        ("accounts", "0003_role_groups"),
    ]
    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
