import pytest

from products.models import CurationEvent, CurationStatus, Product
from tests.access import PERSONAS
from tests.products.matrix import LOGIN, assert_access

S = CurationStatus


def _url(product):
    return f"/produk/{product.pk}/kurasi/"


# POST-only: GET is 405 for everyone signed in.
@pytest.mark.parametrize("persona", PERSONAS)
def test_get_is_not_allowed(persona, as_persona, product):
    assert_access(as_persona(persona).get(_url(product)), LOGIN if persona == "anonymous" else 405)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("anonymous", LOGIN), ("admin", 302), ("staf", 302), ("pimpinan", 403), ("petugas_a", 403), ("petugas_b", 403)],
)
def test_post_access_matrix(persona, expected, as_persona, product):
    response = as_persona(persona).post(_url(product), {"ke": "diverifikasi"})
    assert_access(response, expected)
    moved = Product.objects.get(pk=product.pk).status_kurasi == S.DIVERIFIKASI
    assert moved == (expected == 302)
    assert CurationEvent.objects.exists() == (expected == 302)


def test_unknown_product_is_404(as_persona, db):
    assert as_persona("staf").post("/produk/999999/kurasi/", {"ke": "diverifikasi"}).status_code == 404


def test_designation_through_the_page(as_persona, make_product, staf):
    product = make_product(status=S.DIKURASI)
    response = as_persona("staf").post(
        _url(product), {"ke": "unggulan", "tahun": "2024", "catatan": "Rapat kurasi", "konfirmasi": "ya"}
    )
    assert response.status_code == 302 and response["Location"] == f"/produk/{product.pk}/#kurasi"
    product.refresh_from_db()
    assert (product.status_kurasi, product.tahun_unggulan) == (S.UNGGULAN, 2024)
    event = CurationEvent.objects.filter(produk=product).order_by("-id").first()
    assert (event.oleh, event.catatan, event.tahun_unggulan) == (staf, "Rapat kurasi", 2024)


@pytest.mark.parametrize(
    ("status", "data", "message"),
    [
        (S.TERDAFTAR, {"ke": "unggulan", "tahun": "2024"}, "tidak dapat dipindahkan"),  # skipping steps
        (S.DIKURASI, {"ke": "unggulan"}, "Tahun penetapan unggulan wajib diisi"),
        (S.DIKURASI, {"ke": "unggulan", "tahun": "1999"}, "Tahun penetapan harus antara 2019 dan"),
        (S.DIKURASI, {"ke": "tidak_lolos", "catatan": ""}, "Alasan tidak lolos wajib diisi"),
        (S.DIKURASI, {"ke": "diverifikasi"}, "Alasan wajib diisi untuk langkah mundur"),
        (S.TERDAFTAR, {"ke": "juara"}, "Permintaan kurasi tidak valid"),
    ],
)
def test_refused_moves_show_a_message_and_change_nothing(status, data, message, as_persona, make_product):
    product = make_product(status=status)
    events = CurationEvent.objects.count()
    response = as_persona("staf").post(_url(product), data, follow=True)
    assert message in response.content.decode()
    assert Product.objects.get(pk=product.pk).status_kurasi == status
    assert CurationEvent.objects.count() == events
