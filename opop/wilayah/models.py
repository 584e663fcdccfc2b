from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class JenisWilayah(models.TextChoices):
    KABUPATEN = "kabupaten", _("Kabupaten")
    KOTA = "kota", _("Kota")


class KabupatenKota(models.Model):
    """One of the 38 kabupaten/kota of Jawa Timur, keyed by its Kemendagri code (`35.17`)."""

    kode = models.CharField(
        _("kode Kemendagri"),
        max_length=5,
        primary_key=True,
        validators=[RegexValidator(r"^35\.\d{2}$", _("Kode kab/kota harus berbentuk 35.xx."))],
    )
    nama = models.CharField(_("nama"), max_length=100, unique=True)
    nama_pendek = models.CharField(_("nama pendek"), max_length=60)
    jenis = models.CharField(_("jenis"), max_length=10, choices=JenisWilayah.choices)
    penduduk = models.PositiveIntegerField(_("jumlah penduduk"), null=True, blank=True)
    luas_km2 = models.DecimalField(_("luas (km²)"), max_digits=10, decimal_places=3, null=True, blank=True)

    class Meta:
        verbose_name = _("kabupaten/kota")
        verbose_name_plural = _("kabupaten/kota")
        ordering = ["kode"]

    def __str__(self):
        return self.nama

    def get_absolute_url(self):
        return reverse("wilayah:detail", args=[self.kode])

    @property
    def kode_bps(self):
        """The code without the dot (`3517`), as BPS and NSPP digits 5-8 use it."""
        return self.kode.replace(".", "")


class Kecamatan(models.Model):
    kode = models.CharField(
        _("kode Kemendagri"),
        max_length=8,
        primary_key=True,
        validators=[RegexValidator(r"^35\.\d{2}\.\d{2}$", _("Kode kecamatan harus berbentuk 35.xx.xx."))],
    )
    nama = models.CharField(_("nama"), max_length=100)
    kabkota = models.ForeignKey(
        KabupatenKota, verbose_name=_("kabupaten/kota"), on_delete=models.PROTECT, related_name="kecamatan"
    )

    class Meta:
        verbose_name = _("kecamatan")
        verbose_name_plural = _("kecamatan")
        ordering = ["kode"]
        constraints = [
            models.UniqueConstraint(
                fields=["kabkota", "nama"],
                name="kecamatan_unique_name_per_kabkota",
                violation_error_message=_("Nama kecamatan sudah ada di kabupaten/kota ini."),
            )
        ]

    def __str__(self):
        return f"{self.nama}, {self.kabkota.nama_pendek}"

    def get_absolute_url(self):
        return f"{self.kabkota.get_absolute_url()}#kec-{self.kode}"
