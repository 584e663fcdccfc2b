"""The product list as a spreadsheet: the same rows as the screen with the same filters."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from opop.common.spreadsheet import Sheet
from products.forms import ProductFilterForm
from products.models import Certification, CertificationType
from products.selectors import filter_products, products_visible_to, readiness_of, with_readiness

CERT_COLUMNS = [
    CertificationType.NIB,
    CertificationType.PIRT,
    CertificationType.BPOM,
    CertificationType.HALAL,
    CertificationType.MEREK,
]


def product_headers():
    return [
        _("ID"),
        _("Nama produk"),
        _("Kategori"),
        _("Pesantren"),
        _("NSPP"),
        _("Kab/kota"),
        _("Status kurasi"),
        _("Tahun unggulan"),
        _("Harga (Rp)"),
        _("Satuan"),
        _("Kapasitas per bulan"),
        _("Jangkauan pasar"),
        _("Negara tujuan"),
        *[str(t.label) for t in CERT_COLUMNS],
        _("Kesiapan (%)"),
        _("Belum dipenuhi berikutnya"),
        _("Sertifikat kedaluwarsa"),
        _("Tautan OPOP Mart"),
    ]


def product_text_columns():
    """Identifier columns kept as text in XLSX: NSPP and the certificate numbers."""
    return [4, *range(13, 13 + len(CERT_COLUMNS))]


def product_rows(queryset):
    """`queryset` comes from `with_readiness`; certificates are fetched in one more query."""
    certificates = Prefetch(
        "sertifikasi", queryset=Certification.objects.order_by("jenis", "-berlaku_sampai", "id"), to_attr="cert_list"
    )
    for product in queryset.prefetch_related(certificates).iterator(chunk_size=500):
        numbers = {}
        for cert in product.cert_list:
            numbers.setdefault(cert.jenis, []).append(cert.nomor)
        readiness = readiness_of(product)
        yield [
            product.pk,
            product.nama,
            product.kategori.nama,
            product.pesantren.nama,
            product.pesantren.nspp,
            product.pesantren.kabkota.nama,
            product.get_status_kurasi_display(),
            product.tahun_unggulan,
            product.harga,
            product.satuan,
            product.kapasitas_bulanan,
            product.get_jangkauan_pasar_display(),
            product.negara_tujuan,
            *["; ".join(numbers.get(t, [])) for t in CERT_COLUMNS],
            readiness.score,
            str(readiness.next_missing or ""),
            product.ada_kedaluwarsa,
            product.tautan_opop_mart,
        ]


def product_sheet(user, query):
    """The product list as `user` sees it with the filters of `query` (the list page's query string): answered in
    the request when small, written by a background job when large (opop.jobs.exports)."""
    form = ProductFilterForm(query or None, user=user)
    products = filter_products(with_readiness(products_visible_to(user)), **form.filters())
    return Sheet(
        stem="produk-opop",
        headers=product_headers(),
        rows=lambda: product_rows(products),
        queryset=products,
        text_columns=tuple(product_text_columns()),
    )
