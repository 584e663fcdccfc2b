import datetime

from django.db.models import Count
from django.utils import timezone

from opop.accounts.demo import seed_demo_users
from opop.wilayah.models import KabupatenKota
from pesantren.models import Pesantren
from pesantren.services import pesantren_save
from products.demo import DEMO_PESANTREN, seed_demo_products
from products.models import Certification, CurationEvent, Product, ProductPhoto
from products.selectors import unggulan_per_year


def test_demo_catalogue_is_rich_and_idempotent(db, admin):
    seed_demo_users()
    # Another engineer's demo may have created Tebuireng already: it is reused, not duplicated.
    jombang = KabupatenKota.objects.get(kode="35.17")
    existing = pesantren_save(actor=admin, nspp="510035170239", nama="Pondok Pesantren Tebuireng", kabkota=jombang)
    created = seed_demo_products()
    assert created == Product.objects.count() == 60
    assert Pesantren.objects.count() == len(DEMO_PESANTREN)
    assert Product.objects.filter(pesantren=existing).exists()

    by_status = dict(Product.objects.values_list("status_kurasi").annotate(n=Count("id")))
    assert set(by_status) == {"terdaftar", "diverifikasi", "dikurasi", "unggulan", "tidak_lolos"}
    per_year = {year: n for year, n, _ in unggulan_per_year(last_year=2024)}
    assert all(per_year[y] > 0 for y in range(2019, 2025))
    assert Product.objects.values("kategori").distinct().count() == 8
    assert ProductPhoto.objects.exists() and CurationEvent.objects.exists()
    today = timezone.localdate()
    assert Certification.objects.filter(berlaku_sampai__lt=today).exists()
    assert Certification.objects.filter(
        berlaku_sampai__gte=today, berlaku_sampai__lte=today + datetime.timedelta(days=90)
    ).exists()

    counts = (Product.objects.count(), Certification.objects.count(), ProductPhoto.objects.count())
    assert seed_demo_products() == 0
    assert (Product.objects.count(), Certification.objects.count(), ProductPhoto.objects.count()) == counts


def test_without_staff_user_nothing_is_created(db):
    assert seed_demo_products() == 0
    assert not Product.objects.exists()
