"""The public catalogue (/katalog/): designated products only, no login, no personal data.

Anything that is not unggulan answers 404, whether it exists or not."""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from products.access import public_product_for
from products.forms import PublicFilterForm
from products.selectors import (
    first_photo_prefetch,
    held_certificates_prefetch,
    public_certifications,
    public_products,
)

PAGE_SIZE = 24


@login_not_required
@require_safe
def catalogue(request):
    form = PublicFilterForm(request.GET or None)
    filters = form.filters()
    products = public_products()
    if "kategori" in filters:
        products = products.filter(kategori=filters["kategori"])
    if "kabkota" in filters:
        products = products.filter(pesantren__kabkota=filters["kabkota"])
    products = products.order_by("-tahun_unggulan", "nama", "id").prefetch_related(
        first_photo_prefetch(), held_certificates_prefetch()
    )
    page = Paginator(products, PAGE_SIZE).get_page(request.GET.get("halaman"))
    return render(request, "products/public_list.html", {"form": form, "page": page})


@login_not_required
@require_safe
def catalogue_detail(request, pk):
    product = public_product_for(pk)
    return render(
        request,
        "products/public_detail.html",
        {
            "product": product,
            "photos": product.foto.all(),
            "certifications": public_certifications(product),
        },
    )
