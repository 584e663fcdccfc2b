"""The FGD recap XLSX as a job (the same workbook as the page's download, kept in "Pekerjaan saya")."""

from django.utils.translation import gettext as _

from programs import exports, selectors


def rekap_fgd_xlsx(run):
    params = run.job.params
    run.phase(_("Menyusun rekap FGD"))
    recap = selectors.rekap_fgd(run.job.started_by, params["tahun"], verified_only=params.get("terverifikasi", False))
    response = exports.rekap_fgd_xlsx(recap)
    with open(run.result_path(f"rekap-fgd-{params['tahun']}.xlsx"), "wb") as out:
        out.write(response.content)
    run.finish(_("Rekap FGD %(tahun)s siap diunduh.") % {"tahun": params["tahun"]})
