import pytest

from products.models import Certification
from tests.access import PERSONAS
from tests.products.conftest import PDF_BYTES, stored_files, upload
from tests.products.matrix import WRITE, assert_access


def _url(product):
    return f"/produk/{product.pk}/sertifikat/baru/"


def _data(**extra):
    return {"jenis": "pirt", "nomor": "2063517010123-28", "tanggal_terbit": "2023-01-15", "berlaku_sampai": "", **extra}


@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix(persona, as_persona, product):
    assert_access(as_persona(persona).get(_url(product)), WRITE[persona])


@pytest.mark.parametrize("persona", ["pimpinan", "petugas_a", "petugas_b"])
def test_hand_crafted_post_by_a_reader_is_403(persona, as_persona, product):
    assert as_persona(persona).post(_url(product), _data()).status_code == 403
    assert not Certification.objects.exists()


def test_unknown_product_is_404(as_persona, db):
    assert as_persona("staf").get("/produk/999999/sertifikat/baru/").status_code == 404


def test_add_with_document_and_verification(as_persona, product, staf, media_dirs):
    response = as_persona("staf").post(
        _url(product), _data(dokumen_baru=upload("pirt.pdf", PDF_BYTES, "application/pdf"), terverifikasi="on")
    )
    assert response.status_code == 302 and response["Location"] == f"/produk/{product.pk}/#sertifikasi"
    cert = Certification.objects.get()
    assert cert.nomor == "2063517010123-28" and cert.berlaku_sampai.isoformat() == "2028-12-31"
    assert cert.diverifikasi_oleh == staf and cert.dokumen.name.endswith(".pdf")
    assert len(stored_files(media_dirs / "private")) == 1


def test_soft_warnings_are_shown_after_saving(as_persona, product):
    response = as_persona("staf").post(_url(product), _data(nomor="2063578010123-28"), follow=True)
    assert "tidak sama dengan kode kab/kota produsen" in response.content.decode()
    assert Certification.objects.exists()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"nomor": "12345"}, "Nomor P-IRT harus 15 digit"),
        ({"jenis": "nib", "nomor": "12345"}, "NIB harus tepat 13 digit"),
        ({"jenis": "bpom", "nomor": "XX 123"}, "MD atau ML"),
        ({"jenis": "sertifikat_palsu"}, "Masukkan pilihan yang valid"),
        ({"tanggal_terbit": "2024-01-01", "berlaku_sampai": "2023-01-01"}, "tidak boleh sebelum"),
        ({"dokumen_baru": upload("x.pdf", b"not a pdf")}, "bukan PDF"),
    ],
)
def test_invalid_input_shows_errors_and_saves_nothing(extra, message, as_persona, product, media_dirs):
    response = as_persona("staf").post(_url(product), _data(**extra))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Certification.objects.exists()
    assert stored_files(media_dirs / "private") == []


def test_duplicate_is_shown_as_an_error(as_persona, product):
    client = as_persona("staf")
    client.post(_url(product), _data())
    response = client.post(_url(product), _data())
    assert "sudah tercatat" in response.content.decode()
    assert Certification.objects.count() == 1
