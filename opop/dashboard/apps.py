from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "opop.dashboard"
    label = "dashboard"
    verbose_name = _("Indikator, target dan dasbor")

    def ready(self):
        from opop.common.registry import register

        # The FGD agenda's draft (programs) reads what this layer computes: overlaps and gaps, traceability.
        register("fgd_agenda_sources", "sinergi", "opop.dashboard.fgd_agenda.sinergi_items")
        register("fgd_agenda_sources", "ketertelusuran", "opop.dashboard.fgd_agenda.traceability_items")
        # A closed year keeps the registry figures as this layer counts them (programs.angka_services).
        register("angka_tetap_sources", "dasbor", "opop.dashboard.angka.registry_figures")
