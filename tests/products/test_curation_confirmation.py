"""Designating a product unggulan or declaring it tidak lolos needs the confirmation step; what the curator typed
(year, reason) travels through it, and a move that would be refused is refused before asking (issue 14)."""

from products.models import CurationEvent, CurationStatus, Product

S = CurationStatus


def _url(product):
    return f"/produk/{product.pk}/kurasi/"


def test_designation_asks_first_and_keeps_the_year_and_note(as_persona, make_product):
    product = make_product(status=S.DIKURASI)
    response = as_persona("staf").post(_url(product), {"ke": "unggulan", "tahun": "2024", "catatan": "Rapat kurasi"})
    html = response.content.decode()
    assert response.status_code == 200
    assert f"Tetapkan {product.nama} sebagai produk unggulan 2024?" in html
    assert 'name="tahun" value="2024"' in html and 'name="catatan" value="Rapat kurasi"' in html
    assert Product.objects.get(pk=product.pk).status_kurasi == S.DIKURASI
    assert not CurationEvent.objects.filter(produk=product, ke=S.UNGGULAN).exists()


def test_tidak_lolos_asks_first_with_the_reason(as_persona, make_product):
    product = make_product(status=S.DIVERIFIKASI)
    data = {"ke": "tidak_lolos", "catatan": "Belum punya P-IRT"}
    html = as_persona("staf").post(_url(product), data).content.decode()
    assert "tidak lolos kurasi?" in html and "Belum punya P-IRT" in html
    assert Product.objects.get(pk=product.pk).status_kurasi == S.DIVERIFIKASI
    as_persona("staf").post(_url(product), {**data, "konfirmasi": "ya"})
    assert Product.objects.get(pk=product.pk).status_kurasi == S.TIDAK_LOLOS


def test_a_refused_move_is_refused_before_asking(as_persona, make_product):
    product = make_product(status=S.DIKURASI)
    response = as_persona("staf").post(_url(product), {"ke": "unggulan"}, follow=True)
    assert response.redirect_chain == [(f"/produk/{product.pk}/#kurasi", 302)]  # back to the product, no question
    assert "Tahun penetapan unggulan wajib diisi" in response.content.decode()


def test_intermediate_steps_need_no_confirmation(as_persona, make_product):
    product = make_product()
    as_persona("staf").post(_url(product), {"ke": "diverifikasi"})
    assert Product.objects.get(pk=product.pk).status_kurasi == S.DIVERIFIKASI
