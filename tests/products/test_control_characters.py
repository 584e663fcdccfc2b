"""A control character in a product name is refused; one already stored never breaks the catalogue export."""

import io

from openpyxl import load_workbook

from products.models import Product


def test_an_escape_character_in_a_product_name_is_refused_and_nothing_is_saved(as_persona, pesantren, makanan):
    data = {
        "nama": "Keripik\x1b[31m Tempe",
        "pesantren": pesantren.pk,
        "kategori": makanan.pk,
        "harga": "15000",
        "satuan": "bungkus",
        "kapasitas_bulanan": "500",
        "jangkauan_pasar": "lokal",
        "negara_tujuan": "",
        "deskripsi": "",
        "tautan_opop_mart": "",
    }
    response = as_persona("staf").post("/produk/baru/", data)
    assert response.status_code == 200
    assert "karakter kontrol tak terlihat (kode \\x1b)" in response.content.decode()
    assert not Product.objects.exists()


def test_a_product_stored_with_a_control_character_still_exports(as_persona, product):
    Product.objects.filter(pk=product.pk).update(nama="Keripik\x1bTempe")
    response = as_persona("staf").get("/produk/ekspor.xlsx")
    assert response.status_code == 200
    values = [c.value for row in load_workbook(io.BytesIO(response.content)).active.iter_rows() for c in row]
    assert "KeripikTempe" in values
