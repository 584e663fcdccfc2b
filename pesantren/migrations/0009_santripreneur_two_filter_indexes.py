"""Issue 18, lists: the santripreneur list with two filters (kab/kota or pesantren, status, year, sex) backed by
indexes that match it, for its page (keyset ORDER BY nama, id) and its capped count; see the comments in models.py."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('pesantren', '0008_duplicate_key_and_twin_flag'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='santripreneur',
            name='santri_tahun',
        ),
        migrations.AddIndex(
            model_name='santripreneur',
            index=models.Index(fields=['tahun_terdaftar', 'nama', 'id'], name='santri_tahun_nama_id'),
        ),
        migrations.AddIndex(
            model_name='santripreneur',
            index=models.Index(fields=['status', 'nama', 'id'], name='santri_status_nama_id'),
        ),
        migrations.AddIndex(
            model_name='santripreneur',
            index=models.Index(fields=['pesantren', 'status', 'tahun_terdaftar', 'jenis_kelamin'], name='santri_pesantren_filters'),
        ),
        migrations.AddIndex(
            model_name='santripreneur',
            index=models.Index(fields=['status', 'tahun_terdaftar', 'jenis_kelamin'], name='santri_status_filters'),
        ),
    ]
