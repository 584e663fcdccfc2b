"""Uploaded import files hold NIKs: they are deleted after the retention period; the batch record stays."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from opop.imports.models import ImportBatch
from opop.imports.services import import_preview
from pesantren.models import Santripreneur
from tests.importer.data import SANTRI_HEADERS, santri_rows, to_csv


def _batch(staf, nspps, *, age_days):
    upload = SimpleUploadedFile("santri.csv", to_csv(SANTRI_HEADERS, santri_rows(3, nspps)))
    batch = import_preview(actor=staf, kind="santripreneur", uploaded_file=upload)
    ImportBatch.objects.filter(pk=batch.pk).update(uploaded_at=timezone.now() - timedelta(days=age_days))
    batch.refresh_from_db()
    return batch


@pytest.fixture
def batches(pesantren_nspps, private_media, staf, settings):
    settings.IMPORT_FILE_RETENTION_DAYS = 14
    return _batch(staf, pesantren_nspps, age_days=15), _batch(staf, pesantren_nspps, age_days=13)


def test_files_older_than_the_retention_are_deleted_and_newer_ones_kept(batches, capsys):
    old, recent = batches
    old_path, recent_path = Path(old.file.path), Path(recent.file.path)
    call_command("purge_import_files")
    assert "1 berkas impor" in capsys.readouterr().out
    assert not old_path.exists() and recent_path.exists()
    old.refresh_from_db()
    assert not old.file and old.row_count == 3  # the record of the import stays
    call_command("purge_import_files")  # idempotent
    assert recent_path.exists()


def test_a_purged_batch_cannot_be_committed_and_says_why(batches, as_persona):
    old, _recent = batches
    call_command("purge_import_files")
    client = as_persona("staf")
    assert client.get(f"/impor/batch/{old.pk}/").status_code == 200  # the record of the import still opens
    response = client.post(f"/impor/batch/{old.pk}/tulis/", follow=True)
    assert "melewati masa simpan" in response.content.decode()
    assert not Santripreneur.objects.exists()
    failed = client.get(f"/impor/batch/{old.pk}/baris-gagal.csv", follow=True)
    assert failed.status_code == 200 and "melewati masa simpan" in failed.content.decode()
