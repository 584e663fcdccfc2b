from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PesantrenConfig(AppConfig):
    name = "pesantren"
    verbose_name = _("Registri pesantren")

    def ready(self):
        from opop.accounts.permissions import ALL, VIEW
        from opop.accounts.roles import Role
        from opop.common.registry import register

        for kind, spec in [
            ("pesantren", "PesantrenImport"),
            ("santripreneur", "SantripreneurImport"),
            ("sociopreneur", "SociopreneurImport"),
        ]:
            register("import_kinds", kind, f"pesantren.importers.{spec}")
            register("export_lists", kind, f"pesantren.exports.{kind}_sheet")
        register("job_kinds", "rekap_ulang", ("pesantren.jobs.rebuild_tallies", _("Hitung ulang rekap dasbor")))
        register("job_kinds", "rekonsiliasi", ("pesantren.jobs.reconcile_tallies", _("Rekonsiliasi rekap dasbor")))
        register("schedules", "rekonsiliasi", "pesantren.jobs.next_reconciliation")  # every night, by itself
        # Who may do what with the registry (opop/accounts/permissions.py reads it with every other grant).
        register("role_grants", "pesantren", {Role.STAF_DISKOP: ALL, Role.PETUGAS_OPD: VIEW, Role.PIMPINAN: VIEW})
        # Registry (pesantren, santripreneur, sociopreneur, kopontren, participation) and imports into it.
        register("predicates", "can_write_registry", "pesantren.change_pesantren")
