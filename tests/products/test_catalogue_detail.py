import pytest

from products.models import CertificationType, CurationStatus
from products.services import certification_save, photo_add, product_move
from tests.access import PERSONAS
from tests.products.conftest import image_bytes, upload
from tests.products.matrix import PUBLIC, assert_access

S = CurationStatus


@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix(persona, as_persona, make_product):
    product = make_product(status=S.UNGGULAN)
    assert_access(as_persona(persona).get(f"/katalog/{product.pk}/"), PUBLIC[persona])


@pytest.mark.parametrize("status", [S.TERDAFTAR, S.DIVERIFIKASI, S.DIKURASI, S.TIDAK_LOLOS])
@pytest.mark.parametrize("persona", PERSONAS)
def test_products_that_are_not_unggulan_are_404_for_everyone(status, persona, as_persona, make_product):
    product = make_product(status=status)
    assert as_persona(persona).get(f"/katalog/{product.pk}/").status_code == 404


def test_unknown_id_is_404(client, db):
    assert client.get("/katalog/999999/").status_code == 404


def test_revoked_designation_disappears(client, make_product, admin):
    product = make_product(status=S.UNGGULAN)
    product_move(actor=admin, product=product, to=S.DIKURASI, notes="Dicabut")
    assert client.get(f"/katalog/{product.pk}/").status_code == 404


def test_shows_producer_kabkota_photos_certificates_and_opop_mart(client, make_product, admin):
    product = make_product(status=S.UNGGULAN, year=2022, tautan_opop_mart="https://opopmart.example/kopi")
    photo_add(actor=admin, product=product, upload=upload("a.png", image_bytes()), keterangan="Kemasan")
    for jenis, nomor in [
        (CertificationType.HALAL, "ID35110000123450122"),
        (CertificationType.BPOM, "MD 224113001234"),
        (CertificationType.PIRT, "2063517010123-40"),
        (CertificationType.NIB, "9120301234567"),
        (CertificationType.MEREK, "IDM000812345"),
    ]:
        certification_save(actor=admin, product=product, jenis=jenis, nomor=nomor)
    html = client.get(f"/katalog/{product.pk}/").content.decode()
    assert product.nama in html and "PP Tebuireng" in html and "Kabupaten Jombang" in html
    assert "Produk unggulan 2022" in html and 'alt="Kemasan"' in html
    assert "https://opopmart.example/kopi" in html and 'rel="noopener noreferrer"' in html
    # Numbers only where public by nature (halal, BPOM, P-IRT); NIB and trademark are named without numbers.
    for public_number in ("ID35110000123450122", "MD 224113001234", "2063517010123-40"):
        assert public_number in html
    assert "NIB" in html and "9120301234567" not in html
    assert "Merek/HKI" in html and "IDM000812345" not in html


def test_no_opop_mart_button_without_a_link(client, make_product):
    product = make_product(status=S.UNGGULAN)
    assert "OPOP Mart" not in client.get(f"/katalog/{product.pk}/").content.decode()
