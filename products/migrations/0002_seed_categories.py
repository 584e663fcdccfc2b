from django.db import migrations

from products.reference import seed_categories


def seed(apps, schema_editor):
    seed_categories(apps.get_model("products", "ProductCategory"))


class Migration(migrations.Migration):
    dependencies = [("products", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
