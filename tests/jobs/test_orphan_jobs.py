"""A running job whose worker stopped beating (killed, machine gone) is queued again for a live worker, with a new
task, once however many reapers look; after JOB_MAX_ATTEMPTS runs it is marked failed with "Coba lagi" instead
(a job that kills its worker must not kill every worker in turn). The real-process version, a worker killed in the
middle of an import's write: tests/jobs/test_worker_faults.py."""

import datetime

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from opop.jobs.models import Job, WorkerHeartbeat
from opop.jobs.services import job_start, reap_orphans


@pytest.fixture
def running(real_queue, admin):
    """A job claimed by worker "dead" (its task RUNNING, its heartbeat stale) after `attempts` runs."""

    def make(attempts, worker_id="dead"):
        job = job_start(actor=admin, kind="rekap_ulang")
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.RUNNING, worker_id=worker_id, attempts=attempts, phase="Menghitung", done=5, total=10
        )
        DBTaskResult.objects.filter(id=job.task_id).update(status="RUNNING")
        return Job.objects.get(pk=job.pk)

    stale = timezone.now() - datetime.timedelta(seconds=real_queue.WORKER_STALE_SECONDS + 1)
    WorkerHeartbeat.objects.create(worker_id="dead", hostname="h", pid=1, last_seen=stale)
    WorkerHeartbeat.objects.create(worker_id="alive", hostname="h", pid=2, last_seen=timezone.now())
    return make


def test_a_dead_workers_job_is_queued_again_with_a_new_task(running, settings):
    job = running(attempts=1)
    assert reap_orphans() == 1
    again = Job.objects.get(pk=job.pk)
    assert again.status == Job.Status.QUEUED and again.phase == "" and again.done == 0 and again.total is None
    assert "diantrekan lagi" in again.message
    assert again.task_id != job.task_id
    assert DBTaskResult.objects.get(id=job.task_id).status == "FAILED"  # the dead run's task
    assert DBTaskResult.objects.get(id=again.task_id).status == "READY"  # the new one, for a live worker
    assert not WorkerHeartbeat.objects.filter(worker_id="dead").exists()
    assert reap_orphans() == 0  # a second reaper finds nothing: queued once
    assert DBTaskResult.objects.filter(status="READY").count() == 1


def test_a_job_of_a_live_worker_is_left_running(running):
    job = running(attempts=1, worker_id="alive")
    assert reap_orphans() == 0
    assert Job.objects.get(pk=job.pk).status == Job.Status.RUNNING


def test_a_job_whose_worker_died_max_attempts_times_fails_with_coba_lagi(running, settings):
    settings.JOB_MAX_ATTEMPTS = 3
    job = running(attempts=3)
    assert reap_orphans() == 1
    failed = Job.objects.get(pk=job.pk)
    assert failed.status == Job.Status.FAILED and failed.can_retry and "Coba lagi" in failed.message
    assert failed.task_id == job.task_id and failed.finished_at is not None
    assert DBTaskResult.objects.get(id=job.task_id).status == "FAILED"
