from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "opop.imports"
    label = "imports"
    verbose_name = _("Impor data")

    def ready(self):
        from opop.common.registry import register
        from opop.imports.audit import connect

        connect()  # a record an import created keeps its creation state before its first change

        # The import engine's two jobs: the check of an uploaded file, and its write once confirmed.
        register("job_kinds", "impor_periksa", ("opop.imports.jobs.check_file", _("Pemeriksaan berkas impor")))
        register("job_kinds", "impor_tulis", ("opop.imports.jobs.write_file", _("Penulisan impor")))
