from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from opop.accounts.permissions import can_administer
from opop.common.uploads import stored_file_response
from opop.jobs.access import admin_job_kind_for, job_for
from opop.jobs.selectors import jobs_visible_to
from opop.jobs.services import job_retry_and_enqueue, job_start, reap_orphans

PER_PAGE = 25


@require_GET
def job_list(request):
    reap_orphans()
    page = Paginator(jobs_visible_to(request.user), PER_PAGE).get_page(request.GET.get("halaman"))
    context = {"page": page, "result_days": settings.JOB_RESULT_DAYS, "admin_kinds": can_administer(request.user)}
    return render(request, "jobs/job_list.html", context)


@require_POST
def job_start_admin(request, kind):
    return redirect(job_start(actor=request.user, kind=admin_job_kind_for(request.user, kind)))


@require_GET
def job_detail(request, pk):
    reap_orphans()
    job = job_for(request.user, pk)
    return render(request, "jobs/job_detail.html", {"job": job})


@require_GET
@never_cache
def job_status(request, pk):
    """What the progress script polls: status, rows done of total, estimate, message (no personal data)."""
    reap_orphans()
    job = job_for(request.user, pk)
    return JsonResponse(
        {
            "status": job.status,
            "status_label": job.get_status_display(),
            "phase": job.phase,
            "done": job.done,
            "total": job.total,
            "percent": job.percent,
            "eta_seconds": job.eta_seconds,
            "message": job.message_dibaca,
            "finished": job.finished,
        }
    )


@require_GET
def job_download(request, pk):
    job = job_for(request.user, pk)
    if not job.result_file:
        raise Http404
    return stored_file_response(job.result_file, name=job.result_name)


@require_POST
def job_retry(request, pk):
    job = job_for(request.user, pk)
    try:
        job_retry_and_enqueue(actor=request.user, job=job)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.info(request, _("Pekerjaan dimasukkan lagi ke antrean."))
    back = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    return redirect(back if back and safe else job)
