"""Certificate number formats (PRODUCT.md §2), soft warnings, expiry flags on both sides of today, and the
certificate services."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from products.models import Certification, CertificationType, ExpiryState
from products.services import certification_delete, certification_save
from products.validators import pirt_expiry_year, pirt_region_code
from tests.products.conftest import PDF_BYTES, stored_files, upload

T = CertificationType
TODAY = timezone.localdate()


def _make(product, jenis, nomor, **fields):
    cert = Certification(produk=product, jenis=jenis, nomor=nomor, **fields)
    cert.full_clean()
    return cert


@pytest.mark.parametrize(
    ("jenis", "nomor", "stored"),
    [
        (T.NIB, "9120301234567", "9120301234567"),
        (T.NIB, "0120301234567", "0120301234567"),  # leading zero survives
        (T.PIRT, "2063517010123-26", "2063517010123-26"),
        (T.PIRT, "206351701012326", "206351701012326"),
        (T.BPOM, "MD 224113001234", "MD 224113001234"),
        (T.BPOM, "ML224113001234", "ML224113001234"),
        (T.BPOM, "md 224113001234", "MD 224113001234"),  # upper-cased
        (T.HALAL, "ID35110000123450122", "ID35110000123450122"),
        (T.MEREK, "IDM000812345", "IDM000812345"),
        (T.SNI, "SNI 01-3553-2015", "SNI 01-3553-2015"),
        (T.HACCP, "HACCP/ID/2023/0042", "HACCP/ID/2023/0042"),
    ],
)
def test_real_format_examples_are_accepted(jenis, nomor, stored, product):
    cert = _make(product, jenis, f"  {nomor} ")
    assert cert.nomor == stored


@pytest.mark.parametrize(
    ("jenis", "nomor"),
    [
        (T.NIB, "912030123456"),  # 12 digits
        (T.NIB, "91203012345678"),  # 14 digits
        (T.NIB, "9120301234S67"),
        (T.NIB, "9.12030E+12"),  # what Excel makes of it
        (T.PIRT, "20635170101232"),  # 14 digits
        (T.PIRT, "2063517010123--26"),
        (T.PIRT, "206351701012-326"),
        (T.PIRT, "P-IRT 2063517010123-26"),
        (T.BPOM, "MD 22411300123"),  # 11 digits
        (T.BPOM, "MK 224113001234"),
        (T.BPOM, "TR 224113001234"),
        (T.BPOM, "224113001234"),
    ],
)
def test_malformed_numbers_are_rejected(jenis, nomor, product):
    with pytest.raises(ValidationError) as error:
        _make(product, jenis, nomor)
    assert "nomor" in error.value.message_dict


@pytest.mark.parametrize("nomor", ["ID3511000012345012", "LPPOM-00150012345678", "123"])
def test_halal_format_is_a_soft_check(nomor, product):
    cert = _make(product, T.HALAL, nomor)  # accepted...
    assert any("halal" in w for w in cert.warnings)  # ...with a warning


def test_well_formed_halal_number_has_no_warning(product):
    assert _make(product, T.HALAL, "ID35110000123450122").warnings == []


def test_pirt_digits_give_region_and_expiry_year():
    assert pirt_region_code("2063517010123-26") == "3517"
    assert pirt_expiry_year("2063517010123-26") == 2026
    assert pirt_expiry_year("206351701012331") == 2031
    assert pirt_expiry_year("bukan nomor") is None


def test_pirt_from_the_producers_kabkota_has_no_warning(product):
    assert product.pesantren.kabkota.kode_bps == "3517"
    assert _make(product, T.PIRT, "2063517010123-30").warnings == []


def test_pirt_from_another_kabkota_is_a_warning_not_an_error(product):
    cert = _make(product, T.PIRT, "2063578010123-30")
    assert len(cert.warnings) == 1
    assert "3578" in cert.warnings[0] and "3517" in cert.warnings[0]


def test_pirt_without_valid_until_runs_to_the_end_of_its_expiry_year(product):
    cert = _make(product, T.PIRT, "2063517010123-27")
    assert cert.berlaku_sampai == datetime.date(2027, 12, 31)


def test_pirt_with_a_date_in_another_year_is_flagged(product):
    cert = _make(product, T.PIRT, "2063517010123-27", berlaku_sampai=datetime.date(2029, 5, 1))
    assert any("14–15" in w for w in cert.warnings)


def test_valid_until_before_issue_is_refused(product):
    with pytest.raises(ValidationError, match="tidak boleh sebelum"):
        _make(
            product, T.MEREK, "IDM1", tanggal_terbit=datetime.date(2024, 1, 1), berlaku_sampai=datetime.date(2023, 1, 1)
        )


# --- expiry flags on both sides of today -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("offset", "state"),
    [
        (-365, ExpiryState.KEDALUWARSA),
        (-1, ExpiryState.KEDALUWARSA),
        (0, ExpiryState.SEGERA),  # valid through today
        (1, ExpiryState.SEGERA),
        (90, ExpiryState.SEGERA),
        (91, ExpiryState.BERLAKU),
        (800, ExpiryState.BERLAKU),
        (None, ExpiryState.TANPA_BATAS),  # halal: no expiry while the product is unchanged
    ],
)
def test_expiry_state_around_today(offset, state, product):
    until = None if offset is None else TODAY + datetime.timedelta(days=offset)
    cert = Certification(produk=product, jenis=T.HALAL, nomor="ID35110000123450122", berlaku_sampai=until)
    assert cert.expiry_state(TODAY) == state
    assert cert.is_valid_now == (state != ExpiryState.KEDALUWARSA)


def test_expiry_state_uses_the_given_day(product):
    cert = Certification(produk=product, jenis=T.MEREK, nomor="x", berlaku_sampai=datetime.date(2025, 6, 30))
    assert cert.expiry_state(datetime.date(2025, 6, 30)) == ExpiryState.SEGERA
    assert cert.expiry_state(datetime.date(2025, 7, 1)) == ExpiryState.KEDALUWARSA
    assert cert.expiry_state(datetime.date(2025, 3, 1)) == ExpiryState.BERLAKU


# --- services ----------------------------------------------------------------------------------------------


def test_certification_save_records_verifier_and_history(product, staf):
    cert = certification_save(actor=staf, product=product, jenis=T.NIB, nomor="9120301234567", verified=True)
    assert cert.diverifikasi_oleh == staf and cert.diverifikasi_pada is not None
    record = cert.history.get()
    assert record.history_user == staf

    cert = certification_save(actor=staf, product=product, certification=cert, verified=False)
    assert cert.diverifikasi_oleh is None and cert.diverifikasi_pada is None


def test_verification_keeps_the_first_verifier(product, staf, admin):
    cert = certification_save(actor=staf, product=product, jenis=T.NIB, nomor="9120301234567", verified=True)
    cert = certification_save(actor=admin, product=product, certification=cert, verified=True, nomor="9120301234568")
    assert cert.diverifikasi_oleh == staf


def test_duplicate_certificate_is_refused(product, staf):
    certification_save(actor=staf, product=product, jenis=T.NIB, nomor="9120301234567")
    with pytest.raises(ValidationError, match="sudah tercatat"):
        certification_save(actor=staf, product=product, jenis=T.NIB, nomor="9120301234567")
    assert Certification.objects.count() == 1


def test_document_pdf_is_stored_privately(product, staf, media_dirs):
    cert = certification_save(
        actor=staf,
        product=product,
        jenis=T.HALAL,
        nomor="ID35110000123450122",
        document=upload("sertifikat.pdf", PDF_BYTES, "application/pdf"),
    )
    assert cert.dokumen.name.endswith(".pdf") and "sertifikat.pdf" not in cert.dokumen.name
    assert stored_files(media_dirs / "private") and not stored_files(media_dirs / "media")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("scan.pdf", b"<?php system($_GET['c']); ?>", "bukan PDF"),
        ("scan.exe", b"MZ\x90\x00", "Jenis berkas tidak diterima"),
        ("scan.jpg", b"%PDF-1.4 not an image", "bukan gambar"),
        ("scan.html", b"<script>alert(1)</script>", "Jenis berkas tidak diterima"),
    ],
)
def test_bad_documents_are_refused_and_nothing_is_saved(name, content, message, product, staf, media_dirs):
    with pytest.raises(ValidationError, match=message):
        certification_save(
            actor=staf, product=product, jenis=T.NIB, nomor="9120301234567", document=upload(name, content)
        )
    assert not Certification.objects.exists()
    assert stored_files(media_dirs / "private") == []


def test_replacing_a_document_removes_the_old_file(product, staf, media_dirs, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        cert = certification_save(
            actor=staf, product=product, jenis=T.NIB, nomor="9120301234567", document=upload("a.pdf", PDF_BYTES)
        )
    old = cert.dokumen.name
    with django_capture_on_commit_callbacks(execute=True):
        cert = certification_save(actor=staf, product=product, certification=cert, document=upload("b.pdf", PDF_BYTES))
    files = stored_files(media_dirs / "private")
    assert len(files) == 1 and not files[0].as_posix().endswith(old)


def test_delete_removes_row_and_file_with_history(product, staf, media_dirs, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        cert = certification_save(
            actor=staf, product=product, jenis=T.NIB, nomor="9120301234567", document=upload("a.pdf", PDF_BYTES)
        )
    with django_capture_on_commit_callbacks(execute=True):
        certification_delete(actor=staf, certification=cert)
    assert not Certification.objects.exists()
    assert stored_files(media_dirs / "private") == []
    assert Certification.history.filter(history_type="-", history_user=staf).exists()


@pytest.mark.parametrize("persona", ["pimpinan", "petugas_a"])
def test_read_only_roles_cannot_write_certificates(persona, product, request):
    with pytest.raises(PermissionDenied):
        certification_save(actor=request.getfixturevalue(persona), product=product, jenis=T.NIB, nomor="9120301234567")
    assert not Certification.objects.exists()
