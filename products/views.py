"""Staff pages of the catalogue. Every signed-in role reads; Staf Diskop and Admin write (others: 403)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from opop.accounts.permissions import can_curate, predicate_required
from opop.common.audit import history_entries
from opop.common.confirm import confirmation_page, is_confirmed
from opop.common.forms import add_service_errors
from opop.common.idempotency import create_once, redirect_if_already_submitted
from opop.common.uploads import download_name, extension_of, stored_file_response
from opop.jobs.exports import export_or_start_job
from products.access import certification_for, photo_for, product_for
from products.exports import product_sheet
from products.forms import (
    CertificationForm,
    CurationForm,
    PhotoForm,
    ProductFilterForm,
    ProductForm,
    designation_year_choices,
)
from products.models import Certification, CurationStatus
from products.selectors import (
    certifications_of,
    curation_timeline,
    filter_products,
    first_photo_prefetch,
    products_visible_to,
    readiness_of,
    status_counts,
    with_readiness,
)
from products.services import (
    PRODUCT_FIELDS,
    certification_delete,
    certification_save,
    photo_add,
    photo_delete,
    product_move,
    product_move_check,
    product_save,
    transitions_from,
)

PAGE_SIZE = {"grid": 24, "tabel": 50}


def _querystring(request, drop=("halaman",)):
    params = request.GET.copy()
    for key in drop:
        params.pop(key, None)
    return params.urlencode()


# --- lists ---------------------------------------------------------------------------------------------------


@require_GET
def product_list(request):
    form = ProductFilterForm(request.GET or None, user=request.user)
    filters = form.filters()
    view_mode = "tabel" if request.GET.get("tampilan") == "tabel" else "grid"
    products = filter_products(with_readiness(products_visible_to(request.user)), **filters)
    page = Paginator(products.prefetch_related(first_photo_prefetch()), PAGE_SIZE[view_mode]).get_page(
        request.GET.get("halaman")
    )
    for product in page:
        product.readiness = readiness_of(product)
    counts = status_counts(
        filter_products(with_readiness(products_visible_to(request.user)), **{**filters, "status": ""})
    )
    return render(
        request,
        "products/product_list.html",
        {
            "form": form,
            "page": page,
            "view_mode": view_mode,
            "counts": counts,
            "status_tabs": [(value, label, counts[value]) for value, label in CurationStatus.choices],
            "active_status": filters.get("status", ""),
            "filter_querystring": _querystring(request, drop=("halaman", "tampilan")),
        },
    )


@require_GET
def product_export(request, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    return export_or_start_job(request, "produk", product_sheet(request.user, request.GET), fmt)


# --- one product ---------------------------------------------------------------------------------------------


@require_GET
def product_detail(request, pk):
    product = product_for(request.user, pk, readiness=True)
    return render(
        request,
        "products/product_detail.html",
        {
            "product": product,
            "readiness": readiness_of(product),
            "photos": product.foto.all(),
            "certifications": certifications_of(product),
            "timeline": curation_timeline(product),
            "history": history_entries(product),
            "transitions": transitions_from(product.status_kurasi) if can_curate(request.user) else [],
            "curation_steps": CurationStatus.choices,
            "year_choices": designation_year_choices(),
        },
    )


@require_http_methods(["GET", "POST"])
@predicate_required(can_curate)
@redirect_if_already_submitted
def product_create(request):
    form = ProductForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in PRODUCT_FIELDS}
        try:
            product = create_once(
                actor=request.user,
                token=form.cleaned_data["token"],
                create=lambda: product_save(actor=request.user, reason=_("Produk didaftarkan"), **data),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Produk “%(nama)s” terdaftar.") % {"nama": product.nama})
            return redirect(product)
    return render(request, "products/product_form.html", {"form": form, "product": None})


@require_http_methods(["GET", "POST"])
def product_edit(request, pk):
    product = product_for(request.user, pk, may="curate")
    form = ProductForm(request.POST or None, instance=product, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.changed_data if name in PRODUCT_FIELDS}
        try:
            product_save(
                actor=request.user,
                product=product,
                reason=_("Data produk diubah"),
                versi=form.cleaned_data["versi"],
                **data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Perubahan produk disimpan."))
            return redirect(product)
    return render(request, "products/product_form.html", {"form": form, "product": product})


@require_POST
def product_curate(request, pk):
    product = product_for(request.user, pk, may="curate")
    form = CurationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Permintaan kurasi tidak valid."))
        return redirect(product)
    data = form.cleaned_data
    move = {"product": product, "to": data["ke"], "notes": data["catatan"], "year": data["tahun"]}
    try:
        if data["ke"] in FINAL_STEPS and not is_confirmed(request):
            product_move_check(**move)
            return _curation_confirmation(request, product, data)
        product_move(actor=request.user, **move)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        product.refresh_from_db()
        messages.success(
            request, _("Status kurasi sekarang: %(status)s.") % {"status": product.get_status_kurasi_display()}
        )
    return redirect(product.get_absolute_url() + "#kurasi")


FINAL_STEPS = (CurationStatus.UNGGULAN, CurationStatus.TIDAK_LOLOS)


def _curation_confirmation(request, product, data):
    carry = {"ke": data["ke"], "catatan": data["catatan"], "tahun": data["tahun"] or ""}
    if data["ke"] == CurationStatus.UNGGULAN:
        title = _("Tetapkan %(produk)s sebagai produk unggulan %(tahun)s?") % {
            "produk": product.nama,
            "tahun": data["tahun"] or "",
        }
        consequences = [
            _("Produk dihitung dalam capaian produk unggulan OPOP tahun itu dan tampil di katalog publik."),
            _("Mencabut penetapan perlu alasan dan tercatat di riwayat kurasi."),
        ]
        button, danger = _("Ya, tetapkan sebagai unggulan"), False
    else:
        title = _("Nyatakan %(produk)s tidak lolos kurasi?") % {"produk": product.nama}
        consequences = [
            _("Produk keluar dari alur kurasi dengan alasan: %(alasan)s") % {"alasan": data["catatan"] or "—"},
            _("Produk dapat didaftarkan ulang (dengan alasan) setelah diperbaiki."),
        ]
        button, danger = _("Ya, nyatakan tidak lolos"), True
    return confirmation_page(
        request,
        title=title,
        consequences=consequences,
        button=button,
        back=product.get_absolute_url() + "#kurasi",
        danger=danger,
        carry=carry,
    )


# --- photos --------------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def photo_create(request, pk):
    product = product_for(request.user, pk, may="curate")
    form = PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            photo_add(
                actor=request.user,
                product=product,
                upload=form.cleaned_data["gambar"],
                keterangan=form.cleaned_data["keterangan"],
            )
        except ValidationError as error:
            add_service_errors(form, error, default_field="gambar")
        else:
            messages.success(request, _("Foto ditambahkan."))
            return redirect(product.get_absolute_url() + "#foto")
    return render(request, "products/photo_form.html", {"form": form, "product": product})


@require_POST
def photo_remove(request, pk, photo_pk):
    product, photo = photo_for(request.user, pk, photo_pk)
    photo_delete(actor=request.user, photo=photo)
    messages.success(request, _("Foto dihapus."))
    return redirect(product.get_absolute_url() + "#foto")


# --- certifications ------------------------------------------------------------------------------------------


def _certification_form_view(request, product, certification=None):
    instance = certification or Certification(produk=product)  # a stored one is validated in a copy (VersionedForm)
    form = CertificationForm(request.POST or None, request.FILES or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in ("jenis", "nomor", "tanggal_terbit", "berlaku_sampai")}
        try:
            saved = certification_save(
                actor=request.user,
                product=product,
                certification=certification,
                document=form.cleaned_data["dokumen_baru"],
                verified=form.cleaned_data["terverifikasi"],
                reason=_("Sertifikat diubah") if certification else _("Sertifikat ditambahkan"),
                versi=form.cleaned_data["versi"] if certification else None,
                **data,
            )
        except ValidationError as error:
            add_service_errors(form, error, default_field="dokumen_baru")
        else:
            for warning in saved.warnings:
                messages.warning(request, warning)
            messages.success(request, _("Sertifikat %(cert)s disimpan.") % {"cert": saved})
            return redirect(product.get_absolute_url() + "#sertifikasi")
    return render(
        request,
        "products/certification_form.html",
        {"form": form, "product": product, "certification": certification},
    )


@require_http_methods(["GET", "POST"])
def certification_create(request, pk):
    product = product_for(request.user, pk, may="curate")
    return _certification_form_view(request, product)


@require_http_methods(["GET", "POST"])
def certification_edit(request, pk, cert_pk):
    product, certification = certification_for(request.user, pk, cert_pk, may="curate")
    return _certification_form_view(request, product, certification)


@require_POST
def certification_remove(request, pk, cert_pk):
    product, certification = certification_for(request.user, pk, cert_pk, may="curate")
    certification_delete(actor=request.user, certification=certification)
    messages.success(request, _("Sertifikat %(cert)s dihapus.") % {"cert": certification})
    return redirect(product.get_absolute_url() + "#sertifikasi")


@require_GET
def certification_document(request, pk, cert_pk):
    """The scanned certificate, as a download with the content type of what was verified at upload."""
    _product, certification = certification_for(request.user, pk, cert_pk, may="open_documents")
    ext = extension_of(certification.dokumen.name)
    name = download_name(f"{certification.get_jenis_display()}-{certification.nomor}.{ext}", ext, "sertifikat")
    return stored_file_response(certification.dokumen, name=name)
