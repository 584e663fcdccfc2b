"""Web import flow: upload → stored file + a check job (ImportBatch) → commit starts a write job that re-validates
and writes. The request only stores the file and queues the job: the file is parsed once, in the job."""

import re
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.utils import timezone, translation

from opop.accounts.permissions import access_scope
from opop.common.formatting import in_portal_language
from opop.common.log_filters import mask_personal_data
from opop.common.reader_language import Deferred, listed, shown, stored, stored_strings
from opop.common.reader_language import deferred as _
from opop.common.spreadsheet import XLSX_TYPE, Sheet, csv_bytes, sheet_response, xlsx_bytes
from opop.common.uploads import stored_file_response
from opop.imports.columns import header_key, header_map
from opop.imports.engine import ACTION_LABELS, EMPTIED_OPTION
from opop.imports.mapping import CHOSEN, as_stored, by_position, shape_of
from opop.imports.models import ImportBatch, ImportMapping
from opop.imports.reading import HIDDEN_OPTION, SHEETS_OPTION, FileProblem, Limits, Reading, read_table
from opop.imports.registry import get_spec, spec_for_batch
from opop.imports.templates import template_bytes
from opop.jobs.models import Job
from opop.jobs.services import job_start

MAX_STORED_ERRORS = 5000
MAX_STORED_HIDDEN = 1000  # rows hidden in Excel listed on the preview (their count is kept whole)


def counts_key(counts):
    """The preview's counts in one short string, sent back by the commit form: "new-updated-unchanged-invalid"."""
    return "-".join(str(counts.get(action, 0)) for action in ACTION_LABELS)


def counts_difference(before, after):
    """ "baru 3 → 2, diperbarui 0 → 1": the counts that differ between the preview and the re-check."""
    return listed(
        Deferred("%(label)s %(before)d → %(after)d", {"label": label, "before": old, "after": new})
        for action, label in ACTION_LABELS.items()
        if (old := before.get(action, 0)) != (new := after.get(action, 0))
    )


def _url(instance):
    return instance.get_absolute_url() if hasattr(instance, "get_absolute_url") else ""


def _kept_how(before, after):
    """A re-check reads the file with the batch's mapping, so every column comes back "dipilih petugas": one whose
    field is the same as before keeps how it was recognised then (title, synonym, values, saved mapping)."""
    earlier = {title: (key, how) for title, key, how in before or []}
    return [
        [title, key, earlier[title][1] if how == CHOSEN and earlier.get(title, (None, None))[0] == key else how]
        for title, key, how in after
    ]


def store_result(batch, result):
    """The check's result on the batch. Its messages (errors, warnings, notices, confirmations, the labels of what
    changes) keep their untranslated texts and values (reader_language.stored): the preview, the job and the
    failed-rows file write them in the language of whoever reads them."""
    batch.row_count = len(result.rows)
    batch.counts = result.counts
    batch.errors = stored(result.error_list()[:MAX_STORED_ERRORS])
    batch.confirmations = stored(result.confirmations[:MAX_STORED_ERRORS])
    batch.changes = [
        [row.number, str(row.instance), stored(row.changes), _url(row.instance)] for row in result.rows if row.changes
    ][:MAX_STORED_ERRORS]
    if result.columns_read:
        batch.columns_read = _kept_how(batch.columns_read, result.columns_read)
        batch.mapping = as_stored(result.columns_read)
    batch.questions = result.choices
    batch.field_changes = {"fields": stored(result.field_counts), "kept": stored(result.kept_blank)}
    batch.offers = {
        "hidden": result.hidden_rows[:MAX_STORED_HIDDEN],
        "hidden_count": len(result.hidden_rows),
        "sheets": stored(result.sheets),
    }
    notices = [[0, "", message] for message in result.notices]  # row 0: about the whole file
    batch.warnings = stored(
        (notices + [[row.number, c, m] for row in result.rows for c, m in row.warnings])[:MAX_STORED_ERRORS]
    )


