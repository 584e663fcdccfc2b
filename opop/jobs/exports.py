"""List exports as jobs: the list's sheet is rebuilt from the saved query string as the user who started it sees
it (same scope as the page), streamed to a private file, and downloaded from "Pekerjaan saya"."""

from django.conf import settings
from django.contrib import messages
from django.http import QueryDict
from django.shortcuts import redirect
from django.utils.module_loading import import_string

from opop.common.formatting import ribuan
from opop.common.reader_language import deferred as _
from opop.common.registry import registry
from opop.common.spreadsheet import sheet_response, write_csv, write_xlsx
from opop.jobs.services import job_start


def sheet_for(name, user, query):
    """The list's sheet builder, registered by its app (opop.common.registry "export_lists"): (user, query) -> Sheet."""
    builder = import_string(registry["export_lists"][name])
    return builder(user, QueryDict(query) if isinstance(query, str) else query)


def export_list(run):
    params = run.job.params
    fmt = params["format"]
    sheet = sheet_for(params["list"], run.job.started_by, params.get("query", ""))
    total = sheet.queryset.count()
    run.phase(_("Menulis berkas %(fmt)s") % {"fmt": fmt.upper()}, total=total)
    path = run.result_path(f"{sheet.stem}.{fmt}")

    def progress(done):
        run.progress(min(done, total), total)

    if fmt == "xlsx":
        count = write_xlsx(path, sheet.headers, sheet.rows(), text_columns=sheet.text_columns, progress=progress)
    else:
        count = write_csv(path, sheet.headers, sheet.rows(), progress=progress)
    run.progress(min(count, total), total, force=True)
    run.finish(_("%(n)s baris diekspor.") % {"n": ribuan(count)})


def export_or_start_job(request, name, sheet, fmt):
    """Answer a small export at once; start a job for one above EXPORT_IMMEDIATE_MAX_ROWS and show its page."""
    limit = settings.EXPORT_IMMEDIATE_MAX_ROWS
    if sheet.count_upto(limit + 1) <= limit:
        return sheet_response(sheet, fmt)
    query = request.GET.copy()
    query.pop("format", None)
    label = _("Ekspor %(list)s (%(fmt)s)") % {"list": name, "fmt": fmt.upper()}
    job = job_start(
        actor=request.user, kind="ekspor", label=label, params={"list": name, "format": fmt, "query": query.urlencode()}
    )
    messages.info(request, _("Ekspor besar dibuat di latar; unduh berkasnya di Pekerjaan saya bila sudah selesai."))
    return redirect(job)
