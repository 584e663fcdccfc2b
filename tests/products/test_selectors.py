"""Readiness from the certificate checklist, the list filters built on it, and the dashboard aggregates
(checked against hand-counted fixtures)."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from products.models import CertificationType, CurationStatus, Product
from products.selectors import (
    filter_products,
    products_visible_to,
    public_products,
    readiness_of,
    status_counts,
    unggulan_per_category,
    unggulan_per_kabkota,
    unggulan_per_year,
    with_readiness,
)
from products.services import certification_save

T = CertificationType
S = CurationStatus
TODAY = timezone.localdate()


def _cert(actor, product, jenis, nomor, until=None):
    return certification_save(actor=actor, product=product, jenis=jenis, nomor=nomor, berlaku_sampai=until)


def _annotated(product):
    return with_readiness(Product.objects.select_related("kategori")).get(pk=product.pk)


def test_food_product_needs_nib_izin_edar_halal_and_merek(product, staf):
    readiness = readiness_of(_annotated(product))
    assert readiness.score == 0
    missing = [str(m) for m in readiness.missing]
    assert missing == ["NIB", "Izin edar (P-IRT atau BPOM)", "Sertifikat halal", "Merek/HKI"]
    assert str(readiness.next_missing) == "NIB"

    _cert(staf, product, T.NIB, "9120301234567")
    _cert(staf, product, T.PIRT, "2063517010123-40")
    readiness = readiness_of(_annotated(product))
    assert readiness.score == 50
    assert str(readiness.next_missing) == "Sertifikat halal"

    _cert(staf, product, T.HALAL, "ID35110000123450122")
    _cert(staf, product, T.MEREK, "IDM000812345")
    readiness = readiness_of(_annotated(product))
    assert (readiness.score, readiness.next_missing, readiness.complete) == (100, None, True)


def test_bpom_satisfies_izin_edar_too(product, staf):
    _cert(staf, product, T.BPOM, "MD 224113001234")
    assert "Izin edar (P-IRT atau BPOM)" in [str(d) for d in readiness_of(_annotated(product)).done]


def test_craft_product_needs_only_nib_and_merek(make_product, kerajinan, staf):
    craft = make_product(kategori=kerajinan)
    _cert(staf, craft, T.NIB, "9120301234567")
    readiness = readiness_of(_annotated(craft))
    assert readiness.score == 50
    assert [str(m) for m in readiness.missing] == ["Merek/HKI"]


def test_an_expired_certificate_does_not_count(product, staf):
    _cert(staf, product, T.NIB, "9120301234567", until=TODAY - datetime.timedelta(days=1))
    annotated = _annotated(product)
    assert annotated.punya_nib is False and annotated.ada_kedaluwarsa is True
    _cert(staf, product, T.NIB, "9120301234568", until=TODAY)  # valid through today
    annotated = _annotated(product)
    assert annotated.punya_nib is True and annotated.ada_segera_kedaluwarsa is True


@pytest.fixture
def catalogue(make_product, kerajinan, other_pesantren, staf):
    """Hand-counted: ready (food, complete), halal_gap (food, no halal), craft (complete for its category),
    expired (food, P-IRT expired), expiring (food, NIB expiring in 10 days)."""
    ready = make_product(nama="Siap")
    for jenis, nomor in [
        (T.NIB, "9120301234567"),
        (T.PIRT, "2063517010123-40"),
        (T.HALAL, "ID35110000123450122"),
        (T.MEREK, "IDM1"),
    ]:
        _cert(staf, ready, jenis, nomor)
    halal_gap = make_product(nama="Tanpa halal")
    _cert(staf, halal_gap, T.NIB, "9120301234567")
    craft = make_product(nama="Anyaman", kategori=kerajinan, pesantren=other_pesantren)
    _cert(staf, craft, T.NIB, "9120301234567")
    _cert(staf, craft, T.MEREK, "IDM2")
    expired = make_product(nama="Kedaluwarsa")
    _cert(staf, expired, T.PIRT, "2063517010123-20")
    expiring = make_product(nama="Segera")
    _cert(staf, expiring, T.NIB, "9120301234567", until=TODAY + datetime.timedelta(days=10))
    return {"ready": ready, "halal_gap": halal_gap, "craft": craft, "expired": expired, "expiring": expiring}


@pytest.mark.parametrize(
    ("kesiapan", "expected"),
    [
        ("siap_ekspor", {"ready", "craft"}),
        ("belum_halal", {"halal_gap", "expired", "expiring"}),
        ("belum_nib", {"expired"}),
        ("belum_izin_edar", {"halal_gap", "expired", "expiring"}),
        ("belum_merek", {"halal_gap", "expired", "expiring"}),
        ("kedaluwarsa", {"expired"}),
        ("segera_kedaluwarsa", {"expiring"}),
    ],
)
def test_readiness_filters(kesiapan, expected, catalogue, staf):
    found = filter_products(with_readiness(products_visible_to(staf)), kesiapan=kesiapan)
    names = {key for key, product in catalogue.items() if product in found}
    assert names == expected


def test_filters_by_category_kabkota_pesantren_status_year(make_product, kerajinan, other_pesantren, staf):
    a = make_product(status=S.UNGGULAN, year=2021)
    b = make_product(kategori=kerajinan, pesantren=other_pesantren, status=S.UNGGULAN, year=2023)
    c = make_product(status=S.DIKURASI)
    base = with_readiness(products_visible_to(staf))
    assert set(filter_products(base, kategori=kerajinan)) == {b}
    assert set(filter_products(base, kabkota=other_pesantren.kabkota)) == {b}
    assert set(filter_products(base, pesantren=a.pesantren)) == {a, c}
    assert set(filter_products(base, status=S.UNGGULAN)) == {a, b}
    assert set(filter_products(base, tahun=2021)) == {a}
    assert set(filter_products(base, q="uji")) == {a, b, c}
    assert status_counts(base) | {} == {**{s: 0 for s in S.values}, "total": 3, S.UNGGULAN: 2, S.DIKURASI: 1}


def test_anonymous_sees_no_staff_list(product):
    assert not products_visible_to(AnonymousUser()).exists()


@pytest.mark.parametrize("persona", ["admin", "staf", "pimpinan", "petugas_a"])
def test_every_role_reads_the_catalogue(persona, product, request):
    assert product in products_visible_to(request.getfixturevalue(persona))


def test_public_products_are_exactly_the_unggulan(make_product):
    shown = {make_product(status=S.UNGGULAN, year=2020), make_product(status=S.UNGGULAN, year=2024)}
    for status in (S.TERDAFTAR, S.DIVERIFIKASI, S.DIKURASI, S.TIDAK_LOLOS):
        make_product(status=status)
    assert set(public_products()) == shown


def test_unggulan_per_year_is_cumulative(make_product):
    for year, n in [(2019, 2), (2020, 1), (2022, 3)]:
        for _ in range(n):
            make_product(status=S.UNGGULAN, year=year)
    make_product(status=S.DIKURASI)  # not counted
    rows = unggulan_per_year(last_year=2024)
    assert rows == [(2019, 2, 2), (2020, 1, 3), (2021, 0, 3), (2022, 3, 6), (2023, 0, 6), (2024, 0, 6)]


def test_unggulan_per_kabkota_and_category(make_product, kerajinan, other_pesantren):
    make_product(status=S.UNGGULAN)
    make_product(status=S.UNGGULAN)
    make_product(status=S.UNGGULAN, pesantren=other_pesantren, kategori=kerajinan)
    make_product(status=S.DIKURASI, pesantren=other_pesantren)
    assert unggulan_per_kabkota() == [
        {"kode": "35.17", "nama": "Kabupaten Jombang", "jumlah": 2},
        {"kode": "35.71", "nama": "Kota Kediri", "jumlah": 1},
    ]
    per_category = {row["nama"]: row["jumlah"] for row in unggulan_per_category()}
    assert per_category["Makanan & minuman"] == 2 and per_category["Kerajinan"] == 1
    assert len(per_category) == 8 and sum(per_category.values()) == 3


def test_aggregates_take_a_scoped_queryset(make_product, staf):
    make_product(status=S.UNGGULAN, year=2019)
    rows = unggulan_per_year(products_visible_to(staf), last_year=2019)
    assert rows == [(2019, 1, 1)]