def import_upload(*, actor, kind, uploaded_file, write=False, options=None):
    """Keep the upload in private storage and queue its check (or, from the command line, check-and-write).
    `options`: what the kind needs besides the file (ids chosen on the upload form), kept with the batch."""
    options = options or {}
    spec = get_spec(kind, **options)
    if spec is None or not spec.allowed(actor):
        raise PermissionDenied
    batch = ImportBatch(
        kind=kind,
        original_name=uploaded_file.name[:255],
        uploaded_by=actor,
        access_scope=access_scope(actor),
        options=options,
    )
    batch.file.save(uploaded_file.name, uploaded_file, save=False)
    batch.save()
    label = _("Impor %(kind)s: %(file)s") % {"kind": spec.label, "file": batch.original_name}
    job_start(actor=actor, kind="impor_tulis" if write else "impor_periksa", label=label, batch=batch)
    return batch


def import_preview(*, actor, kind, uploaded_file, options=None):
    """Store the upload and queue the dry run; the preview page shows its progress, then its result."""
    return import_upload(actor=actor, kind=kind, uploaded_file=uploaded_file, options=options)


def import_commit(*, actor, batch, confirmed=False, counts_seen=None):
    """Queue the write: the job re-validates the stored file against the data of then and writes it all, or nothing.

    `confirmed`: the officer ticked the confirmation the preview asked for (a pesantren renamed). `counts_seen`: the
    counts_key of the preview page the officer looked at; a preview checked again since is not the one confirmed."""
    if batch.status != ImportBatch.Status.PREVIEWED:
        raise ValidationError(_("Batch ini sudah diproses sebelumnya."))
    if not batch.file:
        raise ValidationError(_("Berkas impor ini sudah dihapus karena melewati masa simpan; unggah berkasnya lagi."))
    spec = spec_for_batch(batch)
    if not spec.allowed(actor):
        raise PermissionDenied
    if batch.errors:
        raise ValidationError(_("Batch ini masih punya baris tidak valid; perbaiki berkasnya dan unggah ulang."))
    if counts_seen is not None and counts_seen != counts_key(batch.previewed_counts or batch.counts):
        raise ValidationError(
            _("Pratinjau ini sudah diperiksa ulang sejak halaman dibuka; periksa ringkasannya lalu tulis lagi.")
        )
    if batch.confirmations and not confirmed:
        raise ValidationError(
            _("Centang konfirmasi bahwa perubahan yang ditandai sudah diperiksa; tidak ada yang ditulis.")
        )
    if batch.jobs.filter(kind="impor_tulis", status__in=[Job.Status.QUEUED, Job.Status.RUNNING]).exists():
        raise ValidationError(_("Penulisan batch ini sudah berjalan."))
    label = _("Tulis impor %(kind)s: %(file)s") % {"kind": spec.label, "file": batch.original_name}
    remember_mapping(user=actor, batch=batch)  # written as previewed: the mapping is confirmed
    return job_start(actor=actor, kind="impor_tulis", label=label, batch=batch)


def remembered_mapping(user, kind):
    """The lookup run_import uses for a new file: the mapping `user` confirmed for a file of that shape, or None."""

    def lookup(shape):
        return ImportMapping.objects.filter(user=user, kind=kind, shape=shape).values_list("mapping", flat=True).first()

    return lookup


def remember_mapping(*, user, batch):
    """Keep the batch's column mapping for the next file of its kind and shape from this user."""
    titles = [title for title, _key, _how in batch.columns_read]
    if titles:
        ImportMapping.objects.update_or_create(
            user=user, kind=batch.kind, shape=shape_of(titles), defaults={"mapping": batch.mapping}
        )


def _checkable_again(actor, batch, *, own=False):
    """The spec of a previewed batch whose stored file may be checked again by `actor` (with `own`: the uploader
    only, for choices remembered or kept as theirs)."""
    spec = spec_for_batch(batch)
    if not spec.allowed(actor) or (own and batch.uploaded_by_id != actor.pk):
        raise PermissionDenied
    if batch.status != ImportBatch.Status.PREVIEWED:
        raise ValidationError(_("Batch ini sudah diproses sebelumnya."))
    if not batch.file:
        raise ValidationError(_("Berkas impor ini sudah dihapus karena melewati masa simpan; unggah berkasnya lagi."))
    if batch.jobs.filter(kind="impor_tulis", status__in=[Job.Status.QUEUED, Job.Status.RUNNING]).exists():
        raise ValidationError(_("Penulisan batch ini sudah berjalan; pilihan tidak diubah."))
    return spec


