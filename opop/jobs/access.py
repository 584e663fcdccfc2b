"""What a job view works on, looked up once: a job (404 unless it is among the user's, `jobs_visible_to`) or a kind
of job an admin starts by hand (404 for any other kind, 403 for a user who is not an admin)."""

from django.http import Http404

from opop.accounts.permissions import can_administer, guarded_get, require
from opop.jobs.selectors import jobs_visible_to

ADMIN_KINDS = ("rekap_ulang", "rekonsiliasi")  # started by an admin from "Pekerjaan saya"


def job_for(user, pk):
    return guarded_get(jobs_visible_to(user), pk=pk)


def admin_job_kind_for(user, kind):
    if kind not in ADMIN_KINDS:
        raise Http404
    require(can_administer(user))
    return kind
