"""The import engine's records: an uploaded file and its check (ImportBatch), and the column mappings officers
confirmed (ImportMapping). Their tables keep the names they had under opop.common."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from opop.common.reader_language import shown
from opop.common.storage import private_storage


class ImportBatch(models.Model):
    """One uploaded import file: its dry-run result, and whether (and by whom) it was committed."""

    class Status(models.TextChoices):
        CHECKING = "checking", _("Sedang diperiksa")
        PREVIEWED = "previewed", _("Pratinjau")
        COMMITTED = "committed", _("Ditulis")
        REJECTED = "rejected", _("Ditolak")

    kind = models.CharField(_("jenis data"), max_length=40)
    original_name = models.CharField(_("nama berkas"), max_length=255)
    file = models.FileField(_("berkas"), upload_to="imports/%Y/%m/", storage=private_storage)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("diunggah oleh"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("diunggah pada"), auto_now_add=True)
    # The uploader's role and OPD then (accounts.permissions.access_scope): the batch is theirs only while both hold.
    access_scope = models.CharField(_("akses pengunggah"), max_length=40, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.CHECKING)
    row_count = models.PositiveIntegerField(_("jumlah baris"), default=0)
    counts = models.JSONField(_("ringkasan"), default=dict)
    errors = models.JSONField(_("kesalahan"), default=list)  # [row, column, message]
    warnings = models.JSONField(_("peringatan"), default=list)
    # Warnings the officer must confirm before the commit (a pesantren renamed to a very different name): [row, column,
    # message]. The write job refuses when its re-check finds others.
    confirmations = models.JSONField(_("perlu konfirmasi"), default=list)
    # The counts (new/updated/unchanged/invalid) of the preview the officer saw; the write job refuses when its
    # re-check counts differently.
    previewed_counts = models.JSONField(_("ringkasan pratinjau"), default=dict)
    # Per updated row: [row, record name, [[field, old, new], ...], record URL]; emptied with the file on purge.
    changes = models.JSONField(_("perubahan"), default=list)
    # What the updates do per field, {"fields": [[label, changed, emptied]], "kept": [[column key, title, rows]]}: the
    # blank cells that left a stored value as it was, per column the officer may choose to empty (engine.kept_blank).
    field_changes = models.JSONField(_("perubahan per kolom"), default=dict, blank=True)

    class DateOrder(models.TextChoices):  # the values of opop.imports.columns.DateOrder
        AUTO = "", _("Hari dulu (hari/bulan/tahun), bulan dulu ditanyakan")
        DAY_FIRST = "dmy", _("Hari dulu: 08/05/2004 adalah 8 Mei 2004")
        MONTH_FIRST = "mdy", _("Bulan dulu: 05/08/2004 adalah 8 Mei 2004 (Excel berbahasa Inggris)")

    # How the file's numeric dates are read, chosen by the officer when the check found month-first dates.
    date_order = models.CharField(_("urutan tanggal"), max_length=3, choices=DateOrder.choices, blank=True, default="")
    date_order_asked = models.BooleanField(_("urutan tanggal ditanyakan"), default=False)
    # What the kind needs besides the file, chosen on the upload form (a training list: the id of its OPD activity).
    # Ids only: never personal data, since it travels with the batch into the jobs.
    options = models.JSONField(_("pilihan impor"), default=dict, blank=True)
    # The column mapping of the last check, {title key: field key or ""} (importer/mapping.py): the officer's choice,
    # or what the titles, a remembered mapping or the values gave; the write reads the file the same way.
    mapping = models.JSONField(_("pemetaan kolom"), default=dict, blank=True)
    columns_read = models.JSONField(_("kolom yang dibaca"), default=list, blank=True)  # [[title, field, how]]
    # What the check asks the officer to pick (ImportSpec.choices_asked): a pesantren name with several candidates.
    questions = models.JSONField(_("pilihan yang ditanyakan"), default=list, blank=True)
    # What the check found in the file that the officer may choose to read too (their choice is in `options`):
    # {"hidden": [[row, name]], "hidden_count": n, "sheets": [[sheet name, data rows, problem or ""]]}. The names are
    # personal data: emptied with the file on purge.
    offers = models.JSONField(_("pilihan isi berkas"), default=dict, blank=True)
    committed_at = models.DateTimeField(_("ditulis pada"), null=True, blank=True)
    # Who confirmed the write (the uploader, or whoever pressed "Tulis" for them); empty before issue 32.
    committed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ditulis oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The failed rows as uploaded, with a "Kesalahan" column first; written by the check job.
    failed_xlsx = models.FileField(
        _("baris gagal (XLSX)"), upload_to="imports/%Y/%m/", storage=private_storage, blank=True
    )
    failed_csv = models.FileField(
        _("baris gagal (CSV)"), upload_to="imports/%Y/%m/", storage=private_storage, blank=True
    )

    class Meta:
        db_table = "common_importbatch"  # the table from before the import engine had its own app
        verbose_name = _("batch impor")
        verbose_name_plural = _("batch impor")
        ordering = ["-uploaded_at", "-id"]
        # "Impor saya": a user's batches, newest first (importer selectors).
        indexes = [models.Index(fields=["uploaded_by", "-uploaded_at"], name="importbatch_user_date")]

    def __str__(self):
        return f"{self.kind}: {self.original_name} ({self.uploaded_at:%Y-%m-%d %H:%M})"

    def get_absolute_url(self):
        return reverse("imports:preview", args=[self.pk])

    @property
    def writer(self):
        """Who wrote the batch into the registry (batches written before this was kept: their uploader)."""
        return self.committed_by or self.uploaded_by

    @property
    def invalid_count(self):
        return len({row for row, _column, _message in self.errors if row})

    @property
    def refusal(self):
        """Why the file was refused as a whole (a problem of the file, no row to fix), or "": the first message
        about the file where no row is invalid, in the reader's language."""
        return shown(self.refusal_stored)

    @property
    def refusal_stored(self):
        """The refusal as stored (reader_language), to be quoted in another message."""
        if self.invalid_count:
            return ""
        return next((message for row, _column, message in self.errors if not row), "")


def created_by_import():
    """The field a record created by an import keeps its batch in (null: created otherwise). The batch is the audit
    record of the rows it creates: no per-row history row is written for them (opop/imports/audit.py). No index: no
    query looks records up by their batch, and every import would pay for one."""
    return models.ForeignKey(
        ImportBatch,
        verbose_name=_("dibuat dari impor"),
        null=True,
        blank=True,
        editable=False,
        db_index=False,
        on_delete=models.PROTECT,
        related_name="+",
    )


class ImportMapping(models.Model):
    """A column mapping an officer confirmed, offered again for their next file of the same kind and shape (the
    same column titles): agencies send the same sheet every quarter."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("pengguna"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("jenis"), max_length=30)
    shape = models.CharField(_("bentuk berkas"), max_length=40)  # importer.mapping.shape_of(titles)
    mapping = models.JSONField(_("pemetaan kolom"), default=dict)
    disimpan_pada = models.DateTimeField(_("disimpan pada"), auto_now=True)

    class Meta:
        db_table = "common_importmapping"  # the table from before the import engine had its own app
        verbose_name = _("pemetaan kolom impor")
        verbose_name_plural = _("pemetaan kolom impor")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "shape"], name="importmapping_one_per_shape"),
        ]

    def __str__(self):
        return f"{self.kind}: {self.shape[:8]}"
