from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = _("Program OPD")

    def ready(self):
        from opop.accounts.permissions import ALL, VIEW
        from opop.accounts.roles import Role
        from opop.common.registry import register

        register("import_kinds", "plan_lines", "programs.importers.KegiatanImport")  # a plan's own upload page
        register("import_kinds", "participations", "programs.importers.ParticipationImport")  # for one OPD activity
        register("job_kinds", "rekap_fgd", ("programs.jobs.rekap_fgd_xlsx", _("Rekap FGD (XLSX)")))
        register("job_kinds", "pengingat", ("programs.jobs.send_reminders", _("Pengingat tenggat")))
        register("schedules", "pengingat", "programs.jobs.next_reminders")  # twice a day, by itself
        # A reopened year locks itself again when its window runs out (angka perbaikan): checked every hour.
        register("job_kinds", "kunci_tahun", ("programs.jobs.relock_years", _("Mengunci kembali tahun yang dibuka")))
        register("schedules", "kunci_tahun", "programs.jobs.next_relock")
        register(
            "role_grants",
            "programs",
            {Role.STAF_DISKOP: ("view", "change"), Role.PETUGAS_OPD: ALL, Role.PIMPINAN: VIEW},
        )
        # Plans: create, edit lines, submit, enter realisation (own OPD; object scope in programs.selectors).
        register("predicates", "can_edit_plans", "programs.add_rencana")
        # Upload a plan's lines from its XLSX (own OPD for Petugas OPD; Diskop staff for any OPD, helping an officer).
        register("predicates", "can_upload_plan_lines", "programs.change_kegiatan")
        # Close a year as angka tetap, approve reopening it (AngkaTetap.Meta.permissions; no role's grants name
        # "freeze", so only the Admin holds it until a role is given it here).
        register("predicates", "can_freeze_year", "programs.freeze_year")
