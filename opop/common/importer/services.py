"""Web import flow: upload → stored file + dry-run result (ImportBatch) → commit re-validates and writes."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from opop.common.importer.engine import run_import
from opop.common.importer.reading import FileProblem, read_table
from opop.common.importer.registry import get_spec
from opop.common.importer.templates import template_bytes
from opop.common.models import ImportBatch
from opop.common.spreadsheet import XLSX_TYPE, export_response

MAX_STORED_ERRORS = 5000


def _store_result(batch, result):
    batch.row_count = len(result.rows)
    batch.counts = result.counts
    batch.errors = [list(e) for e in result.error_list()[:MAX_STORED_ERRORS]]
    batch.warnings = [[row.number, c, m] for row in result.rows for c, m in row.warnings][:MAX_STORED_ERRORS]


def import_preview(*, actor, kind, uploaded_file):
    """Validate the upload without writing registry data; keep the file for the commit step."""
    spec = get_spec(kind)
    if spec is None or not spec.allowed(actor):
        raise PermissionDenied
    data = uploaded_file.read()
    result = run_import(spec, data, uploaded_file.name, actor=actor, commit=False)
    uploaded_file.seek(0)
    batch = ImportBatch(kind=kind, original_name=uploaded_file.name[:255], uploaded_by=actor)
    _store_result(batch, result)
    batch.file.save(uploaded_file.name, uploaded_file, save=False)
    batch.save()
    return batch


@transaction.atomic
def import_commit(*, actor, batch):
    """Re-validate the stored file against today's data and write it all, or nothing."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != ImportBatch.Status.PREVIEWED:
        raise ValidationError(_("Batch ini sudah diproses sebelumnya."))
    if not batch.file:
        raise ValidationError(_("Berkas impor ini sudah dihapus karena melewati masa simpan; unggah berkasnya lagi."))
    spec = get_spec(batch.kind)
    if not spec.allowed(actor):
        raise PermissionDenied
    with batch.file.open("rb") as f:
        data = f.read()
    result = run_import(spec, data, batch.original_name, actor=actor, commit=True)
    _store_result(batch, result)
    if result.committed:
        batch.status = ImportBatch.Status.COMMITTED
        batch.committed_at = timezone.now()
    batch.save()
    return batch, result


def import_files_purge(*, older_than_days):
    """Delete uploaded import files older than the retention period: they hold NIKs, birth dates and phones.
    The batch row stays (who imported what, when, with which result); only the file goes. Returns how many."""
    cutoff = timezone.now() - timedelta(days=older_than_days)
    purged = 0
    for batch in ImportBatch.objects.filter(uploaded_at__lt=cutoff).exclude(file="").iterator():
        batch.file.delete(save=False)
        ImportBatch.objects.filter(pk=batch.pk).update(file="")
        purged += 1
    return purged


def failed_rows_response(batch, fmt):
    """The rows that failed, as uploaded, with a first column explaining what to fix."""
    with batch.file.open("rb") as f:
        data = f.read()
    try:
        table = read_table(data, batch.original_name)
    except FileProblem:
        table = None
    messages = {}
    for row, column, message in batch.errors:
        messages.setdefault(row, []).append(f"{column}: {message}" if column else message)
    rows = []
    if table is not None:
        rows = [[" | ".join(messages[n]), *cells] for n, cells in table.rows if n in messages]
    headers = [_("Kesalahan"), *(table.headers if table else [])]
    stem = batch.original_name.rsplit(".", 1)[0]
    return export_response(filename=f"{stem}-baris-gagal", headers=headers, rows=rows, fmt=fmt)


def template_response(spec, fmt):
    content_type = XLSX_TYPE if fmt == "xlsx" else "text/csv; charset=utf-8"
    response = HttpResponse(template_bytes(spec, fmt), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="templat-{spec.kind}.{fmt}"'
    return response
