import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from opop.common.models import TimeStampedModel
from opop.common.storage import private_storage
from opop.common.years import programme_year_validators
from pesantren.models import Pesantren
from products import validators as v

DESIGNATION_YEAR_VALIDATORS = programme_year_validators()
EXPIRING_WITHIN_DAYS = 90


class ProductCategory(models.Model):
    """Product category of PRODUCT.md §2; admins add or rename them. The two flags say which certificates
    the readiness checklist requires for products of this category."""

    kode = models.SlugField(_("kode"), max_length=40, unique=True)
    nama = models.CharField(_("nama"), max_length=80, unique=True)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)
    perlu_izin_edar = models.BooleanField(
        _("perlu izin edar (P-IRT/BPOM)"), default=False, help_text=_("Pangan olahan, obat tradisional, kosmetik.")
    )
    perlu_halal = models.BooleanField(_("perlu sertifikat halal"), default=False)
    aktif = models.BooleanField(_("aktif"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kategori produk")
        verbose_name_plural = _("kategori produk")
        ordering = ["urutan", "nama"]

    def __str__(self):
        return self.nama

    def get_absolute_url(self):
        return reverse("products:list") + f"?kategori={self.pk}"


class CurationStatus(models.TextChoices):
    TERDAFTAR = "terdaftar", _("Terdaftar")
    DIVERIFIKASI = "diverifikasi", _("Diverifikasi")
    DIKURASI = "dikurasi", _("Dikurasi")
    UNGGULAN = "unggulan", _("Unggulan")
    TIDAK_LOLOS = "tidak_lolos", _("Tidak lolos")


class MarketReach(models.TextChoices):
    LOKAL = "lokal", _("Lokal")
    RITEL_MODERN = "ritel_modern", _("Ritel modern")
    EKSPOR = "ekspor", _("Ekspor")


class Product(TimeStampedModel):
    nama = models.CharField(_("nama produk"), max_length=200)
    pesantren = models.ForeignKey(
        Pesantren, verbose_name=_("pesantren produsen"), on_delete=models.PROTECT, related_name="produk"
    )
    kategori = models.ForeignKey(
        ProductCategory, verbose_name=_("kategori"), on_delete=models.PROTECT, related_name="produk"
    )
    deskripsi = models.TextField(_("deskripsi"), blank=True)
    harga = models.DecimalField(
        _("harga (Rp)"),
        max_digits=15,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, _("Harga tidak boleh negatif."))],
    )
    satuan = models.CharField(
        _("satuan"), max_length=60, blank=True, help_text=_("Misalnya: bungkus 250 g, botol 500 ml, potong.")
    )
    kapasitas_bulanan = models.PositiveIntegerField(
        _("kapasitas produksi per bulan"), null=True, blank=True, help_text=_("Dalam satuan di atas.")
    )
    jangkauan_pasar = models.CharField(
        _("jangkauan pasar"), max_length=16, choices=MarketReach.choices, default=MarketReach.LOKAL
    )
    negara_tujuan = models.CharField(
        _("negara tujuan ekspor"),
        max_length=300,
        blank=True,
        help_text=_("Pisahkan dengan koma, misalnya: Malaysia, Arab Saudi."),
    )
    tautan_opop_mart = models.URLField(_("tautan OPOP Mart"), blank=True)
    status_kurasi = models.CharField(
        _("status kurasi"), max_length=16, choices=CurationStatus.choices, default=CurationStatus.TERDAFTAR
    )  # changed only by products.services.product_move; never in a form
    tahun_unggulan = models.PositiveSmallIntegerField(
        _("tahun penetapan unggulan"), null=True, blank=True, validators=DESIGNATION_YEAR_VALIDATORS
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("produk")
        verbose_name_plural = _("produk")
        ordering = ["nama", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status_kurasi="unggulan") | Q(tahun_unggulan__isnull=False),
                name="product_unggulan_has_year",
                violation_error_message=_("Produk unggulan wajib mempunyai tahun penetapan."),
            ),
            models.CheckConstraint(
                condition=Q(status_kurasi="unggulan") | Q(tahun_unggulan__isnull=True),
                name="product_year_only_when_unggulan",
                violation_error_message=_("Tahun penetapan hanya diisi untuk produk unggulan."),
            ),
            models.CheckConstraint(
                condition=Q(harga__isnull=True) | Q(harga__gte=0),
                name="product_price_not_negative",
                violation_error_message=_("Harga tidak boleh negatif."),
            ),
            models.CheckConstraint(
                condition=Q(status_kurasi__in=CurationStatus.values),
                name="product_status_known",
                violation_error_message=_("Status kurasi tidak dikenal."),
            ),
            models.UniqueConstraint(
                fields=["pesantren", "nama"],
                name="product_unique_name_per_pesantren",
                violation_error_message=_("Pesantren ini sudah mempunyai produk dengan nama yang sama."),
            ),
        ]
        indexes = [
            # Status tabs and counts of the product list; unggulan designated per year on the dashboard.
            models.Index(fields=["status_kurasi", "tahun_unggulan"], name="product_status_year"),
            # The product list and the public catalogue filtered by kategori, in name order.
            models.Index(fields=["kategori", "nama"], name="product_kategori_nama"),
        ]

    def __str__(self):
        return self.nama

    def get_absolute_url(self):
        return reverse("products:detail", args=[self.pk])

    def get_public_url(self):
        return reverse("katalog:detail", args=[self.pk])

    def clean(self):
        self.nama = " ".join((self.nama or "").split())
        self.negara_tujuan = ", ".join(c.strip() for c in (self.negara_tujuan or "").split(",") if c.strip())
        if self.jangkauan_pasar == MarketReach.EKSPOR and not self.negara_tujuan:
            raise ValidationError({"negara_tujuan": _("Sebutkan negara tujuan untuk produk ekspor.")})
        if self.jangkauan_pasar != MarketReach.EKSPOR and self.negara_tujuan:
            raise ValidationError({"negara_tujuan": _("Negara tujuan hanya diisi bila jangkauan pasar ekspor.")})

    @property
    def is_unggulan(self):
        return self.status_kurasi == CurationStatus.UNGGULAN

    @property
    def negara_list(self):
        return [c.strip() for c in self.negara_tujuan.split(",") if c.strip()]


