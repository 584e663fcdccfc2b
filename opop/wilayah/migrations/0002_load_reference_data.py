from django.db import migrations

from opop.wilayah.loader import load_wilayah


def load(apps, schema_editor):
    load_wilayah(apps.get_model("wilayah", "KabupatenKota"), apps.get_model("wilayah", "Kecamatan"))


class Migration(migrations.Migration):
    dependencies = [("wilayah", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
