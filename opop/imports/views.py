from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from opop.common.reader_language import shown
from opop.imports.access import import_batch_actions, import_batch_for, import_spec_for, import_specs_for
from opop.imports.columns import header_key
from opop.imports.engine import ACTION_LABELS, EMPTIED_OPTION
from opop.imports.forms import ImportUploadForm
from opop.imports.mapping import HOW_LABELS
from opop.imports.models import ImportBatch
from opop.imports.reading import HIDDEN_OPTION, SHEETS_OPTION
from opop.imports.registry import spec_for_batch
from opop.imports.selectors import import_batches_visible_to
from opop.imports.services import (
    counts_key,
    current_job,
    failed_rows_response,
    import_choose,
    import_commit,
    import_empty,
    import_include_hidden,
    import_preview,
    import_recheck,
    import_remap,
    import_sheets,
    template_response,
)

ERRORS_PER_PAGE = 100
CHANGES_SHOWN = 200
CONFIRMATIONS_SHOWN = 200
HIDDEN_SHOWN = 200
INCLUDE_HIDDEN = {"ya": True, "tidak": False}  # the two buttons of the hidden-rows choice


@require_GET
def index(request):
    specs = import_specs_for(request.user)
    batches = import_batches_visible_to(request.user)[:20]
    return render(request, "imports/index.html", {"specs": specs, "batches": batches})


@require_http_methods(["GET", "POST"])
def upload(request, kind):
    spec = import_spec_for(request.user, kind)
    form = ImportUploadForm(
        request.POST or None, request.FILES or None, spec=spec, user=request.user, preselect=request.GET
    )
    if request.method == "POST" and form.is_valid():
        batch = import_preview(
            actor=request.user,
            kind=kind,
            uploaded_file=form.cleaned_data["file"],
            options=spec.upload_options(form.cleaned_data),
        )
        return redirect(batch)
    return render(request, "imports/upload.html", {"spec": spec, "form": form})


@require_GET
def template(request, kind, fmt):
    spec = import_spec_for(request.user, kind)
    return template_response(spec, fmt)


@require_GET
def preview(request, pk):
    batch = import_batch_for(request.user, pk)
    spec = spec_for_batch(batch)
    errors = Paginator(batch.errors, ERRORS_PER_PAGE).get_page(request.GET.get("halaman"))
    errors.object_list = shown(errors.object_list)  # the stored messages, in the reader's language
    warnings = shown(batch.warnings)
    job = current_job(batch)
    context = {
        "batch": batch,
        "spec": spec,
        "context_label": spec.context_label(batch),
        "back_url": spec.back_url(batch),
        "upload_again": _upload_again(spec, batch, request.user),
        "errors": errors,
        "job": job,
        "notices": [message for row, _column, message in warnings if row == 0],
        "warnings": [warning for warning in warnings if warning[0] != 0],
        "confirmations": shown(batch.confirmations[:CONFIRMATIONS_SHOWN]),
        "counts": [(ACTION_LABELS[action], n, action) for action, n in batch.counts.items()],
        "counts_key": counts_key(batch.previewed_counts or batch.counts),
        "date_orders": [c for c in ImportBatch.DateOrder.choices if c[0]],
        "mapping_rows": _mapping_rows(batch),
        "mapping_fields": [(column.key, column.header) for column in spec.columns],
        "actions": import_batch_actions(request.user, batch, job),
        "hidden_rows": batch.offers.get("hidden", [])[:HIDDEN_SHOWN],
        "more_hidden": max(batch.offers.get("hidden_count", 0) - HIDDEN_SHOWN, 0),
        "hidden_included": bool(batch.options.get(HIDDEN_OPTION)),
        "sheets": _sheet_rows(batch),
        "field_counts": shown(batch.field_changes.get("fields", [])),
        "blank_columns": _blank_columns(batch, spec),
        "changes": shown(batch.changes[:CHANGES_SHOWN]),
        "more_changes": max(len(batch.changes) - CHANGES_SHOWN, 0),
    }
    return render(request, "imports/preview.html", context)


