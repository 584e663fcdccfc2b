from opop.accounts.roles import Role
from opop.jobs.models import Job


def jobs_visible_to(user):
    """Each user sees the jobs they started (their results hold what their pages showed them); admins see all."""
    qs = Job.objects.select_related("started_by", "batch")
    if user.role == Role.ADMIN:
        return qs
    return qs.filter(started_by=user)
