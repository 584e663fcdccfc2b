import pytest

from products.models import CertificationType, CurationStatus
from products.services import certification_save, photo_add
from tests.access import PERSONAS
from tests.products.conftest import image_bytes, upload
from tests.products.matrix import READ, assert_access

URL = "/produk/"


@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix(persona, as_persona, product):
    assert_access(as_persona(persona).get(URL), READ[persona])


def test_grid_shows_cards_with_status_readiness_and_photo(as_persona, make_product, staf):
    product = make_product(status=CurationStatus.UNGGULAN, year=2022, nama="Madu Hutan")
    photo = photo_add(actor=staf, product=product, upload=upload("m.png", image_bytes()))
    html = as_persona("pimpinan").get(URL).content.decode()
    assert "Madu Hutan" in html and "Unggulan 2022" in html
    assert photo.thumbnail.url in html
    assert "Berikutnya:" in html and "NIB" in html
    assert "Daftarkan produk" not in html  # read-only role


def test_writers_see_the_register_button(as_persona, product):
    assert "Daftarkan produk" in as_persona("staf").get(URL).content.decode()


def test_table_view(as_persona, product):
    html = as_persona("petugas_a").get(URL + "?tampilan=tabel").content.decode()
    assert "<table" in html and product.nama in html


def test_filters_narrow_the_list(as_persona, make_product, kerajinan, other_pesantren):
    make_product(nama="Keripik", status=CurationStatus.DIKURASI)
    make_product(nama="Anyaman", kategori=kerajinan, pesantren=other_pesantren)
    client = as_persona("staf")
    html = client.get(URL, {"kategori": kerajinan.pk}).content.decode()
    assert "Anyaman" in html and "Keripik" not in html
    html = client.get(URL, {"kabkota": "35.71"}).content.decode()
    assert "Anyaman" in html and "Keripik" not in html
    html = client.get(URL, {"status": "dikurasi", "tampilan": "tabel"}).content.decode()
    assert "Keripik" in html and "Anyaman" not in html
    html = client.get(URL, {"kesiapan": "belum_halal"}).content.decode()
    assert "Keripik" in html and "Anyaman" not in html  # crafts need no halal certificate


def test_invalid_filter_values_are_ignored(as_persona, product):
    response = as_persona("staf").get(URL, {"kategori": "999999", "status": "juara", "tahun": "abc", "halaman": "x"})
    assert response.status_code == 200
    assert product.nama in response.content.decode()


def test_expiry_flags_show_in_the_list(as_persona, product, staf):
    certification_save(actor=staf, product=product, jenis=CertificationType.PIRT, nomor="2063517010123-20")
    assert "Sertifikat kedaluwarsa" in as_persona("staf").get(URL).content.decode()


@pytest.mark.parametrize("mode", ["grid", "tabel"])
def test_list_query_count_does_not_grow_with_products(
    mode, as_persona, make_product, staf, django_assert_max_num_queries
):
    for i in range(30):
        product = make_product(nama=f"Produk {i:02d}")
        certification_save(actor=staf, product=product, jenis=CertificationType.NIB, nomor=f"91203012345{i:02d}")
        if i < 5:
            photo_add(actor=staf, product=product, upload=upload("a.png", image_bytes()))
    client = as_persona("staf")
    with django_assert_max_num_queries(12):
        response = client.get(URL, {"tampilan": mode})
    assert response.status_code == 200
