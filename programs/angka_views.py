"""Numbers of record (issue 30): the Angka tetap page of a year (its versions, the difference with today's
registry, the reopening requests and the changes in their window), closing a year after a confirmation that names
what it locks, asking for and approving a reopening, a version's XLSX. Each view looks its object up once
(programs.access) or checks the role (predicate_required), calls one selector or service, renders or redirects."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from opop.accounts.permissions import can_freeze_year, can_verify_plans, predicate_required
from opop.common.formatting import tanggal
from programs import angka_exports, angka_selectors, angka_services
from programs.access import angka_actions, angka_for, pembukaan_for
from programs.angka_services import freeze_opens_on
from programs.forms import PembukaanForm


def _page_url(tahun):
    return f"{reverse('programs:angka_tetap')}?tahun={tahun}"


def _closable_year(tahun):
    if tahun not in angka_selectors.angka_years():
        raise Http404
    return tahun


def _chosen_year(request):
    years = angka_selectors.angka_years()
    try:
        tahun = int(request.GET.get("tahun", ""))
    except ValueError:
        tahun = None
    return tahun if tahun in years else (years[0] if years else None)


@require_GET
@predicate_required(can_verify_plans)
def angka_tetap(request):
    tahun = _chosen_year(request)
    page = angka_selectors.angka_page(request.user, tahun) if tahun else None
    return render(
        request,
        "programs/angka_tetap.html",
        {
            "tahun": tahun,
            "years": angka_selectors.angka_years(),
            "page": page,
            "actions": angka_actions(request.user, page) if page else None,
            "opens_on": freeze_opens_on(tahun) if tahun else None,
            "form": PembukaanForm(),
        },
    )


@require_http_methods(["GET", "POST"])
@predicate_required(can_freeze_year)
def angka_tetap_freeze(request, tahun):
    """The confirmation names what closing the year locks; POST closes it."""
    tahun = _closable_year(tahun)
    if request.method == "POST":
        try:
            angka = angka_services.angka_tetap_freeze(actor=request.user, tahun=tahun)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Angka %(tahun)s ditetapkan sebagai angka tetap (versi %(versi)s); tahun %(tahun)s terkunci.")
                % {"tahun": tahun, "versi": angka.versi},
            )
        return redirect(_page_url(tahun))
    return render(
        request,
        "programs/angka_tetap_confirm.html",
        {"tahun": tahun, "preview": angka_selectors.freeze_preview(tahun), "opens_on": freeze_opens_on(tahun)},
    )


@require_POST
@predicate_required(can_verify_plans)
def pembukaan_request(request, tahun):
    tahun = _closable_year(tahun)
    form = PembukaanForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(_page_url(tahun))
    try:
        angka_services.pembukaan_request(actor=request.user, tahun=tahun, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Permintaan pembukaan tahun %(tahun)s dicatat; menunggu persetujuan orang lain.") % {"tahun": tahun},
        )
    return redirect(_page_url(tahun))


@require_POST
def pembukaan_approve(request, pk):
    pembukaan = pembukaan_for(request.user, pk, may="approve")
    try:
        pembukaan = angka_services.pembukaan_approve(actor=request.user, pembukaan=pembukaan)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Tahun %(tahun)s dibuka sampai %(sampai)s; sesudahnya dikunci kembali otomatis.")
            % {"tahun": pembukaan.tahun, "sampai": tanggal(pembukaan.berakhir_pada, with_time=True)},
        )
    return redirect(_page_url(pembukaan.tahun))


@require_GET
def angka_tetap_xlsx(request, pk):
    return angka_exports.angka_tetap_xlsx(angka_for(request.user, pk))
