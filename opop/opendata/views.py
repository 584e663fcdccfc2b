"""The public open-data section (/data-terbuka/, no login): the datasets, their SDI metadata, every published
version's files and the DCAT-AP catalog; and the Staf's page that previews and publishes a new version."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from opop.accounts.permissions import predicate_required
from opop.common.formatting import ribuan
from opop.dashboard.selectors import dictionary
from opop.opendata import services
from opop.opendata.access import can_publish_open_data, opendata_actions, publikasi_for
from opop.opendata.catalog import catalog as dcat_catalog
from opop.opendata.datasets import BY_KODE, COLUMNS, DATASETS, NILAI
from opop.opendata.files import FORMATS, dataset_file, file_name, metadata_file
from opop.opendata.forms import PublikasiForm
from opop.opendata.metadata import ms_ind, ms_keg
from opop.opendata.selectors import publikasi_latest, publikasi_list

KODE_KABKOTA = COLUMNS.index("kode_kabupaten_kota")


def _shown(value):
    """A published value as the page shows it: numbers grouped by thousands, "<5" and "x" as they are."""
    return ribuan(value) if isinstance(value, int) else value


def _dataset(kode):
    dataset = BY_KODE.get(kode)
    if dataset is None:
        raise Http404
    return dataset


def _indicator(dataset):
    return next((i for i in dictionary(None) if i.kode == dataset.indikator), None)


@login_not_required
@require_safe
def index(request):
    return render(
        request,
        "opendata/index.html",
        {
            "datasets": DATASETS,
            "latest": publikasi_latest(),
            "versions": publikasi_list(),
            "ms_keg": ms_keg(),
            "actions": opendata_actions(request.user),
        },
    )


@login_not_required
@require_safe
def dataset_detail(request, kode):
    dataset = _dataset(kode)
    latest = publikasi_latest()
    sample = []
    if latest is not None:
        rows = latest.isi.get(dataset.kode, [])
        last_year = max((row[0] for row in rows), default=None)
        sample = [
            {"tahun": row[0], "periode": row[1], "indikator": row[7], "nilai": _shown(row[NILAI]), "satuan": row[9]}
            for row in rows
            if row[0] == last_year and not row[KODE_KABKOTA]
        ]
    return render(
        request,
        "opendata/dataset.html",
        {
            "dataset": dataset,
            "ms_ind": ms_ind(dataset, _indicator(dataset)),
            "latest": latest,
            "versions": publikasi_list(),
            "formats": list(FORMATS),
            "columns": COLUMNS,
            "sample": sample,
        },
    )


@login_not_required
@require_safe
def download(request, nomor, kode, fmt):
    dataset = _dataset(kode)
    if fmt not in FORMATS:
        raise Http404
    publikasi = publikasi_for(request.user, nomor)
    if dataset.kode not in publikasi.isi:
        raise Http404
    response = HttpResponse(dataset_file(dataset, publikasi, fmt), content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{file_name(dataset, nomor, fmt)}"'
    response["Cache-Control"] = "public, max-age=86400"  # a published version never changes
    return response


@login_not_required
@require_safe
def metadata(request, kode):
    dataset = _dataset(kode)
    content = metadata_file(ms_keg(), ms_ind(dataset, _indicator(dataset)), _("Elemen"), _("Isian"))
    response = HttpResponse(content, content_type=FORMATS["xlsx"])
    response["Content-Disposition"] = f'attachment; filename="opop-jatim-{dataset.kode}-metadata.xlsx"'
    return response


@login_not_required
@require_safe
def catalog(request):
    versions = list(publikasi_list())
    document = dcat_catalog(
        versions[0] if versions else None,
        versions[-1] if versions else None,
        request.build_absolute_uri,
        gettext_lazy("Data terbuka Program OPOP Jawa Timur"),
        gettext_lazy("Dataset indikator Program One Pesantren One Product Jawa Timur dari registri portal OPOP."),
    )
    return HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=1), content_type="application/ld+json; charset=utf-8"
    )


@predicate_required(can_publish_open_data)
@require_http_methods(["GET", "POST"])
def publish(request):
    """The preview of what the next version changes against the latest, and its publication (POST). A refusal
    saves nothing and shows the preview again, as it is now."""
    errors, catatan = [], ""
    if request.method == "POST":
        form = PublikasiForm(request.POST)
        catatan = request.POST.get("catatan", "")
        if form.is_valid():
            try:
                publikasi = services.publikasi_create(
                    actor=request.user, catatan=form.cleaned_data["catatan"], sidik=form.cleaned_data["sidik"]
                )
            except ValidationError as error:
                errors = error.messages
            else:
                messages.success(request, _("Versi %(nomor)s data terbuka diterbitkan.") % {"nomor": publikasi.nomor})
                return redirect("opendata:index")
        else:
            errors = [message for field_errors in form.errors.values() for message in field_errors]
    preview = services.publikasi_preview()
    form = PublikasiForm(initial={"catatan": catatan, "sidik": preview.sidik})
    return render(
        request,
        "opendata/publish.html",
        {"form": form, "errors": errors, "preview": preview, "shown": services.SHOWN_CHANGES},
        status=400 if errors else 200,
    )
