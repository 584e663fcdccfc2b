from django.db import migrations

from opop.accounts.permissions import sync_role_groups


def sync(apps, schema_editor):
    sync_role_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_password_reset_request"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="user",
            options={
                "ordering": ["username"],
                "permissions": [
                    ("view_personal_data", "Melihat data pribadi (NIK, tanggal lahir, telepon) utuh"),
                    ("view_masked_personal_data", "Melihat data pribadi tersamar"),
                    ("open_product_documents", "Membuka dokumen sertifikat produk"),
                    ("verify_plans", "Memverifikasi atau mengembalikan rencana dan laporan"),
                    ("reopen_plans", "Membuka kembali rencana terverifikasi"),
                ],
                "verbose_name": "pengguna",
                "verbose_name_plural": "pengguna",
            },
        ),
        migrations.RunPython(sync, migrations.RunPython.noop),
    ]
