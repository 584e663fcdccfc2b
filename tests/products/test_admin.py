"""Django admin pages of the catalogue open for the Admin role (categories are edited there)."""

import pytest

from products.models import ProductCategory


@pytest.mark.parametrize(
    "url",
    ["/admin/products/productcategory/", "/admin/products/product/", "/admin/products/curationevent/"],
)
def test_admin_lists_open(url, as_persona, product):
    assert as_persona("admin").get(url).status_code == 200


def test_admin_product_page_opens(as_persona, product):
    assert as_persona("admin").get(f"/admin/products/product/{product.pk}/change/").status_code == 200


def test_eight_categories_are_seeded(db):
    assert list(ProductCategory.objects.values_list("nama", flat=True)) == [
        "Makanan & minuman",
        "Busana/fashion",
        "Kerajinan",
        "Pertanian & agro",
        "Peternakan & perikanan",
        "Herbal & kosmetik",
        "Jasa & digital",
        "Wisata halal",
    ]


@pytest.mark.parametrize("persona", ["staf", "pimpinan", "petugas_a"])
def test_other_roles_stay_out_of_admin(persona, as_persona, db):
    assert as_persona(persona).get("/admin/products/product/").status_code == 302
