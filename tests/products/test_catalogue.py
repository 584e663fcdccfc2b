"""The public catalogue shows exactly the unggulan products, to anyone, without personal data."""

import pytest

from pesantren.services import pesantren_save
from products.models import CertificationType, CurationStatus
from products.services import certification_save, photo_add
from tests.access import PERSONAS
from tests.products.conftest import image_bytes, upload
from tests.products.matrix import PUBLIC, assert_access

S = CurationStatus
URL = "/katalog/"


@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix(persona, as_persona, db):
    assert_access(as_persona(persona).get(URL), PUBLIC[persona])


@pytest.fixture
def mixed(make_product):
    return {
        "unggulan_a": make_product(status=S.UNGGULAN, year=2020, nama="Madu Unggulan"),
        "unggulan_b": make_product(status=S.UNGGULAN, year=2024, nama="Sarung Unggulan"),
        "terdaftar": make_product(status=S.TERDAFTAR, nama="Draf Terdaftar"),
        "diverifikasi": make_product(status=S.DIVERIFIKASI, nama="Draf Diverifikasi"),
        "dikurasi": make_product(status=S.DIKURASI, nama="Draf Dikurasi"),
        "tidak_lolos": make_product(status=S.TIDAK_LOLOS, nama="Produk Ditolak"),
    }


def test_shows_exactly_the_unggulan_products(client, mixed):
    html = client.get(URL).content.decode()
    for key, product in mixed.items():
        assert (product.nama in html) == key.startswith("unggulan"), key
    assert "2 produk unggulan" in html


def test_never_shows_personal_data_or_internal_fields(client, make_product, admin, pesantren):
    pesantren_save(
        actor=admin,
        pesantren=pesantren,
        pengasuh="KH Abdul Hakim",
        telepon="081234567890",
        email="pengasuh@contoh.id",
        alamat="Jl. Irian Jaya No. 10",
    )
    product = make_product(status=S.UNGGULAN, year=2023)
    certification_save(actor=admin, product=product, jenis=CertificationType.NIB, nomor="9120301234567", verified=True)
    html = client.get(URL).content.decode() + client.get(f"{URL}{product.pk}/").content.decode()
    for secret in (
        "KH Abdul Hakim",
        "081234567890",
        "pengasuh@contoh.id",
        "Jl. Irian Jaya",
        "9120301234567",
        "510035170239",
        admin.first_name,
        "Kesiapan",
        "Riwayat",
    ):
        assert secret not in html, secret


def test_filters_by_category_and_kabkota(client, make_product, kerajinan, other_pesantren):
    make_product(status=S.UNGGULAN, nama="Keripik Jombang")
    make_product(status=S.UNGGULAN, nama="Anyaman Kediri", kategori=kerajinan, pesantren=other_pesantren)
    html = client.get(URL, {"kategori": kerajinan.pk}).content.decode()
    assert "Anyaman Kediri" in html and "Keripik Jombang" not in html
    html = client.get(URL, {"kabkota": "35.17"}).content.decode()
    assert "Keripik Jombang" in html and "Anyaman Kediri" not in html
    assert client.get(URL, {"kabkota": "99.99", "kategori": "x"}).status_code == 200


def test_cards_show_photo_and_held_certificates(client, make_product, admin):
    product = make_product(status=S.UNGGULAN)
    photo = photo_add(actor=admin, product=product, upload=upload("a.png", image_bytes()))
    certification_save(actor=admin, product=product, jenis=CertificationType.HALAL, nomor="ID35110000123450122")
    certification_save(actor=admin, product=product, jenis=CertificationType.PIRT, nomor="2063517010123-20")
    html = client.get(URL).content.decode()
    assert photo.thumbnail.url in html
    assert "Sertifikat halal" in html
    assert "P-IRT" not in html  # expired: not held any more


def test_public_list_query_count_is_bounded(client, make_product, admin, django_assert_max_num_queries):
    for i in range(25):
        product = make_product(status=S.UNGGULAN, nama=f"U{i}")
        certification_save(actor=admin, product=product, jenis=CertificationType.NIB, nomor=f"91203012345{i:02d}")
    with django_assert_max_num_queries(8):
        assert client.get(URL).status_code == 200


def test_public_page_links_the_catalogue(client, db):
    assert 'href="/katalog/"' in client.get("/publik/").content.decode()
