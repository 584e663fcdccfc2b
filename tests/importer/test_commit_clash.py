"""Two imports creating the same new people: the loser is told the data clashed, and no NIK reaches the log, ours or
PostgreSQL's: the clash is found under the import's lock (engine.claim_new_keys), never by a unique violation."""

import copy
import datetime
import logging
import re
import threading
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from opop.common.concurrency import KEY_CLASH
from opop.imports import engine
from opop.imports.models import ImportBatch
from opop.imports.registry import get_spec
from opop.imports.services import import_preview
from opop.jobs.models import Job
from opop.jobs.runner import run_job
from pesantren.models import Pesantren, Santripreneur, StatusAktif
from pesantren.services import santripreneur_save
from tests.importer.data import SANTRI_HEADERS, santri_rows, to_csv

DIGITS_16 = re.compile(r"\d{16}")


@pytest.fixture
def batch(pesantren_nspps, private_media, staf):
    upload = SimpleUploadedFile("santri.csv", to_csv(SANTRI_HEADERS, santri_rows(5, pesantren_nspps)))
    return import_preview(actor=staf, kind="santripreneur", uploaded_file=upload)


def _classify_then_another_save_wins(spec, rows, progress=None, **options):
    """The other import's commit lands between our validation and our write: same NIK, saved first."""
    engine_classify(spec, rows, progress, **options)
    winner = copy.copy(rows[0].instance)
    winner.save()


engine_classify = engine.classify


def test_a_clash_with_a_concurrent_save_says_so_writes_nothing_and_logs_no_nik(batch, as_persona, caplog):
    """The write that checks first and then writes (SQLite; the engine without a batch): a save between the two is
    found by the claim under the lock. On PostgreSQL the write job checks inside that lock (engine.streams), so no
    save can land in between: the next test."""
    client = as_persona("staf")
    no_stream = mock.patch.object(engine, "streams", return_value=False)
    with (
        caplog.at_level(logging.INFO),
        no_stream,
        mock.patch.object(engine, "classify", _classify_then_another_save_wins),
    ):
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
    assert not any("unique constraint" in line for line in logged)  # found under the lock, not by the database
    assert not [line for line in logged if DIGITS_16.search(line)]
    assert not [r for r in caplog.records if r.exc_info]  # a traceback would quote the database's message


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the write checks inside its lock on PostgreSQL")
def test_a_save_after_the_preview_is_found_by_the_write_and_nothing_is_written(
    batch, as_persona, caplog, staf, pesantren_nspps
):
    """Another user saves one of the file's people after the officer's preview: the write job, checking inside the
    table's lock, finds the NIK on record, says the data changed since the preview, writes none of the rows and
    logs no NIK (the database never sees a second copy of the key)."""
    first = _saved_first_row(staf, pesantren_nspps)
    with caplog.at_level(logging.INFO):
        response = as_persona("staf").post(f"/impor/batch/{batch.pk}/tulis/", follow=True)
    job = Job.objects.get(kind="impor_tulis")
    assert job.status == Job.Status.FAILED and "berubah sejak pratinjau" in job.message
    assert "berubah sejak pratinjau" in response.content.decode()
    assert list(Santripreneur.objects.values_list("pk", flat=True)) == [first.pk]
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.PREVIEWED and batch.counts["unchanged"] + batch.counts["update"] == 1
    logged = [r.getMessage() + (r.exc_text or "") for r in caplog.records]
    assert not any("unique constraint" in line for line in logged)
    assert not [line for line in logged if DIGITS_16.search(line)]


def _saved_first_row(staf, nspps):
    """The file's first person (santri_rows), saved through the registry's own service as a form would."""
    nama, nik_value, sex, _born, _phone, nspp_value, bidang, _status, tahun = santri_rows(1, nspps)[0]
    return santripreneur_save(
        actor=staf,
        nama=nama,
        nik=nik_value,
        jenis_kelamin=sex,
        tanggal_lahir=datetime.date(1995, 1, 1),
        pesantren=Pesantren.objects.get(nspp=nspp_value),
        bidang_usaha=bidang,
        status=StatusAktif.AKTIF,
        tahun_terdaftar=int(tahun),
    )


def test_a_write_run_again_after_its_worker_died_past_the_commit_ends_done_and_writes_nothing_more(batch, as_persona):
    """A worker killed after the write's commit but before it marked the job done: the job is queued again (the
    reaper) and its second run finds the batch written. Found by bench/scaleout: it ended "gagal"."""
    as_persona("staf").post(f"/impor/batch/{batch.pk}/tulis/")
    job = Job.objects.get(kind="impor_tulis")
    assert job.status == Job.Status.DONE and Santripreneur.objects.count() == 5
    Job.objects.filter(pk=job.pk).update(status=Job.Status.QUEUED, message="")  # as the reaper leaves it
    assert run_job(job.pk) == Job.Status.DONE
    job.refresh_from_db()
    assert (
        job.attempts == 2 and job.message == "Impor selesai: 5 data baru, 0 diperbarui, 0 tidak berubah, 0 tidak valid."
    )
    assert Santripreneur.objects.count() == 5 and ImportBatch.objects.get(pk=batch.pk).status == "committed"


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="two real connections at once need PostgreSQL")
def test_two_imports_of_the_same_new_people_at_once_raise_no_unique_violation(pesantren_nspps, staf):
    """Two threads, each its own connection, check the same file (five new NIKs) and only then both write. Before the
    lock the second write's COPY hit the NIK unique index: PostgreSQL logged `Key (nik)=(…) already exists`."""
    data = to_csv(SANTRI_HEADERS, santri_rows(5, pesantren_nspps))
    both_checked = threading.Barrier(2, timeout=30)

    def classify_then_wait(spec, rows, progress=None, **options):
        engine_classify(spec, rows, progress, **options)
        both_checked.wait()

    results, failures = [], []

    def one_import():
        try:
            results.append(engine.run_import(get_spec("santripreneur"), data, "s.csv", actor=staf, commit=True))
        except Exception as error:  # an IntegrityError here is the failure this test is about
            failures.append(type(error).__name__)
        finally:
            connection.close()

    with mock.patch.object(engine, "classify", classify_then_wait):
        threads = [threading.Thread(target=one_import) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert failures == []
    assert sorted(r.committed for r in results) == [False, True]
    loser = next(r for r in results if not r.committed)
    assert loser.file_errors == [str(KEY_CLASH)]
    assert Santripreneur.objects.count() == 5