def _check_again(actor, spec, batch):
    label = _("Impor %(kind)s: %(file)s") % {"kind": spec.label, "file": batch.original_name}
    return job_start(actor=actor, kind="impor_periksa", label=label, batch=batch)


def import_include_hidden(*, actor, batch, include):
    """The officer chose, on the preview, whether the rows hidden in Excel are read too (`include`: True or False):
    check the stored file again, read that way. By default they are left out and named."""
    spec = _checkable_again(actor, batch, own=True)
    if include not in (True, False):
        raise ValidationError(_("Pilihan baris tersembunyi tidak dikenali; muat ulang halaman."))
    if include and not batch.offers.get("hidden_count"):
        raise ValidationError(_("Berkas ini tidak punya baris tersembunyi di Excel; muat ulang halaman."))
    options = {name: value for name, value in batch.options.items() if name != HIDDEN_OPTION}
    batch.options = {**options, HIDDEN_OPTION: True} if include else options
    batch.status = ImportBatch.Status.CHECKING
    batch.save(update_fields=["options", "status"])
    return _check_again(actor, spec, batch)


def import_sheets(*, actor, batch, sheets):
    """The officer chose, on the preview, which other sheets of the workbook are read into this batch (`sheets`:
    their names; none for the first sheet only): check the stored file again, read that way."""
    spec = _checkable_again(actor, batch, own=True)
    found = [name for name, _rows, _problem in batch.offers.get("sheets", [])]
    unknown = [name for name in sheets if name not in found]
    if unknown:
        raise ValidationError(
            _("Lembar %(sheets)s tidak ada di berkas ini; muat ulang halaman lalu pilih lagi.")
            % {"sheets": ", ".join(f"“{name}”" for name in unknown)}
        )
    chosen = [name for name in found if name in sheets]  # in the workbook's order, each once
    options = {name: value for name, value in batch.options.items() if name != SHEETS_OPTION}
    batch.options = {**options, SHEETS_OPTION: chosen} if chosen else options
    batch.status = ImportBatch.Status.CHECKING
    batch.save(update_fields=["options", "status"])
    return _check_again(actor, spec, batch)


def import_empty(*, actor, batch, columns):
    """The officer chose, on the preview, the columns whose blank cells empty the field on record (`columns`: their
    keys; none to keep every stored value, the default): check the stored file again. The preview then lists each
    value to be emptied, and the write waits for the officer's confirmation."""
    spec = _checkable_again(actor, batch, own=True)
    allowed = spec.emptiable()
    if any(key not in allowed for key in columns):
        raise ValidationError(_("Pilihan kolom yang dikosongkan tidak sesuai dengan berkas ini; muat ulang halaman."))
    chosen = [key for key in allowed if key in columns]
    options = {name: value for name, value in batch.options.items() if name != EMPTIED_OPTION}
    batch.options = {**options, EMPTIED_OPTION: chosen} if chosen else options
    batch.status = ImportBatch.Status.CHECKING
    batch.save(update_fields=["options", "status"])
    return _check_again(actor, spec, batch)


