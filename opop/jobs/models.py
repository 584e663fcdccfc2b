"""Background jobs as the user sees them: what was started, by whom, how far it is, and its result file.

The queue itself is django-tasks with its database backend (`django_tasks_db`); a Job is our record around one
piece of long work, so it carries progress, a result kept in private storage and a retry. Its task arguments are
only the job id: personal data never travels through the queue (files are referenced by id)."""

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opop.common.reader_language import shown
from opop.common.storage import private_storage
from opop.jobs.registry import kind_label


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "antre", _("antre")
        RUNNING = "berjalan", _("berjalan")
        DONE = "selesai", _("selesai")
        FAILED = "gagal", _("gagal")

    kind = models.CharField(_("jenis"), max_length=40)
    label = models.CharField(_("uraian"), max_length=200)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dimulai oleh"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    # The starter's role and OPD then (accounts.permissions.access_scope): the result is theirs only while both hold.
    access_scope = models.CharField(_("akses pemula"), max_length=40, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    params = models.JSONField(_("parameter"), default=dict, blank=True)  # ids and filters only, never personal data
    batch = models.ForeignKey(
        "imports.ImportBatch",
        verbose_name=_("batch impor"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="jobs",
    )
    phase = models.CharField(_("tahap"), max_length=80, blank=True)
    done = models.PositiveIntegerField(_("selesai diproses"), default=0)
    total = models.PositiveIntegerField(_("jumlah"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    task_id = models.CharField(_("id tugas antrean"), max_length=64, blank=True)
    worker_id = models.CharField(_("pekerja"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    started_at = models.DateTimeField(_("mulai"), null=True, blank=True)
    finished_at = models.DateTimeField(_("selesai pada"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("tanda hidup terakhir"), null=True, blank=True)
    message = models.TextField(_("pesan"), blank=True)  # Indonesian, written by us: never an exception's text
    # The untranslated label and message ({"label": …, "message": …}, opop.common.reader_language.stored), so each
    # reader sees them in their language; `label`/`message` keep the portal language's wording (older rows, search).
    teks = models.JSONField(_("teks asli"), default=dict, blank=True)
    result_file = models.FileField(
        _("berkas hasil"), upload_to="jobs/%Y/%m/", storage=private_storage, blank=True, max_length=255
    )
    result_name = models.CharField(_("nama berkas hasil"), max_length=200, blank=True)
    expires_at = models.DateTimeField(_("dihapus pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("pekerjaan")
        verbose_name_plural = _("pekerjaan")
        ordering = ["-created_at", "-id"]
        indexes = [
            # "Pekerjaan saya": a user's jobs, newest first.
            models.Index(fields=["started_by", "-created_at"], name="job_owner_date"),
            # The reaper and the purge: running jobs, and finished jobs past their expiry.
            models.Index(fields=["status", "heartbeat_at"], name="job_status_heartbeat"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(total__isnull=True) | models.Q(done__lte=models.F("total")),
                name="job_done_within_total",
                violation_error_message=_("Jumlah yang selesai tidak boleh melebihi jumlah seluruhnya."),
            ),
        ]

    def __str__(self):
        return f"{self.label} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("jobs:detail", args=[self.pk])

    @property
    def label_dibaca(self):
        """The label in the active language (the stored wording when the job kept no original text)."""
        return shown(self.teks["label"]) if self.teks.get("label") else self.label

    @property
    def message_dibaca(self):
        return shown(self.teks["message"]) if self.teks.get("message") else self.message

    @property
    def finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self):
        if self.status == self.Status.DONE:
            return 100
        if not self.total:
            return 0
        return min(100, int(self.done * 100 / self.total))

    @property
    def eta_seconds(self):
        """Seconds left if the rate so far holds; None before there is a rate."""
        if self.status != self.Status.RUNNING or not self.total or not self.done or not self.started_at:
            return None
        elapsed = (timezone.now() - self.started_at).total_seconds()
        return max(0, round(elapsed / self.done * (self.total - self.done)))

    @property
    def kind_label(self):
        return kind_label(self.kind)

    @property
    def can_retry(self):
        return self.status == self.Status.FAILED

    def keep_until(self):
        return timezone.now() + datetime.timedelta(days=settings.JOB_RESULT_DAYS)


class WorkerHeartbeat(models.Model):
    """One row per running `db_worker`, refreshed every few seconds; /healthz and the reaper read it."""

    worker_id = models.CharField(_("pekerja"), max_length=64, unique=True)
    hostname = models.CharField(_("mesin"), max_length=200)
    pid = models.PositiveIntegerField(_("pid"))
    started_at = models.DateTimeField(_("mulai"), auto_now_add=True)
    last_seen = models.DateTimeField(_("terakhir terlihat"))

    class Meta:
        verbose_name = _("pekerja latar")
        verbose_name_plural = _("pekerja latar")
        ordering = ["-last_seen"]

    def __str__(self):
        return f"{self.hostname}:{self.pid}"

    def get_absolute_url(self):
        return reverse("jobs:list")
