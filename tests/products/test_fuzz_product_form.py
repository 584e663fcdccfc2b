"""Hypothesis on the product form: never a 500, and a refused form saves nothing."""

from hypothesis import given
from hypothesis import strategies as st

from pesantren.models import Pesantren
from products.models import Product, ProductCategory
from tests.fuzzing import FORM_FUZZ, field_values


def test_product_form_never_fails_and_never_half_saves(as_persona, pesantren_nspps):
    client = as_persona("staf")
    pesantren, category = Pesantren.objects.first(), ProductCategory.objects.first()

    @FORM_FUZZ
    @given(
        data=st.fixed_dictionaries(
            {
                "nama": field_values("Kopi Santri"),
                "pesantren": field_values(pesantren.pk, 999999),
                "kategori": field_values(category.pk),
                "deskripsi": field_values("Kopi robusta"),
                "harga": field_values(25000, -5),
                "satuan": field_values("bungkus 250 g"),
                "kapasitas_bulanan": field_values(500),
                "jangkauan_pasar": field_values("lokal", "ekspor"),
                "negara_tujuan": field_values("", "Malaysia"),
                "tautan_opop_mart": field_values("", "https://opopmart.com/x"),
            }
        )
    )
    def post(data):
        before = Product.objects.count()
        response = client.post("/produk/baru/", data)
        assert response.status_code in (200, 302, 400)  # 400: a NUL byte, refused before any view runs
        assert Product.objects.count() == before + (1 if response.status_code == 302 else 0)

    post()
