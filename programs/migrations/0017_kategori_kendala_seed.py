from django.db import migrations

from opop.accounts.permissions import sync_role_groups

# The seven categories of issue 33; Admins add more in Django admin. English in locale/ (reference texts).
CATEGORIES = [
    "Anggaran",
    "Regulasi/kebijakan",
    "SDM",
    "Data",
    "Koordinasi antar-OPD",
    "Sarana",
    "Lainnya",
]


def seed(apps, schema_editor):
    KategoriKendala = apps.get_model("programs", "KategoriKendala")
    for urutan, nama in enumerate(CATEGORIES, start=1):
        KategoriKendala.objects.get_or_create(nama=nama, defaults={"urutan": urutan * 10})
    sync_role_groups(apps)  # the role groups get the new models' permissions


class Migration(migrations.Migration):
    dependencies = [("programs", "0016_kendala")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