PHOTO_DIR = "produk/foto/"  # the only public uploads: opop/urls.py (DEBUG) and nginx (docs/DEPLOY.md) serve just this


def photo_path(instance, filename):
    return f"{PHOTO_DIR}{filename}"


def document_path(instance, filename):
    return f"produk/sertifikat/{filename}"


class ProductPhoto(TimeStampedModel):
    """A photo as stored after re-encoding (JPEG, random name) with its thumbnail."""

    produk = models.ForeignKey(Product, verbose_name=_("produk"), on_delete=models.CASCADE, related_name="foto")
    gambar = models.ImageField(_("foto"), upload_to=photo_path, width_field="lebar", height_field="tinggi")
    thumbnail = models.ImageField(_("thumbnail"), upload_to=photo_path)
    lebar = models.PositiveIntegerField(_("lebar (px)"), default=0)
    tinggi = models.PositiveIntegerField(_("tinggi (px)"), default=0)
    keterangan = models.CharField(_("keterangan"), max_length=200, blank=True)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("foto produk")
        verbose_name_plural = _("foto produk")
        ordering = ["produk", "urutan", "id"]

    def __str__(self):
        return self.keterangan or f"{self.produk} #{self.pk}"

    def get_absolute_url(self):
        return self.produk.get_absolute_url() + "#foto"


class CertificationType(models.TextChoices):
    NIB = "nib", _("NIB")
    PIRT = "pirt", _("P-IRT")
    BPOM = "bpom", _("BPOM (MD/ML)")
    HALAL = "halal", _("Sertifikat halal")
    MEREK = "merek", _("Merek/HKI")
    SNI = "sni", _("SNI")
    HACCP = "haccp", _("HACCP")


# Certificates whose numbers the public catalogue shows (public by nature: printed on the package).
PUBLIC_NUMBER_TYPES = (CertificationType.HALAL, CertificationType.BPOM, CertificationType.PIRT)


class ExpiryState(models.TextChoices):
    BERLAKU = "berlaku", _("Berlaku")
    SEGERA = "segera", _("Segera kedaluwarsa")
    KEDALUWARSA = "kedaluwarsa", _("Kedaluwarsa")
    TANPA_BATAS = "tanpa_batas", _("Tanpa masa berlaku")


