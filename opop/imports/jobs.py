"""The import jobs: check a stored upload (the preview), and write it (re-validated, one transaction)."""

from django.utils import timezone

from opop.common.reader_language import deferred as _
from opop.common.reader_language import listed, revived, stored
from opop.imports.columns import CellError
from opop.imports.engine import EMPTIED_OPTION, run_import
from opop.imports.models import ImportBatch
from opop.imports.reading import Reading
from opop.imports.registry import spec_for_batch
from opop.imports.services import counts_difference, remembered_mapping, store_failed_rows, store_result
from opop.jobs.runner import JobError


def _reporter(run):
    def report(stage, done, total):
        if stage == "write":
            run.phase(_("Menulis ke registri dalam satu transaksi"), total=total)
        else:
            run.progress(done, total)

    return report


def _load(run):
    batch = run.job.batch
    spec = spec_for_batch(batch)
    with batch.file.open("rb") as f:
        data = f.read()
    return batch, spec, data


def _reading(spec, batch):
    """The officer's choices of what is read (rows hidden in Excel, other sheets), made on the preview."""
    return Reading.from_options(batch.options)


def _summary(result):
    return _counted(result.counts, len(result.invalid_rows))


def _counted(counts, invalid):
    return _("%(c)d data baru, %(u)d diperbarui, %(n)d tidak berubah, %(i)d tidak valid.") % {
        "c": counts["create"],
        "u": counts["update"],
        "n": counts["unchanged"],
        "i": invalid,
    }


def _confirmed(item, confirmations):
    """Whether the preview showed this confirmation ([row, column, message]): as stored, or as the text a batch
    checked before messages kept their texts stored it."""
    row, column, message = item
    return stored(item) in confirmations or [row, str(column), str(message)] in confirmations


def _after_check(batch, result):
    store_result(batch, result)
    if result.invalid_rows:
        store_failed_rows(batch, result)
    else:  # a file refused as a whole has no failed rows: none offered, none kept from an earlier check
        for kept in (batch.failed_xlsx, batch.failed_csv):
            if kept:
                kept.delete(save=False)


def check_file(run):
    batch, spec, data = _load(run)
    run.phase(_("Memeriksa baris"))
    result = run_import(
        spec,
        data,
        batch.original_name,
        actor=batch.uploaded_by,
        commit=False,
        date_order=batch.date_order,
        progress=_reporter(run),
        mapping=batch.mapping or None,
        remembered=remembered_mapping(batch.uploaded_by, batch.kind),
        reading=_reading(spec, batch),
        emptied=batch.options.get(EMPTIED_OPTION, ()),
    )
    _after_check(batch, result)
    batch.date_order_asked = batch.date_order_asked or result.asks_date_order
    batch.previewed_counts = result.counts
    batch.status = ImportBatch.Status.PREVIEWED
    batch.save()
    if batch.refusal:
        run.finish(_("Berkas ditolak seluruhnya: %(reason)s") % {"reason": revived(batch.refusal_stored)})
        return
    run.finish(_("Pemeriksaan selesai: %(summary)s") % {"summary": _summary(result)})


def write_file(run):
    batch, spec, data = _load(run)
    if batch.status == ImportBatch.Status.COMMITTED:
        # An earlier run of this job wrote the batch and its worker died before saying so (the job was queued
        # again): the rows are in, once; the job says what was written.
        run.finish(
            _("Impor selesai: %(summary)s") % {"summary": _counted(batch.counts, batch.counts.get("invalid", 0))}
        )
        return
    actor = run.job.started_by or batch.uploaded_by
    if not spec.allowed(actor):
        raise JobError(_("Anda tidak lagi berhak mengimpor data ini."))
    run.phase(_("Memeriksa ulang baris terhadap data terkini"))

    preview_changed = []

    def claim_batch(result):
        """Inside the writing transaction: the batch is written once, as previewed, and says so only if the rows
        are in. A re-check that counts differently, or finds changes to confirm that the preview did not show,
        is not what the officer confirmed: nothing is written."""
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.status == ImportBatch.Status.COMMITTED:
            raise CellError(_("Batch ini sudah diproses sebelumnya."))
        previewed = locked.previewed_counts
        unconfirmed = [item for item in result.confirmations if not _confirmed(item, locked.confirmations)]
        if (previewed and previewed != result.counts) or unconfirmed:
            message = _(
                "Data %(kind)s berubah sejak pratinjau yang Anda konfirmasi (%(difference)s); tidak ada yang "
                "ditulis. Periksa pratinjau yang baru di halaman ini, lalu tulis lagi bila sudah benar."
            ) % {
                "kind": spec.label,
                "difference": counts_difference(previewed, result.counts)
                if previewed and previewed != result.counts
                else _("%(n)d perubahan baru perlu konfirmasi") % {"n": len(unconfirmed)},
            }
            preview_changed.append(message)
            raise CellError(message)
        store_result(locked, result)
        locked.status, locked.committed_at = ImportBatch.Status.COMMITTED, timezone.now()
        locked.committed_by = actor
        locked.save()

    result = run_import(
        spec,
        data,
        batch.original_name,
        actor=actor,
        commit=True,
        confirmed=True,  # what the officer confirmed is compared with the re-check in claim_batch
        date_order=batch.date_order,
        progress=_reporter(run),
        on_write=claim_batch,
        mapping=batch.mapping or None,  # read as the preview read it
        reading=_reading(spec, batch),
        emptied=batch.options.get(EMPTIED_OPTION, ()),  # as the preview the officer confirmed
        batch=batch,  # the records it creates carry it: their audit record
    )
    if result.committed:
        run.progress(len(result.rows), len(result.rows), force=True)
        run.finish(_("Impor selesai: %(summary)s") % {"summary": _summary(result)})
        return
    batch.refresh_from_db()
    if preview_changed:  # the re-check becomes the new preview, to be looked at and confirmed again
        result.file_errors.remove(preview_changed[0])
        _after_check(batch, result)
        batch.previewed_counts = result.counts
        batch.status = ImportBatch.Status.PREVIEWED
        batch.save()
        raise JobError(preview_changed[0])
    if batch.status != ImportBatch.Status.COMMITTED:
        _after_check(batch, result)
        batch.status = ImportBatch.Status.PREVIEWED
        batch.save()
    raise JobError(
        (listed(result.file_errors, " ") if result.file_errors else "")
        or _("Data berubah sejak pratinjau dan kini ada baris tidak valid; tidak ada yang ditulis.")
    )
