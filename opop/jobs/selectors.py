import datetime

from django.conf import settings
from django.utils import timezone

from opop.accounts.permissions import access_scope, can_administer
from opop.jobs.models import Job, WorkerHeartbeat


def jobs_visible_to(user):
    """Each user sees the jobs they started while they keep the role and OPD they started them under (their results
    hold what their pages showed them then); admins see all."""
    qs = Job.objects.select_related("started_by", "batch")
    if can_administer(user):
        return qs
    return qs.filter(started_by=user, access_scope=access_scope(user))


def worker_health():
    """For /healthz: is a worker alive, when was one last seen, how many jobs wait."""
    last = WorkerHeartbeat.objects.order_by("-last_seen").values_list("last_seen", flat=True).first()
    stale_before = timezone.now() - datetime.timedelta(seconds=settings.WORKER_STALE_SECONDS)
    live = WorkerHeartbeat.objects.filter(last_seen__gte=stale_before).count()
    state = "ok" if live else ("stale" if last else "none")
    return {
        "worker": state,
        "workers_alive": live,
        "worker_last_seen": last.isoformat() if last else None,
        "jobs_queued": Job.objects.filter(status=Job.Status.QUEUED).count(),
    }