def import_remap(*, actor, batch, mapping):
    """The officer changed the column mapping on the preview: check the stored file again, read that way, and
    remember the mapping for their next file of this shape. `mapping`: {title key: field key or ""}."""
    spec = _checkable_again(actor, batch, own=True)
    keys = {column.key: column.header for column in spec.columns}
    titles = {header_key(title): title for title, _key, _how in batch.columns_read}
    if set(mapping) - set(titles) or set(mapping.values()) - set(keys) - {""}:
        raise ValidationError(_("Pemetaan kolom tidak sesuai dengan berkas ini; muat ulang halaman."))
    chosen = [key for key in mapping.values() if key]
    doubled = sorted({keys[key] for key in chosen if chosen.count(key) > 1})
    if doubled:
        raise ValidationError(
            _("Satu field hanya boleh dari satu kolom: %(fields)s dipilih lebih dari sekali.")
            % {"fields": ", ".join(doubled)}
        )
    batch.mapping, batch.status = mapping, ImportBatch.Status.CHECKING
    before = {header_key(title): (field, how) for title, field, how in batch.columns_read}
    batch.columns_read = [
        [title, mapping.get(key, ""), before[key][1] if before[key][0] == mapping.get(key, "") else CHOSEN]
        for key, title in titles.items()
    ]
    batch.save(update_fields=["mapping", "columns_read", "status"])
    remember_mapping(user=actor, batch=batch)
    label = _("Impor %(kind)s: %(file)s") % {"kind": spec.label, "file": batch.original_name}
    return job_start(actor=actor, kind="impor_periksa", label=label, batch=batch)


def import_choose(*, actor, batch, picks):
    """The officer picked, on the preview, the pesantren meant by names that resemble several (`picks`: {name:
    NSPP}, each one of that name's candidates): check the stored file again with those picks."""
    spec = _checkable_again(actor, batch, own=True)
    offered = {q["name"]: {value for value, _label in q["candidates"]} for q in batch.questions}
    if any(name not in offered or value not in offered[name] for name, value in picks.items() if value):
        raise ValidationError(_("Pilihan pesantren tidak sesuai dengan pratinjau ini; muat ulang halaman."))
    chosen = {**batch.options.get("pesantren_dipilih", {}), **{name: value for name, value in picks.items() if value}}
    batch.options = {**batch.options, "pesantren_dipilih": chosen}
    batch.status = ImportBatch.Status.CHECKING
    batch.save(update_fields=["options", "status"])
    label = _("Impor %(kind)s: %(file)s") % {"kind": spec.label, "file": batch.original_name}
    return job_start(actor=actor, kind="impor_periksa", label=label, batch=batch)


def import_recheck(*, actor, batch, date_order):
    """The officer chose how the file's dates are written: check the stored file again, read that way."""
    spec = _checkable_again(actor, batch)
    if date_order not in (ImportBatch.DateOrder.DAY_FIRST, ImportBatch.DateOrder.MONTH_FIRST):
        raise ValidationError(_("Pilih urutan tanggal: hari dulu atau bulan dulu."))
    batch.date_order, batch.status = date_order, ImportBatch.Status.CHECKING
    batch.save(update_fields=["date_order", "status"])
    label = _("Impor %(kind)s: %(file)s") % {"kind": spec.label, "file": batch.original_name}
    return job_start(actor=actor, kind="impor_periksa", label=label, batch=batch)


def import_files_purge(*, older_than_days):
    """Delete uploaded import files, and the failed-rows files cut from them, older than the retention period: they
    hold NIKs, birth dates and phones. The batch row stays (who imported what, when, with which result); only the
    files go. Returns how many uploads were deleted."""
    cutoff = timezone.now() - timedelta(days=older_than_days)
    purged = 0
    for batch in ImportBatch.objects.filter(uploaded_at__lt=cutoff).exclude(file="").iterator():
        for kept in (batch.file, batch.failed_xlsx, batch.failed_csv):
            if kept:
                kept.delete(save=False)
        # The old → new values of updated rows hold phones and birth dates: they go with the file; the messages kept
        # lose the dates, NIKs and phones they quote ("NIK ini terdaftar atas nama … (lahir 17-08-2004)").
        ImportBatch.objects.filter(pk=batch.pk).update(
            file="",
            failed_xlsx="",
            failed_csv="",
            changes=[],
            offers={},
            errors=_scrubbed(batch.errors),
            warnings=_scrubbed(batch.warnings),
        )
        purged += 1
    return purged


DATE_LIKE = re.compile(r"(?<!\d)\d{1,2}-\d{1,2}-\d{2,4}(?!\d)")