class Certification(TimeStampedModel):
    produk = models.ForeignKey(Product, verbose_name=_("produk"), on_delete=models.CASCADE, related_name="sertifikasi")
    jenis = models.CharField(_("jenis"), max_length=8, choices=CertificationType.choices)
    nomor = models.CharField(_("nomor"), max_length=100)
    tanggal_terbit = models.DateField(_("tanggal terbit"), null=True, blank=True)
    berlaku_sampai = models.DateField(
        _("berlaku sampai"),
        null=True,
        blank=True,
        help_text=_("Kosongkan bila tidak ada masa berlaku (sertifikat halal berlaku selama produk tidak berubah)."),
    )
    dokumen = models.FileField(_("dokumen"), upload_to=document_path, blank=True, storage=private_storage)
    diverifikasi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diverifikasi oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    diverifikasi_pada = models.DateTimeField(_("diverifikasi pada"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sertifikasi")
        verbose_name_plural = _("sertifikasi")
        ordering = ["produk", "jenis", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["produk", "jenis", "nomor"],
                name="certification_unique_number_per_product",
                violation_error_message=_("Sertifikat dengan jenis dan nomor ini sudah tercatat untuk produk ini."),
            ),
            models.CheckConstraint(
                condition=Q(berlaku_sampai__isnull=True)
                | Q(tanggal_terbit__isnull=True)
                | Q(berlaku_sampai__gte=models.F("tanggal_terbit")),
                name="certification_valid_after_issue",
                violation_error_message=_("Tanggal berlaku sampai tidak boleh sebelum tanggal terbit."),
            ),
            models.CheckConstraint(
                condition=Q(diverifikasi_oleh__isnull=True, diverifikasi_pada__isnull=True)
                | Q(diverifikasi_oleh__isnull=False, diverifikasi_pada__isnull=False),
                name="certification_verified_by_and_at",
                violation_error_message=_("Verifikasi mencatat siapa dan kapan sekaligus."),
            ),
        ]
        # Valid / expired / expiring-in-90-days certificate filters (products.selectors) by kind and end date.
        indexes = [models.Index(fields=["jenis", "berlaku_sampai"], name="certification_jenis_expiry")]

    def __str__(self):
        return f"{self.get_jenis_display()} {self.nomor}"

    def get_absolute_url(self):
        return self.produk.get_absolute_url() + "#sertifikasi"

    def clean(self):
        self.nomor = v.normalize_number(self.jenis, self.nomor)
        rule = v.FORMAT_RULES.get(self.jenis)
        if rule and self.nomor and not rule[0].match(self.nomor):
            raise ValidationError({"nomor": rule[1]})
        if self.jenis == CertificationType.PIRT and self.nomor and self.berlaku_sampai is None:
            # The number carries its expiry year; without a date the certificate runs to the end of that year.
            self.berlaku_sampai = datetime.date(v.pirt_expiry_year(self.nomor), 12, 31)

    # --- flags ---------------------------------------------------------------------------------------------

    def expiry_state(self, today=None):
        today = today or timezone.localdate()
        if self.berlaku_sampai is None:
            return ExpiryState.TANPA_BATAS
        if self.berlaku_sampai < today:
            return ExpiryState.KEDALUWARSA
        if self.berlaku_sampai <= today + datetime.timedelta(days=EXPIRING_WITHIN_DAYS):
            return ExpiryState.SEGERA
        return ExpiryState.BERLAKU

    @property
    def expiry(self):
        return self.expiry_state()

    @property
    def expiry_label(self):
        return ExpiryState(self.expiry_state()).label

    @property
    def is_valid_now(self):
        return self.expiry_state() != ExpiryState.KEDALUWARSA

    @property
    def warnings(self):
        """Soft checks: shown to staff, never blocking."""
        found = []
        if self.jenis == CertificationType.HALAL and not v.HALAL_RE.match(self.nomor or ""):
            found.append(_("Format nomor halal tidak seperti biasanya (ID diikuti 17 digit); periksa kembali."))
        if self.jenis == CertificationType.PIRT and v.PIRT_RE.match(self.nomor or ""):
            region = v.pirt_region_code(self.nomor)
            pesantren = self.produk.pesantren if self.produk_id else None
            if pesantren is not None and region != pesantren.kabkota.kode_bps:
                found.append(
                    _("Digit 4–7 nomor P-IRT (%(code)s) tidak sama dengan kode kab/kota produsen (%(kk)s).")
                    % {"code": region, "kk": pesantren.kabkota.kode_bps}
                )
            year = v.pirt_expiry_year(self.nomor)
            if self.berlaku_sampai and self.berlaku_sampai.year != year:
                found.append(
                    _("Digit 14–15 nomor P-IRT menunjukkan berlaku sampai %(year)s, berbeda dengan tanggal yang diisi.")
                    % {"year": year}
                )
        return found

    @property
    def number_is_public(self):
        return self.jenis in PUBLIC_NUMBER_TYPES

    @property
    def is_verified(self):
        return self.diverifikasi_pada is not None


class CurationEvent(models.Model):
    """One step of curation: who moved the product from which status to which, when, and why."""

    produk = models.ForeignKey(
        Product, verbose_name=_("produk"), on_delete=models.CASCADE, related_name="riwayat_kurasi"
    )
    dari = models.CharField(_("dari status"), max_length=16, choices=CurationStatus.choices)
    ke = models.CharField(_("ke status"), max_length=16, choices=CurationStatus.choices)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("oleh"), on_delete=models.PROTECT, related_name="+"
    )
    pada = models.DateTimeField(_("pada"), default=timezone.now)
    catatan = models.TextField(_("catatan/alasan"), blank=True)
    tahun_unggulan = models.PositiveSmallIntegerField(
        _("tahun penetapan"), null=True, blank=True, validators=DESIGNATION_YEAR_VALIDATORS
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("langkah kurasi")
        verbose_name_plural = _("langkah kurasi")
        ordering = ["-pada", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(dari=models.F("ke")),
                name="curation_event_changes_status",
                violation_error_message=_("Langkah kurasi harus mengubah status."),
            ),
        ]

    def __str__(self):
        return f"{self.produk}: {self.get_dari_display()} → {self.get_ke_display()}"

    def get_absolute_url(self):
        return self.produk.get_absolute_url() + "#kurasi"
