from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "opop.jobs"
    label = "jobs"
    verbose_name = "Pekerjaan latar"

    def ready(self):
        from opop.common.registry import register

        register("job_kinds", "ekspor", ("opop.jobs.exports.export_list", _("Ekspor daftar")))
