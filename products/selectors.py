"""Reads of the catalogue, narrowed to the viewer, and the aggregates the dashboards use.

Readiness is computed in SQL: each checklist item is an `Exists` over the product's certificates that are still
valid today, so lists can filter on gaps ("belum halal", "siap ekspor") without loading certificates."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opop.accounts.roles import Role
from opop.common.querysets import filter_given
from products.models import (
    EXPIRING_WITHIN_DAYS,
    Certification,
    CertificationType,
    CurationStatus,
    Product,
    ProductCategory,
    ProductPhoto,
)


def _signed_in(user):
    return getattr(user, "is_authenticated", False) and user.role in Role.values


# --- readiness -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChecklistItem:
    key: str  # annotation name
    label: str
    types: tuple  # any valid certificate of these types satisfies the item
    category_flag: str | None = None  # the category flag that makes the item required (None: always)


CHECKLIST = [
    ChecklistItem("punya_nib", _("NIB"), (CertificationType.NIB,)),
    ChecklistItem(
        "punya_izin_edar",
        _("Izin edar (P-IRT atau BPOM)"),
        (CertificationType.PIRT, CertificationType.BPOM),
        "perlu_izin_edar",
    ),
    ChecklistItem("punya_halal", _("Sertifikat halal"), (CertificationType.HALAL,), "perlu_halal"),
    ChecklistItem("punya_merek", _("Merek/HKI"), (CertificationType.MEREK,)),
]


def _valid_certificate(types, today):
    return Exists(
        Certification.objects.filter(produk=OuterRef("pk"), jenis__in=types).filter(
            Q(berlaku_sampai__isnull=True) | Q(berlaku_sampai__gte=today)
        )
    )


def with_readiness(queryset, today=None):
    """Annotate each product with one boolean per checklist item and flags for expired/expiring certificates."""
    today = today or timezone.localdate()
    soon = today + datetime.timedelta(days=EXPIRING_WITHIN_DAYS)
    annotations = {item.key: _valid_certificate(item.types, today) for item in CHECKLIST}
    annotations["ada_kedaluwarsa"] = Exists(
        Certification.objects.filter(produk=OuterRef("pk"), berlaku_sampai__lt=today)
    )
    annotations["ada_segera_kedaluwarsa"] = Exists(
        Certification.objects.filter(produk=OuterRef("pk"), berlaku_sampai__gte=today, berlaku_sampai__lte=soon)
    )
    return queryset.annotate(**annotations)


@dataclass
class Readiness:
    score: int  # 0-100
    done: list
    missing: list

    @property
    def next_missing(self):
        return self.missing[0] if self.missing else None

    @property
    def complete(self):
        return not self.missing


def readiness_of(product):
    """The checklist for one product annotated by `with_readiness` (no query)."""
    done, missing = [], []
    for item in CHECKLIST:
        if item.category_flag and not getattr(product.kategori, item.category_flag):
            continue
        (done if getattr(product, item.key) else missing).append(item.label)
    total = len(done) + len(missing)
    return Readiness(score=round(100 * len(done) / total) if total else 100, done=done, missing=missing)


def _item_satisfied(item):
    q = Q(**{item.key: True})
    if item.category_flag:
        q |= Q(**{f"kategori__{item.category_flag}": False})
    return q


def _gap(item):
    q = Q(**{item.key: False})
    if item.category_flag:
        q &= Q(**{f"kategori__{item.category_flag}": True})
    return q


_BY_KEY = {item.key: item for item in CHECKLIST}

# Readiness filters of the lists: value -> (label, Q on a queryset annotated by `with_readiness`).
READINESS_FILTERS = {
    "siap_ekspor": (
        _("Siap ekspor (checklist lengkap, tidak ada yang kedaluwarsa)"),
        Q(*[_item_satisfied(i) for i in CHECKLIST]) & Q(ada_kedaluwarsa=False),
    ),
    "belum_nib": (_("Belum NIB"), _gap(_BY_KEY["punya_nib"])),
    "belum_izin_edar": (_("Belum izin edar (P-IRT/BPOM)"), _gap(_BY_KEY["punya_izin_edar"])),
    "belum_halal": (_("Belum halal"), _gap(_BY_KEY["punya_halal"])),
    "belum_merek": (_("Belum merek/HKI"), _gap(_BY_KEY["punya_merek"])),
    "kedaluwarsa": (_("Ada sertifikat kedaluwarsa"), Q(ada_kedaluwarsa=True)),
    "segera_kedaluwarsa": (
        _("Ada sertifikat segera kedaluwarsa (%(days)s hari)") % {"days": EXPIRING_WITHIN_DAYS},
        Q(ada_segera_kedaluwarsa=True),
    ),
}


# --- staff lists ---------------------------------------------------------------------------------------------


def products_visible_to(user):
    """Every signed-in role reads the catalogue (products hold no personal data); only writers change it."""
    if not _signed_in(user):
        return Product.objects.none()
    return Product.objects.select_related("pesantren", "pesantren__kabkota", "kategori")


def categories_visible_to(user):
    return ProductCategory.objects.all()


def first_photo_prefetch():
    return Prefetch("foto", queryset=ProductPhoto.objects.order_by("urutan", "id"), to_attr="foto_list")


def filter_products(queryset, *, q="", kategori=None, kabkota=None, pesantren=None, status="", tahun=None, kesiapan=""):
    """Apply the list filters; `queryset` must come from `with_readiness` when `kesiapan` is given."""
    if q:
        queryset = queryset.filter(Q(nama__icontains=q) | Q(pesantren__nama__icontains=q))
    queryset = filter_given(
        queryset,
        kategori=kategori,
        pesantren__kabkota=kabkota,
        pesantren=pesantren,
        status_kurasi=status,
        tahun_unggulan=tahun,
    )
    if kesiapan in READINESS_FILTERS:
        queryset = queryset.filter(READINESS_FILTERS[kesiapan][1])
    return queryset


def status_counts(queryset):
    """Products per curation status, in one query."""
    return queryset.aggregate(
        total=Count("id"), **{s: Count("id", filter=Q(status_kurasi=s)) for s in CurationStatus.values}
    )


def certifications_of(product):
    return product.sertifikasi.select_related("diverifikasi_oleh", "produk__pesantren__kabkota").order_by(
        "jenis", "-berlaku_sampai", "id"
    )


def curation_timeline(product):
    return product.riwayat_kurasi.select_related("oleh").order_by("-pada", "-id")


def designation_years(queryset):
    return sorted(
        queryset.exclude(tahun_unggulan__isnull=True).values_list("tahun_unggulan", flat=True).distinct(), reverse=True
    )


# --- public catalogue ----------------------------------------------------------------------------------------


def public_products():
    """What anyone may see: designated (unggulan) products only."""
    return Product.objects.filter(status_kurasi=CurationStatus.UNGGULAN).select_related(
        "pesantren", "pesantren__kabkota", "kategori"
    )


def _valid_certificates():
    today = timezone.localdate()
    return Certification.objects.filter(Q(berlaku_sampai__isnull=True) | Q(berlaku_sampai__gte=today))


def public_certifications(product):
    """Certificates held (still valid) by a public product; the template shows numbers only where public."""
    return _valid_certificates().filter(produk=product).order_by("jenis", "id")


def held_certificates_prefetch():
    """For catalogue cards: the valid certificates of each product, as `sertifikat_list`."""
    return Prefetch("sertifikasi", queryset=_valid_certificates().order_by("jenis", "id"), to_attr="sertifikat_list")


# --- dashboard aggregates ------------------------------------------------------------------------------------


def unggulan_per_year(queryset=None, *, first_year=2019, last_year=None):
    """[(year, designated that year, cumulative up to that year)] for first_year..last_year."""
    queryset = public_products() if queryset is None else queryset.filter(status_kurasi=CurationStatus.UNGGULAN)
    last_year = last_year or timezone.localdate().year
    per_year = dict(
        queryset.order_by().values_list("tahun_unggulan").annotate(n=Count("id")).values_list("tahun_unggulan", "n")
    )
    before = sum(n for year, n in per_year.items() if year < first_year)
    rows, running = [], before
    for year in range(first_year, last_year + 1):
        running += per_year.get(year, 0)
        rows.append((year, per_year.get(year, 0), running))
    return rows


def unggulan_designated_per_year(queryset):
    """{year: products of `queryset` designated unggulan that year}."""
    rows = (
        queryset.filter(status_kurasi=CurationStatus.UNGGULAN, tahun_unggulan__isnull=False)
        .order_by()
        .values("tahun_unggulan")
        .annotate(n=Count("id"))
    )
    return {row["tahun_unggulan"]: row["n"] for row in rows}


def unggulan_per_kabkota(queryset=None):
    """[{kode, nama, jumlah}] for kab/kota with at least one unggulan product, most first."""
    queryset = public_products() if queryset is None else queryset.filter(status_kurasi=CurationStatus.UNGGULAN)
    rows = (
        queryset.order_by()
        .values("pesantren__kabkota__kode", "pesantren__kabkota__nama")
        .annotate(jumlah=Count("id"))
        .order_by("-jumlah", "pesantren__kabkota__kode")
    )
    return [
        {"kode": r["pesantren__kabkota__kode"], "nama": r["pesantren__kabkota__nama"], "jumlah": r["jumlah"]}
        for r in rows
    ]


def unggulan_per_category(queryset=None):
    """[{id, nama, jumlah}] for every category (zero included), in category order."""
    queryset = public_products() if queryset is None else queryset.filter(status_kurasi=CurationStatus.UNGGULAN)
    return list(
        ProductCategory.objects.annotate(jumlah=Count("produk", filter=Q(produk__in=queryset.values("pk"))))
        .values("id", "nama", "jumlah")
        .order_by("urutan", "nama")
    )


def category_names():
    """[(kode, nama)] of every product category, in category order."""
    return list(ProductCategory.objects.order_by("urutan", "nama").values_list("kode", "nama"))


def certification_types():
    """[(jenis, label)] of the certificate kinds."""
    return list(CertificationType.choices)


def unggulan_per_kabkota_category(queryset=None):
    """{(kab/kota kode, category kode): unggulan products of `queryset`}, one GROUP BY (pairs without one left out)."""
    queryset = public_products() if queryset is None else queryset.filter(status_kurasi=CurationStatus.UNGGULAN)
    rows = queryset.order_by().values("pesantren__kabkota_id", "kategori__kode").annotate(n=Count("id"))
    return {(r["pesantren__kabkota_id"], r["kategori__kode"]): r["n"] for r in rows}


def unggulan_certified_per_kabkota(queryset, on_date):
    """{(kab/kota kode, certificate kind): unggulan products of `queryset` holding a certificate of that kind on
    `on_date` (issued by then, or undated, and not expired)}, one GROUP BY."""
    held = Certification.objects.filter(
        Q(berlaku_sampai__isnull=True) | Q(berlaku_sampai__gte=on_date),
        Q(tanggal_terbit__isnull=True) | Q(tanggal_terbit__lte=on_date),
        produk__in=queryset.filter(status_kurasi=CurationStatus.UNGGULAN).values("pk"),
    )
    rows = held.order_by().values("produk__pesantren__kabkota_id", "jenis").annotate(n=Count("produk", distinct=True))
    return {(r["produk__pesantren__kabkota_id"], r["jenis"]): r["n"] for r in rows}


# ---------------------------------------------------------------- what waits for the curators (home page worklist)

CURATION_OPEN = [CurationStatus.TERDAFTAR, CurationStatus.DIVERIFIKASI, CurationStatus.DIKURASI]


def curation_waiting(user):
    """Products waiting for their next curation step, per status ([(label, status, n)]), in one query."""
    rows = (
        products_visible_to(user)
        .filter(status_kurasi__in=CURATION_OPEN)
        .values("status_kurasi")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = {row["status_kurasi"]: row["n"] for row in rows}
    return [(CurationStatus(s).label, s, counts[s]) for s in CURATION_OPEN if counts.get(s)]


def products_with_certificates_expiring(user, *, today=None):
    """How many products hold a certificate that ends within EXPIRING_WITHIN_DAYS (one query)."""
    today = today or timezone.localdate()
    soon = today + datetime.timedelta(days=EXPIRING_WITHIN_DAYS)
    expiring = Certification.objects.filter(produk=OuterRef("pk"), berlaku_sampai__gte=today, berlaku_sampai__lte=soon)
    return products_visible_to(user).filter(Exists(expiring)).count()