@require_POST
def commit(request, pk):
    batch = import_batch_for(request.user, pk)
    try:
        import_commit(
            actor=request.user,
            batch=batch,
            confirmed=request.POST.get("konfirmasi") == "ya",
            counts_seen=request.POST.get("ringkasan"),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(batch)
    messages.info(request, _("Penulisan dijalankan di latar; kemajuannya tampil di halaman ini dan di Pekerjaan saya."))
    return redirect(batch)


@require_POST
def date_order(request, pk):
    batch = import_batch_for(request.user, pk)
    try:
        import_recheck(actor=request.user, batch=batch, date_order=request.POST.get("urutan", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(batch)
    messages.info(request, _("Berkas diperiksa ulang dengan urutan tanggal yang Anda pilih."))
    return redirect(batch)


@require_POST
def column_mapping(request, pk):
    """The officer's column mapping from the preview (`kolom-<n>`: the field the file's n-th titled column feeds, ""
    for not imported): the file is checked again, read that way, and the mapping is remembered."""
    batch = import_batch_for(request.user, pk)
    chosen = {
        header_key(title): request.POST.get(f"kolom-{n}", "") for n, (title, _k, _h) in enumerate(batch.columns_read)
    }
    try:
        import_remap(actor=request.user, batch=batch, mapping=chosen)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(batch)
    messages.info(
        request,
        _("Berkas diperiksa ulang dengan pemetaan kolom Anda; pemetaan ini dipakai lagi untuk berkas berbentuk sama."),
    )
    return redirect(batch)


@require_POST
def choose_pesantren(request, pk):
    """The officer's pick for each pesantren name that resembles several (`pilih-<n>`: an NSPP of the n-th name's
    candidates, "" for none): the file is checked again with those picks."""
    batch = import_batch_for(request.user, pk)
    picks = {q["name"]: request.POST.get(f"pilih-{n}", "") for n, q in enumerate(batch.questions)}
    try:
        import_choose(actor=request.user, batch=batch, picks=picks)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(batch)
    messages.info(request, _("Berkas diperiksa ulang dengan pesantren yang Anda pilih."))
    return redirect(batch)


@require_POST
def hidden_rows(request, pk):
    """The officer's choice for the rows hidden in Excel (`ikutkan`: "ya" to read them too, "tidak" to leave them
    out again): the file is checked again, read that way."""
    batch = import_batch_for(request.user, pk)
    include = INCLUDE_HIDDEN.get(request.POST.get("ikutkan", ""))
    try:
        import_include_hidden(actor=request.user, batch=batch, include=include)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(batch)
    if include:
        messages.info(request, _("Berkas diperiksa ulang; baris tersembunyi di Excel ikut dibaca atas pilihan Anda."))
    else:
        messages.info(request, _("Berkas diperiksa ulang; baris tersembunyi di Excel tidak diimpor."))
    return redirect(batch)


@require_POST
def sheets(request, pk):
    """The other sheets the officer ticked (`lembar`, repeated: their names) to read into this batch: the file is
    checked again, read that way."""
    batch = import_batch_for(request.user, pk)
    try:
        import_sheets(actor=request.user, batch=batch, sheets=request.POST.getlist("lembar"))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(batch)
    messages.info(request, _("Berkas diperiksa ulang dengan lembar yang Anda pilih."))
    return redirect(batch)


@require_POST
def emptied(request, pk):
    """The columns the officer ticked (`kolom`, repeated: their keys) whose blank cells empty the field on record:
    the file is checked again, the values to be emptied listed, and the write then waits for a confirmation."""
    batch = import_batch_for(request.user, pk)
    try:
        import_empty(actor=request.user, batch=batch, columns=request.POST.getlist("kolom"))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(batch)
    messages.info(request, _("Berkas diperiksa ulang dengan pilihan kolom yang dikosongkan."))
    return redirect(batch)


def _blank_columns(batch, spec):
    """The columns offered "kosongkan yang kosong di berkas": those whose blank cells kept a stored value, and those
    already chosen (their blank cells now empty the field)."""
    chosen = batch.options.get(EMPTIED_OPTION) or []
    kept = {key: rows for key, _title, rows in batch.field_changes.get("kept", [])}
    return [
        {"key": key, "title": spec.column(key).header, "kept": kept.get(key, 0), "chosen": key in chosen}
        for key in spec.emptiable()
        if key in kept or key in chosen
    ]


def _upload_again(spec, batch, user):
    """The upload page for another file, with this batch's upload-form choices (its plan, its activity) preselected."""
    chosen = {name: batch.options[name] for name in spec.upload_fields(user) if name in batch.options}
    url = reverse("imports:upload", args=[batch.kind])
    return f"{url}?{urlencode(chosen)}" if chosen else url


def _sheet_rows(batch):
    chosen = batch.options.get(SHEETS_OPTION) or []
    return [
        {"n": n, "name": name, "rows": rows, "problem": problem, "chosen": name in chosen}
        for n, (name, rows, problem) in enumerate(shown(batch.offers.get("sheets", [])))
    ]


def _mapping_rows(batch):
    return [
        {"n": n, "title": title, "key": key, "how": HOW_LABELS.get(how, "")}
        for n, (title, key, how) in enumerate(batch.columns_read)
    ]


@require_GET
def failed_rows(request, pk, fmt):
    batch = import_batch_for(request.user, pk)
    if not batch.file:
        messages.error(request, _("Berkas impor ini sudah dihapus karena melewati masa simpan."))
        return redirect(batch)
    if batch.refusal:
        messages.error(request, _("Berkas ini ditolak seluruhnya; tidak ada baris gagal untuk diunduh."))
        return redirect(batch)
    return failed_rows_response(batch, fmt)
