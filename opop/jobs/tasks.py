"""The one queue task: run the Job with this id. Its only argument is the id."""

from django_tasks import task

from opop.jobs.runner import run_job


@task()
def run(job_id: int):
    return run_job(job_id)
