"""Each catalogue object a view works on, looked up once (`opop.accounts.permissions.guarded_get`): 404 when the user
may not see it (`products_visible_to`), 403 when they see it but may not take the action named by `may`."""

from opop.accounts.permissions import can_curate, can_open_product_documents, guarded_get
from products.selectors import products_visible_to, public_products, with_readiness

MAY = {
    "view": lambda user: True,
    "curate": can_curate,
    "open_documents": can_open_product_documents,
}


def _get(user, queryset, may, **lookup):
    allowed = MAY[may](user)
    return guarded_get(queryset, allowed=lambda obj: allowed, **lookup)


def product_for(user, pk, may="view", readiness=False):
    products = products_visible_to(user)
    return _get(user, with_readiness(products) if readiness else products, may, pk=pk)


def photo_for(user, pk, photo_pk, may="curate"):
    product = product_for(user, pk)
    return product, _get(user, product.foto.all(), may, pk=photo_pk)


def certification_for(user, pk, cert_pk, may="view"):
    """A product's certificate; `may="open_documents"` also needs a stored document."""
    product = product_for(user, pk)
    certificates = product.sertifikasi.exclude(dokumen="") if may == "open_documents" else product.sertifikasi.all()
    return product, _get(user, certificates, may, pk=cert_pk)


def public_product_for(pk):
    """A product of the public catalogue (unggulan), for anyone; 404 for every other product."""
    return guarded_get(public_products(), pk=pk)