def _scrubbed(messages):
    """Stored messages without the personal data they quote (in their values; a message stored as text whole)."""
    return [
        [row, column, stored_strings(message, lambda text: DATE_LIKE.sub("**-**-****", mask_personal_data(text)))]
        for row, column, message in messages
    ]


def current_job(batch):
    """The batch's latest job (check or write), for the inline progress."""
    return batch.jobs.order_by("-created_at", "-id").first()


def failed_rows_table(batch, data):
    """The rows that failed, as uploaded, with a first column explaining what to fix: read again from the stored
    file (batches checked before the failed-rows files were stored with the check)."""
    spec = spec_for_batch(batch)
    try:
        table = read_table(
            data,
            batch.original_name,
            Limits.from_settings(),  # every sheet is read: as in the check
            columns=spec.columns,
            mapping=batch.mapping or None,
            reading=Reading.from_options(batch.options),
        )
    except FileProblem:
        return _failed_rows(batch, [], [])
    return _failed_rows(batch, table.headers, table.rows)


def _failed_rows(batch, headers, rows):
    """(headers, rows, text columns) of the failed-rows file: `rows` ((number, cells) as read) that the batch's
    errors name, each after the messages about it."""
    messages = {}
    for row, column, message in shown(batch.errors):
        if isinstance(row, str) and row not in messages:  # a row of a sheet read into the batch: say which
            messages[row] = [row]
        messages.setdefault(row, []).append(f"{column}: {message}" if column else message)
    failed = [[" | ".join(messages[n]), *cells] for n, cells in rows if n in messages]
    return [_("Kesalahan"), *headers], failed, _identifier_columns(batch, headers)


def _identifier_columns(batch, headers):
    """Positions in the failed-rows file (after its "Kesalahan" column) of the columns read as NIK, phone, NSPP,
    SIPD code…: written as text, as the template has them, so a NIK corrected there keeps its 16 digits."""
    spec = spec_for_batch(batch)
    chosen = by_position(batch.mapping, headers) if batch.mapping else None
    positions, _missing, _unknown = header_map(spec.columns, headers, set(), chosen)
    text_keys = {column.key for column in spec.columns if column.typed_as_text}
    return sorted(1 + index for key, index in positions.items() if key in text_keys)


def store_failed_rows(batch, result):
    """Write the failed-rows files once, in the job, from the rows the check read (the file is not read again), so
    downloading them parses nothing."""
    from django.core.files.base import ContentFile

    with in_portal_language():
        headers, rows, text_columns = _failed_rows(
            batch, result.headers, [(row.number, row.cells) for row in result.invalid_rows]
        )
    stem = batch.original_name.rsplit(".", 1)[0]
    content = xlsx_bytes(headers, rows, text_columns=text_columns)
    batch.failed_xlsx.save(f"{stem}-baris-gagal.xlsx", ContentFile(content), save=False)
    batch.failed_csv.save(f"{stem}-baris-gagal.csv", ContentFile(csv_bytes(headers, rows)), save=False)


def failed_rows_response(batch, fmt):
    stem = batch.original_name.rsplit(".", 1)[0]
    written = batch.failed_xlsx if fmt == "xlsx" else batch.failed_csv
    # The files the check wrote speak the portal's language; a reader of another language gets theirs made anew.
    if written and translation.get_language() == settings.LANGUAGE_CODE:
        return stored_file_response(written, name=f"{stem}-baris-gagal.{fmt}")
    with batch.file.open("rb") as f:  # batches checked before the jobs existed, and readers of another language
        headers, rows, text_columns = failed_rows_table(batch, f.read())
    return sheet_response(
        Sheet(stem=f"{stem}-baris-gagal", headers=headers, rows=lambda: rows, text_columns=text_columns), fmt
    )


def template_response(spec, fmt):
    content_type = XLSX_TYPE if fmt == "xlsx" else "text/csv; charset=utf-8"
    response = HttpResponse(template_bytes(spec, fmt), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="templat-{spec.kind}.{fmt}"'
    return response
