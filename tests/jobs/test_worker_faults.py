"""The queue under faults, with real `db_worker` processes: a worker killed in the middle of an import's write
leaves nothing written and the job is queued again and written once by the next worker; two workers share ten jobs
and each job runs exactly once; a job queued while no worker (or web server) runs is done when a worker starts."""

import signal

import psycopg
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django_tasks_db.models import DBTaskResult

from opop.imports.models import ImportBatch
from opop.imports.services import import_preview
from opop.jobs.models import Job
from opop.jobs.services import job_start, live_workers
from pesantren.models import Santripreneur, SantripreneurTally
from tests.importer.data import SANTRI_HEADERS, santri_rows, to_csv
from tests.jobs.conftest import needs_postgresql, wait_for

pytestmark = [needs_postgresql, pytest.mark.django_db(transaction=True)]


def _other_connection(autocommit=False):
    db = connection.settings_dict
    return psycopg.connect(
        dbname=db["NAME"],
        user=db["USER"],
        password=db["PASSWORD"],
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        autocommit=autocommit,
    )


def _job(pk):
    return Job.objects.get(pk=pk)


def test_worker_killed_mid_commit_writes_nothing_then_the_next_worker_writes_once(
    start_worker, pesantren_nspps, staf, client
):
    client.force_login(staf)
    upload = SimpleUploadedFile("santri.csv", to_csv(SANTRI_HEADERS, santri_rows(3000, pesantren_nspps)))
    batch = import_preview(actor=staf, kind="santripreneur", uploaded_file=upload)
    worker = start_worker("worker-a")
    wait_for(lambda: ImportBatch.objects.get(pk=batch.pk).status == "previewed", what="the check job")

    # Hold the dashboard tallies so the worker's write stops inside its transaction, after the records' COPY (the
    # tallies are kept in step in the same transaction; a created record writes no history row: its batch is its
    # audit record).
    tally_table = SantripreneurTally._meta.db_table
    blocker = _other_connection()
    try:
        blocker.execute(f"LOCK TABLE {tally_table} IN ACCESS EXCLUSIVE MODE")
        response = client.post(f"/impor/batch/{batch.pk}/tulis/")
        assert response.status_code == 302
        job = batch.jobs.get(kind="impor_tulis")
        # autocommit: inside one transaction pg_stat_activity would show the snapshot of its first read
        with _other_connection(autocommit=True) as watcher:

            def blocked():
                return watcher.execute(
                    "SELECT array_agg(pid) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = %s",
                    [connection.settings_dict["NAME"]],
                ).fetchone()[0]

            try:
                backends = wait_for(blocked, what="the worker to block inside its write transaction")
            except AssertionError:
                activity = watcher.execute(
                    "SELECT state, wait_event_type, wait_event, left(query, 90) FROM pg_stat_activity "
                    "WHERE datname = %s",
                    [connection.settings_dict["NAME"]],
                ).fetchall()
                raise AssertionError(f"job {_job(job.pk).__dict__}; activity {activity}") from None
        assert _job(job.pk).status == "berjalan"
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
    finally:
        blocker.rollback()  # a failing assertion must not leave the table locked for the teardown's flush
        blocker.close()

    # The killed worker's server process ends (its transaction rolled back) once it sees its client gone.
    with _other_connection(autocommit=True) as watcher:

        def backends_gone():
            return not watcher.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE pid = ANY(%s)", [backends]
            ).fetchone()[0]

        wait_for(backends_gone, what="the killed worker's database session to end")
    assert Santripreneur.objects.count() == 0 and Santripreneur.history.count() == 0
    assert ImportBatch.objects.get(pk=batch.pk).status == "previewed"

    # the dead worker's heartbeat goes stale (WORKER_STALE_SECONDS); the job still shows "berjalan" until a worker
    # (or a page) looks
    wait_for(lambda: not live_workers().filter(worker_id="worker-a").exists(), what="worker-a's heartbeat to go stale")
    assert _job(job.pk).status == "berjalan" and Santripreneur.objects.count() == 0

    start_worker("worker-b")  # reaps at its start: the job goes back on the queue and worker-b runs it
    wait_for(lambda: _job(job.pk).status == "selesai", what="the write run again by worker-b")
    job.refresh_from_db()
    assert job.attempts == 2 and job.worker_id == "worker-b"
    assert Santripreneur.objects.count() == 3000  # written once
    assert Santripreneur.objects.filter(import_batch=batch.pk).count() == 3000 and not Santripreneur.history.exists()
    assert ImportBatch.objects.get(pk=batch.pk).status == "committed"
    assert DBTaskResult.objects.filter(status="FAILED").count() == 1  # the dead run's task; the new one succeeded
    page = client.get(f"/pekerjaan/{job.pk}/").content.decode()
    assert "selesai" in page and "Coba lagi" not in page


def test_two_workers_run_ten_jobs_each_exactly_once(start_worker, admin):
    jobs = [job_start(actor=admin, kind="rekap_ulang") for _ in range(10)]
    assert all(job.status == "antre" for job in jobs)
    start_worker("worker-1")
    start_worker("worker-2")
    ids = [job.pk for job in jobs]
    wait_for(lambda: Job.objects.filter(pk__in=ids, status="selesai").count() == 10, what="ten jobs")
    for job in Job.objects.filter(pk__in=ids):
        assert job.attempts == 1
    results = DBTaskResult.objects.filter(id__in=[job.task_id for job in jobs])
    assert results.count() == 10
    wait_for(lambda: results.filter(status="SUCCESSFUL").count() == 10, what="the queue to record the ten")
    for result in results:
        assert result.status == "SUCCESSFUL" and len(result.worker_ids) == 1
        assert result.return_value == "selesai"  # claimed and run, never "not-claimed"
    used = {job.worker_id for job in Job.objects.filter(pk__in=ids)}
    assert used <= {"worker-1", "worker-2"}


def test_a_job_queued_with_no_worker_running_waits_and_runs_when_one_starts(start_worker, admin, client):
    job = job_start(actor=admin, kind="rekonsiliasi")
    # nothing runs it in the web process: queued, and the queue's task not claimed by anyone
    assert _job(job.pk).status == "antre" and _job(job.pk).attempts == 0
    assert DBTaskResult.objects.get(id=job.task_id).status == "READY"
    client.force_login(admin)
    assert client.get("/healthz").json()["worker"] == "none"
    start_worker("late-worker")
    wait_for(lambda: _job(job.pk).status == "selesai", what="the queued job")
    assert "cocok" in _job(job.pk).message
    assert _job(job.pk).worker_id == "late-worker" and _job(job.pk).attempts == 1  # run once, by the worker
    assert client.get("/healthz").json()["worker"] == "ok"
