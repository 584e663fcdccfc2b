import pytest

from products.models import CertificationType
from products.services import certification_save
from tests.access import PERSONAS
from tests.products.conftest import PDF_BYTES, image_bytes, upload
from tests.products.matrix import LOGIN, assert_access

# Certificate scans are for the roles that see everything Staf Diskop sees; Petugas OPD reads the catalogue only.
EXPECTED = {"anonymous": LOGIN, "admin": 200, "staf": 200, "pimpinan": 200, "petugas_a": 403, "petugas_b": 403}


@pytest.fixture
def cert(product, admin):
    return certification_save(
        actor=admin,
        product=product,
        jenis=CertificationType.HALAL,
        nomor="ID35110000123450122",
        document=upload("halal.pdf", PDF_BYTES, "application/pdf"),
    )


def _url(cert):
    return f"/produk/{cert.produk_id}/sertifikat/{cert.pk}/dokumen/"


@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix(persona, as_persona, cert):
    assert_access(as_persona(persona).get(_url(cert)), EXPECTED[persona])


def test_pdf_is_a_download_with_its_verified_type(as_persona, cert):
    response = as_persona("staf").get(_url(cert))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_image_document_is_served_as_an_image(as_persona, product, admin):
    cert = certification_save(
        actor=admin,
        product=product,
        jenis=CertificationType.NIB,
        nomor="9120301234567",
        document=upload("nib.jpg", image_bytes("JPEG")),
    )
    assert as_persona("staf").get(_url(cert))["Content-Type"] == "image/jpeg"


def test_certificate_without_document_is_404(as_persona, product, admin):
    cert = certification_save(actor=admin, product=product, jenis=CertificationType.NIB, nomor="9120301234567")
    assert as_persona("staf").get(_url(cert)).status_code == 404


def test_documents_have_no_public_url(cert):
    with pytest.raises(ValueError):
        cert.dokumen.url  # noqa: B018


def test_named_after_the_certificate_and_a_file_gone_from_disk_is_404(as_persona, cert):
    response = as_persona("staf").get(_url(cert))
    assert 'filename="Sertifikat_halal-ID35110000123450122.pdf"' in response["Content-Disposition"]
    cert.dokumen.storage.delete(cert.dokumen.name)
    assert as_persona("staf").get(_url(cert)).status_code == 404  # before: FileNotFoundError, a 500


def test_upload_help_texts_follow_the_readers_language():
    """A lazy text % values was fixed at import in Indonesian: English forms showed "paling besar … MB"."""
    from django.utils import translation

    from products.forms import CertificationForm, PhotoForm

    with translation.override("en"):
        photo = str(PhotoForm().fields["gambar"].help_text)
        document = str(CertificationForm.base_fields["dokumen_baru"].help_text)
    assert "paling besar" not in photo + document and "MB" in photo and "MB" in document
    with translation.override("id"):
        assert "paling besar" in str(PhotoForm().fields["gambar"].help_text)
