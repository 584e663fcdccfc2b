"""An import batch is the audit record of the rows it creates (issue 32): a created record carries its batch
(`import_batch`, opop/imports/models.created_by_import) and gets no history row of its own; its history page names
the batch ("Dibuat dari impor #N (berkas, oleh …, tanggal)").

Its first later change (a form, the admin, another import) still shows old → new: just before it, the record's
state as the import created it — still the stored one, since nothing audited has changed it — is written as its
'+' history row, attributed to the batch's writer at the batch's time (`keep_creation_snapshots`). Only records
that ever change pay for a second row."""

from django.db.models.signals import pre_save

from opop.common.reader_language import deferred as _
from opop.imports.lookups import among, slices


def batch_reason(batch):
    """The history reason of a record's creation state kept from its batch."""
    return str(_("Dibuat dari impor #%(n)d (%(file)s)") % {"n": batch.pk, "file": batch.original_name})


def keep_creation_snapshots(model, pks):
    """Before records of `model` (ids `pks`) change: those an import created that have no history yet get their
    stored state as their '+' history row, attributed to their batch."""
    history = model.history.model
    for part in slices(pks):
        fresh = (
            model._default_manager.filter(among(model, model._meta.pk.name, part), import_batch__isnull=False)
            .exclude(pk__in=history.objects.filter(among(history, "id", part)).values("id"))
            .select_related("import_batch__committed_by", "import_batch__uploaded_by")
            .order_by("pk")
        )
        by_batch = {}
        for record in fresh:
            by_batch.setdefault(record.import_batch_id, []).append(record)
        for records in by_batch.values():
            batch = records[0].import_batch
            model.history.bulk_history_create(
                records,
                default_user=batch.writer,
                default_change_reason=batch_reason(batch),
                default_date=batch.committed_at or batch.uploaded_at,
            )


def _snapshot_before_change(sender, instance, raw=False, **kwargs):
    """pre_save of any model: a stored record an import created keeps its creation state before its first change."""
    if raw or instance._state.adding or getattr(instance, "import_batch_id", None) is None:
        return
    if not hasattr(sender, "history"):
        return
    keep_creation_snapshots(sender, [instance.pk])


def connect():
    pre_save.connect(_snapshot_before_change, dispatch_uid="imports_creation_snapshot")
