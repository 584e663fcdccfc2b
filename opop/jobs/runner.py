"""Runs one Job inside a queue worker: claims it, reports progress, stores the result file, and turns any failure
into a clear Indonesian message. Nothing an exception says reaches the job, the queue's result row or the log
(database errors quote the values they choke on); the log gets the job id, the error's class and where it was."""

import logging
import os
import time
import traceback
import uuid

from django.db import DatabaseError, IntegrityError, connection
from django.db.models import F
from django.utils import timezone

from opop.common.concurrency import KEY_CLASH
from opop.common.formatting import in_portal_language
from opop.common.reader_language import Deferred, portal_wording, revived, stored
from opop.common.reader_language import deferred as _
from opop.common.storage import private_storage
from opop.jobs.models import Job
from opop.jobs.registry import handler_for
from opop.notifications.models import Jenis
from opop.notifications.services import notify

logger = logging.getLogger(__name__)

PROGRESS_EVERY = 0.5  # seconds between progress writes
WORKER_ID = os.environ.get("OPOP_WORKER_ID", "")  # set by our db_worker; empty when a job runs inline


class JobError(Exception):
    """A failure whose message (Indonesian, ours, no personal data) is shown to the user as is."""


class JobRun:
    """What a handler gets: the job, progress reporting and a place for the result file."""

    def __init__(self, job):
        self.job = job
        self._last = 0.0

    def phase(self, text, total=None):
        self.job.phase, self.job.done, self.job.total = str(text)[:80], 0, total
        self._write(phase=self.job.phase, done=0, total=total)

    def progress(self, done, total=None, *, force=False):
        """Rows done (of total); written at most every PROGRESS_EVERY s, never inside a transaction (where
        nobody could see it) — the write phase of an import reports before and after its one transaction."""
        if total is not None:
            self.job.total = total
        self.job.done = min(done, self.job.total) if self.job.total is not None else done
        now = time.monotonic()
        if force or now - self._last >= PROGRESS_EVERY:
            self._write(done=self.job.done, total=self.job.total)

    def _write(self, **fields):
        if connection.in_atomic_block:
            return
        self._last = time.monotonic()
        Job.objects.filter(pk=self.job.pk).update(heartbeat_at=timezone.now(), **fields)

    def result_path(self, display_name):
        """An absolute path in private storage for the result file; the job remembers it on success."""
        ext = display_name.rsplit(".", 1)[-1]
        name = timezone.now().strftime(f"jobs/%Y/%m/{uuid.uuid4().hex}.{ext}")
        path = private_storage.path(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        self.job.result_file.name = name
        self.job.result_name = display_name[:200]
        return path

    def finish(self, message=""):
        """The job's result message: text, or a reader_language message (each reader sees it in their language)."""
        self.job.message = portal_wording(message)
        self.job.teks = _with_message(self.job.teks, message)


def _with_message(teks, message):
    """The job's original texts with `message`'s (none when it is plain text)."""
    kept = {name: text for name, text in teks.items() if name != "message"}
    return {**kept, "message": stored(message)} if isinstance(message, Deferred) else kept


def _where(error):
    frame = traceback.extract_tb(error.__traceback__)[-1:] or None
    return f"{frame[0].filename}:{frame[0].lineno}" if frame else "?"


def _reconnect_if_broken():
    """After a lost connection the failure must still be recorded: open a new one (never inside a transaction)."""
    if connection.connection is not None and not connection.in_atomic_block and not connection.is_usable():
        connection.close()


def _fail(job, message):
    _reconnect_if_broken()
    if job.result_file:
        private_storage.delete(job.result_file.name)
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.FAILED,
        message=portal_wording(message),
        teks=_with_message(job.teks, message),
        finished_at=timezone.now(),
        heartbeat_at=timezone.now(),
        result_file="",
        result_name="",
        expires_at=job.keep_until(),
    )


def run_job(job_id):
    """Claim the queued job (once: a second worker or a repeated task finds nothing to claim) and run it."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).update(
        status=Job.Status.RUNNING,
        started_at=now,
        heartbeat_at=now,
        worker_id=WORKER_ID,
        attempts=F("attempts") + 1,
        done=0,
        total=None,
        phase="",
        message="",
    )
    if not claimed:
        return "not-claimed"
    job = Job.objects.select_related("started_by", "batch").get(pk=job_id)
    run = JobRun(job)
    try:
        handler_for(job.kind)(run)
    except JobError as error:
        _fail(job, error.args[0] if error.args else "")
    except IntegrityError:
        # Another save wrote the same key (a NIK) between the check and the write. The database's message quotes
        # the value, so only the kind of failure is logged and shown.
        logger.warning("Job %s (%s) refused by a unique constraint (concurrent save)", job.pk, job.kind)
        _fail(job, _(KEY_CLASH))
    except DatabaseError as error:
        logger.error("Job %s (%s) failed: %s at %s", job.pk, job.kind, type(error).__name__, _where(error))
        _fail(job, _("Koneksi ke basis data terputus atau ditolak; tidak ada data yang ditulis. Tekan “Coba lagi”."))
    except Exception as error:
        logger.error("Job %s (%s) failed: %s at %s", job.pk, job.kind, type(error).__name__, _where(error))
        message = _(
            "Terjadi kesalahan tak terduga (%(kind)s); tidak ada data yang ditulis. Tekan “Coba lagi” "
            "atau hubungi admin dengan nomor pekerjaan %(id)s."
        )
        _fail(job, message % {"kind": type(error).__name__, "id": job.pk})
    else:
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.DONE,
            message=job.message,
            teks=job.teks,
            finished_at=timezone.now(),
            heartbeat_at=timezone.now(),
            done=job.total if job.total is not None else job.done,
            total=job.total,
            result_file=job.result_file.name or "",
            result_name=job.result_name,
            expires_at=job.keep_until(),
        )
    job.refresh_from_db()
    notify_finished(job)
    return job.status


def notify_finished(job):
    """The owner hears that the job ended: in the inbox, and by e-mail when they keep e-mail on (notify)."""
    if job.started_by is None:
        return
    with in_portal_language():  # the stored wording (and the e-mail); the inbox writes it in each reader's language
        label = revived(job.teks["label"]) if job.teks.get("label") else job.label
        message = revived(job.teks["message"]) if job.teks.get("message") else job.message
        status = dict(Job.Status.choices)[job.status]
        notify(
            recipients=[job.started_by],
            jenis=Jenis.PEKERJAAN,
            judul=_("Pekerjaan %(status)s: %(label)s") % {"status": status, "label": label},
            isi=message,
            tautan=job.get_absolute_url(),
            kunci=f"pekerjaan-{job.pk}-{job.attempts}",  # one message per run, whatever calls this twice
        )
