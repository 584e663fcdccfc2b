"""The kinds of background job and the function that does each (dotted paths, imported on use, so this
infrastructure app names the domain apps' handlers without importing them)."""

from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

JOB_KINDS = {
    # kind: (handler, label shown on "Pekerjaan saya")
    "impor_periksa": ("opop.common.importer.jobs.check_file", _("Pemeriksaan berkas impor")),
    "impor_tulis": ("opop.common.importer.jobs.write_file", _("Penulisan impor")),
    "ekspor": ("opop.jobs.exports.export_list", _("Ekspor daftar")),
    "rekap_fgd": ("programs.jobs.rekap_fgd_xlsx", _("Rekap FGD (XLSX)")),
    "rekap_ulang": ("pesantren.jobs.rebuild_tallies", _("Hitung ulang rekap dasbor")),
    "rekonsiliasi": ("pesantren.jobs.reconcile_tallies", _("Rekonsiliasi rekap dasbor")),
}


def handler_for(kind):
    return import_string(JOB_KINDS[kind][0])


def kind_label(kind):
    entry = JOB_KINDS.get(kind)
    return entry[1] if entry else kind
