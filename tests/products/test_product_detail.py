import pytest

from products.models import CertificationType, CurationStatus
from products.services import certification_save, photo_add, product_move
from tests.access import PERSONAS
from tests.products.conftest import image_bytes, upload
from tests.products.matrix import READ, assert_access


@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix(persona, as_persona, product):
    assert_access(as_persona(persona).get(f"/produk/{product.pk}/"), READ[persona])


@pytest.mark.parametrize("persona", ["staf", "petugas_a"])
def test_unknown_product_is_404(persona, as_persona, db):
    assert as_persona(persona).get("/produk/999999/").status_code == 404


def test_shows_photos_certificates_flags_readiness_timeline_and_history(as_persona, product, staf):
    photo_add(actor=staf, product=product, upload=upload("a.png", image_bytes()), keterangan="Kemasan depan")
    certification_save(actor=staf, product=product, jenis=CertificationType.PIRT, nomor="2063578010123-20")
    certification_save(actor=staf, product=product, jenis=CertificationType.NIB, nomor="9120301234567")
    product_move(actor=staf, product=product, to=CurationStatus.DIVERIFIKASI, notes="Administrasi lengkap")
    html = as_persona("pimpinan").get(f"/produk/{product.pk}/").content.decode()
    assert "Kemasan depan" in html
    assert "2063578010123-20" in html and "Kedaluwarsa" in html
    assert "tidak sama dengan kode kab/kota produsen" in html  # P-IRT region warning
    assert "Kesiapan sertifikat" in html and "25%" in html  # NIB only: P-IRT expired
    assert "Administrasi lengkap" in html and "Riwayat kurasi" in html
    assert "Riwayat perubahan" in html


def test_writers_get_the_allowed_curation_actions_only(as_persona, make_product):
    product = make_product(status=CurationStatus.DIKURASI)
    html = as_persona("staf").get(f"/produk/{product.pk}/").content.decode()
    assert 'value="unggulan"' in html and 'value="tidak_lolos"' in html and 'value="diverifikasi"' in html
    assert 'value="terdaftar"' not in html


@pytest.mark.parametrize("persona", ["pimpinan", "petugas_a", "petugas_b"])
def test_readers_get_no_forms(persona, as_persona, product):
    html = as_persona(persona).get(f"/produk/{product.pk}/").content.decode()
    assert "/kurasi/" not in html and "Ubah data produk" not in html and "Tambah foto" not in html


def test_detail_query_count_is_bounded(as_persona, product, staf, django_assert_max_num_queries):
    for i in range(5):
        certification_save(actor=staf, product=product, jenis=CertificationType.MEREK, nomor=f"IDM{i}")
        photo_add(actor=staf, product=product, upload=upload("a.png", image_bytes()))
    client = as_persona("staf")
    with django_assert_max_num_queries(20):
        client.get(f"/produk/{product.pk}/")
