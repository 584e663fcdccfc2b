"""The curators' part of 'Perlu tindakan Anda': products waiting per curation step, certificates ending soon."""

import datetime

from django.utils import timezone

from opop.dashboard.worklist import worklist
from products.models import CertificationType, CurationStatus
from products.services import certification_save


def _items(user):
    return {item.key: item for item in worklist(user)}


def test_staf_sees_products_per_waiting_step_with_links(staf, make_product):
    make_product()
    make_product()
    make_product(status=CurationStatus.DIKURASI)
    make_product(status=CurationStatus.UNGGULAN)  # done: not waiting
    item = _items(staf)["kurasi"]
    assert item.count == 3
    assert item.rows == [("Terdaftar", "2", "/produk/?status=terdaftar"), ("Dikurasi", "1", "/produk/?status=dikurasi")]


def test_staf_sees_products_whose_certificates_end_within_90_days(staf, make_product):
    soon, later = make_product(), make_product()
    today = timezone.localdate()
    certification_save(
        actor=staf,
        product=soon,
        jenis=CertificationType.PIRT,
        nomor="2063517010123-20",
        berlaku_sampai=today + datetime.timedelta(days=30),
    )
    certification_save(
        actor=staf,
        product=later,
        jenis=CertificationType.PIRT,
        nomor="2063517010124-20",
        berlaku_sampai=today + datetime.timedelta(days=200),
    )
    item = _items(staf)["sertifikat"]
    assert (item.count, item.url) == (1, "/produk/?kesiapan=segera_kedaluwarsa")


def test_leadership_and_officers_get_no_curation_items(pimpinan, petugas_a, make_product):
    make_product()
    assert "kurasi" not in _items(pimpinan)
    assert "kurasi" not in _items(petugas_a)
