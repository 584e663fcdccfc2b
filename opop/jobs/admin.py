from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from opop.common.admin import file_fields, private_file_link, without_files
from opop.jobs.models import Job, WorkerHeartbeat


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["id", "label", "kind", "status", "started_by", "done", "total", "created_at", "finished_at"]
    list_filter = ["status", "kind"]
    exclude = file_fields(Job)
    readonly_fields = [*without_files(Job), "result_download"]

    @admin.display(description=_("berkas hasil"))
    def result_download(self, job):
        return private_file_link(job.result_file, reverse("jobs:download", args=[job.pk]), job.result_name)


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(admin.ModelAdmin):
    list_display = ["worker_id", "hostname", "pid", "started_at", "last_seen"]
