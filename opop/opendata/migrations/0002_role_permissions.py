from django.db import migrations

from opop.accounts.permissions import sync_role_groups


def sync(apps, schema_editor):
    sync_role_groups(apps)  # Staf Diskop may publish (add_publikasi), Pimpinan reads the versions


class Migration(migrations.Migration):
    dependencies = [("opendata", "0001_publikasi"), ("accounts", "0006_notification_preferences")]
    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
