"""Two imports creating the same new people: the loser is told the data clashed, and no NIK reaches the log."""

import copy
import logging
import re
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from opop.common.importer import engine
from opop.common.importer.services import import_preview
from opop.common.models import ImportBatch
from opop.jobs.models import Job
from pesantren.models import Santripreneur
from tests.importer.data import SANTRI_HEADERS, santri_rows, to_csv

DIGITS_16 = re.compile(r"\d{16}")


@pytest.fixture
def batch(pesantren_nspps, private_media, staf):
    upload = SimpleUploadedFile("santri.csv", to_csv(SANTRI_HEADERS, santri_rows(5, pesantren_nspps)))
    return import_preview(actor=staf, kind="santripreneur", uploaded_file=upload)


def _classify_then_another_save_wins(spec, rows, progress=None):
    """The other import's commit lands between our validation and our write: same NIK, saved first."""
    engine_classify(spec, rows, progress)
    winner = copy.copy(rows[0].instance)
    winner.save()


engine_classify = engine.classify


def test_a_clash_with_a_concurrent_save_says_so_writes_nothing_and_logs_no_nik(batch, as_persona, caplog):
    client = as_persona("staf")
    with caplog.at_level(logging.INFO), mock.patch.object(engine, "classify", _classify_then_another_save_wins):
        response = client.post(f"/impor/batch/{batch.pk}/tulis/", follow=True)
    text = response.content.decode()
    job = Job.objects.get(kind="impor_tulis")  # the write runs as a job (inline in tests)
    assert job.status == Job.Status.FAILED
    assert "bentrok dengan data yang baru saja disimpan pengguna lain" in job.message
    assert "bentrok dengan data yang baru saja disimpan pengguna lain" in text
    assert "Koneksi ke basis data terputus" not in text
    # Only the other user's save stands; none of the file's five rows was written.
    assert list(Santripreneur.objects.values_list("nama", flat=True)) == ["Santri Nomor 0"]
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.PREVIEWED  # the user can preview and try again
    logged = [r.getMessage() + (r.exc_text or "") for r in caplog.records]
    assert any("unique constraint" in line for line in logged)
    assert not [line for line in logged if DIGITS_16.search(line)]
    assert not [r for r in caplog.records if r.exc_info]  # a traceback would quote the database's message
