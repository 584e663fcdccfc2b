from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "opop.opendata"
    label = "opendata"
    verbose_name = _("Data terbuka")

    def ready(self):
        from opop.accounts.permissions import VIEW
        from opop.accounts.roles import Role
        from opop.common.registry import register

        # Publishing a version of the open data (Publikasi): Staf Diskop; leadership reads the versions in the admin.
        register("role_grants", "opendata", {Role.STAF_DISKOP: ("add", "view"), Role.PIMPINAN: VIEW})
