"""Starting, retrying, reaping and purging jobs; worker heartbeats. Views only start jobs and show them."""

import datetime
import logging
import socket
import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from opop.accounts.permissions import access_scope
from opop.common.reader_language import Deferred, portal_wording, stored
from opop.common.registry import registry
from opop.common.storage import private_storage
from opop.jobs.models import Job, WorkerHeartbeat
from opop.jobs.registry import kind_label
from opop.jobs.tasks import run

logger = logging.getLogger(__name__)


def _enqueue(job, run_after=None):
    task = run.using(run_after=run_after) if run_after else run
    result = task.enqueue(job.pk)  # the immediate backend (tests) has run the job by now
    Job.objects.filter(pk=job.pk).update(task_id=str(result.id))
    job.refresh_from_db()
    return job


def job_start(*, actor, kind, label="", params=None, batch=None, run_after=None):
    """Record the job and put it on the queue; its task's only argument is the job's id. `label`: text, or a
    reader_language message (then each reader sees it in their language)."""
    label = label or kind_label(kind)
    job = Job.objects.create(
        kind=kind,
        label=portal_wording(label)[:200],
        teks={"label": stored(label)} if isinstance(label, Deferred | Promise) else {},
        started_by=actor,
        access_scope=access_scope(actor),
        params=params or {},
        batch=batch,
    )
    return _enqueue(job, run_after)


@transaction.atomic
def job_retry(*, actor, job):
    """A failed job goes back on the queue as it was ("Coba lagi")."""
    job = Job.objects.select_for_update().get(pk=job.pk)
    if job.status != Job.Status.FAILED:
        raise ValidationError(_("Hanya pekerjaan yang gagal yang dapat dicoba lagi."))
    job.status, job.message, job.done, job.total, job.phase = Job.Status.QUEUED, "", 0, None, ""
    job.teks = {name: text for name, text in job.teks.items() if name != "message"}
    job.finished_at = job.expires_at = None
    job.save(update_fields=["status", "message", "teks", "done", "total", "phase", "finished_at", "expires_at"])
    return job


def job_retry_and_enqueue(*, actor, job):
    return _enqueue(job_retry(actor=actor, job=job))


# ---------------------------------------------------------------- workers


def worker_beat(worker_id, pid):
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id, defaults={"hostname": socket.gethostname()[:200], "pid": pid, "last_seen": timezone.now()}
    )


def worker_gone(worker_id):
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def _stale_before():
    return timezone.now() - datetime.timedelta(seconds=settings.WORKER_STALE_SECONDS)


def wait_for_worker(pid, *, timeout=60):
    """Return once the worker `pid` has been beating for half a heartbeat interval (by then it has printed its
    start-up lines: `make run` prints the demo logins after them), or after `timeout` seconds (a worker that fails to
    start prints its own error). True when it is running."""
    settled = datetime.timedelta(seconds=settings.WORKER_HEARTBEAT_SECONDS / 2)
    running = WorkerHeartbeat.objects.filter(pid=pid, last_seen__gte=F("started_at") + settled)
    give_up = time.monotonic() + timeout
    while not running.exists():
        if time.monotonic() > give_up:
            return False
        time.sleep(0.2)
    return True


def live_workers():
    return WorkerHeartbeat.objects.filter(last_seen__gte=_stale_before())


def reap_orphans():
    """Running jobs whose worker stopped beating (killed, machine restarted). Their one transaction died with the
    worker, so nothing of them was written, and every kind may run again (an import's write claims its batch inside
    the transaction that writes its rows, so it is written once). Each goes back on the queue for a live worker; one
    that has had JOB_MAX_ATTEMPTS runs (it may be what kills its worker: memory) is marked failed, with "Coba lagi".
    Two reapers at once requeue a job once: the conditional update picks one. Returns how many were reaped."""
    live = set(live_workers().values_list("worker_id", flat=True))
    orphans = [
        job
        for job in Job.objects.filter(status=Job.Status.RUNNING)
        .exclude(worker_id="")
        .only("pk", "worker_id", "task_id", "attempts")
        if job.worker_id not in live
    ]
    if not orphans:
        return 0
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    DBTaskResult.objects.filter(id__in=[j.task_id for j in orphans if j.task_id], status="RUNNING").update(
        status="FAILED", finished_at=now
    )
    requeued = [job for job in orphans if job.attempts < settings.JOB_MAX_ATTEMPTS and _requeue(job)]
    failed = [job for job in orphans if job.attempts >= settings.JOB_MAX_ATTEMPTS and _fail_orphan(job, now)]
    WorkerHeartbeat.objects.filter(last_seen__lt=_stale_before()).delete()
    if requeued or failed:
        logger.warning(
            "Worker gone: job(s) %s queued again, job(s) %s marked failed",
            ", ".join(str(job.pk) for job in requeued) or "-",
            ", ".join(str(job.pk) for job in failed) or "-",
        )
    return len(requeued) + len(failed)


def _requeue(job):
    """Back on the queue with a new task, in one transaction: never queued without a task to run it."""
    message = _("Pekerja latar berhenti saat menjalankan pekerjaan ini; pekerjaan diantrekan lagi untuk pekerja lain.")
    with transaction.atomic():
        if not Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING, worker_id=job.worker_id).update(
            status=Job.Status.QUEUED, message=message, done=0, total=None, phase=""
        ):
            return False
        _enqueue(job)
    return True


def _fail_orphan(job, now):
    message = _(
        "Pekerja latar berhenti saat menjalankan pekerjaan ini (dimatikan atau mesinnya dimulai ulang). "
        "Tidak ada data yang ditulis setengah jalan; tekan “Coba lagi”."
    )
    return Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING, worker_id=job.worker_id).update(
        status=Job.Status.FAILED,
        message=message,
        finished_at=now,
        expires_at=now + datetime.timedelta(days=settings.JOB_RESULT_DAYS),
    )


def purge_expired():
    """Finished jobs past JOB_RESULT_DAYS are deleted with their result files."""
    expired = Job.objects.filter(status__in=[Job.Status.DONE, Job.Status.FAILED], expires_at__lt=timezone.now())
    count = 0
    for job in expired.only("pk", "result_file").iterator():
        if job.result_file:
            private_storage.delete(job.result_file.name)
        job.delete()
        count += 1
    return count


def ensure_scheduled():
    """Keep one run of every job kind that runs by itself queued for its next time (the apps' registry
    "schedules": kind -> next_run(now)), with no cron: every worker calls this at its start and at each
    housekeeping round (db_worker). Two workers calling it at once may queue a kind twice; both runs are harmless
    (a reminder is sent once: `notify`'s key) and no more is queued while one waits."""
    schedules = registry["schedules"]
    queued = set(
        Job.objects.filter(kind__in=schedules, status=Job.Status.QUEUED, started_by=None).values_list("kind", flat=True)
    )
    now = timezone.localtime()
    return [
        job_start(actor=None, kind=kind, run_after=import_string(next_run)(now))
        for kind, next_run in schedules.items()
        if kind not in queued
    ]


def next_daily(now, hour):
    """The next `hour`:00 local time after `now`."""
    next_run = now.replace(hour=hour, minute=0, second=0, microsecond=0)
    return next_run if next_run > now else next_run + datetime.timedelta(days=1)
