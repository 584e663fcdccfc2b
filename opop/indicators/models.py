"""The programme's indicator dictionary, its versioned target register and the figures recorded from other sources
(before the portal counted them): reference data that plans (programs) point at and the dashboards read. The tables
keep the names they had under opop.dashboard."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from opop.common.years import FIRST_YEAR, LAST_YEAR


class SatuanHitung(models.TextChoices):
    ORANG = "orang", _("orang")
    PRODUK = "produk", _("produk")
    PESANTREN = "pesantren", _("pesantren")
    KOPERASI = "koperasi", _("koperasi")


class Indicator(models.Model):
    """An entry of the indicator dictionary: what a number counts and how."""

    kode = models.SlugField(_("kode"), max_length=40, unique=True)
    nama = models.CharField(_("nama"), max_length=150)
    definisi = models.TextField(_("definisi"))
    satuan = models.CharField(_("satuan hitung"), max_length=20, choices=SatuanHitung.choices)
    aturan_hitung = models.TextField(_("aturan penghitungan"))
    kumulatif = models.BooleanField(_("kumulatif"), default=True, help_text=_("Tidak dicentang: per tahun."))
    sumber = models.CharField(_("sumber data"), max_length=200)
    urutan = models.PositiveSmallIntegerField(_("urutan tampil"), default=0)

    class Meta:
        db_table = "dashboard_indicator"
        verbose_name = _("indikator")
        verbose_name_plural = _("kamus indikator")
        ordering = ["urutan", "kode"]

    def __str__(self):
        return self.nama

    def get_absolute_url(self):
        return f"{reverse('dashboard:targets')}#ind-{self.kode}"


class Target(models.Model):
    """One version of a target value. A restated target adds a row; the old one stays as history."""

    indikator = models.ForeignKey(
        Indicator, verbose_name=_("indikator"), on_delete=models.PROTECT, related_name="targets"
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    nilai = models.PositiveBigIntegerField(_("nilai target"))
    sumber = models.CharField(_("dokumen sumber"), max_length=200)
    alasan = models.TextField(_("alasan perubahan"), blank=True)
    berlaku = models.BooleanField(_("berlaku"), default=True)
    dicatat_pada = models.DateTimeField(_("dicatat pada"), auto_now_add=True)
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicatat oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        db_table = "dashboard_target"
        verbose_name = _("target")
        verbose_name_plural = _("register target")
        ordering = ["indikator__urutan", "tahun", "-dicatat_pada"]
        constraints = [
            models.UniqueConstraint(
                fields=["indikator", "tahun"],
                condition=Q(berlaku=True),
                name="target_one_current_per_indicator_year",
                violation_error_message=_("Sudah ada target yang berlaku untuk indikator dan tahun ini."),
            ),
            models.CheckConstraint(
                condition=Q(tahun__gte=FIRST_YEAR, tahun__lte=LAST_YEAR),
                name="target_year_in_range",
                violation_error_message=_("Tahun target harus antara 2019 dan 2045."),
            ),
        ]

    def __str__(self):
        return f"{self.indikator} {self.tahun}: {self.nilai}"

    def get_absolute_url(self):
        return self.indikator.get_absolute_url()


class JenisSumber(models.TextChoices):
    FGD = "fgd", _("Paparan FGD / rapat resmi")
    PERS = "pers", _("Pemberitaan pers")
    LAPORAN = "laporan", _("Laporan tertulis")


class RecordedFigure(models.Model):
    """A realised figure reported outside the registry (an FGD slide, a press statement), kept as such with its
    source. Dashboards show it beside the registry count and never add the two together."""

    indikator = models.ForeignKey(
        Indicator, verbose_name=_("indikator"), on_delete=models.PROTECT, related_name="recorded_figures"
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"), help_text=_("Keadaan pada akhir tahun ini."))
    nilai = models.PositiveBigIntegerField(_("nilai tercatat"))
    jenis_sumber = models.CharField(_("jenis sumber"), max_length=10, choices=JenisSumber.choices)
    sumber = models.CharField(_("sumber"), max_length=250)
    catatan = models.TextField(_("catatan"), blank=True)
    dicatat_pada = models.DateTimeField(_("dicatat pada"), auto_now_add=True)

    history = HistoricalRecords(table_name="dashboard_historicalrecordedfigure")

    class Meta:
        db_table = "dashboard_recordedfigure"
        verbose_name = _("angka capaian tercatat")
        verbose_name_plural = _("angka capaian tercatat (FGD/pers)")
        ordering = ["indikator__urutan", "tahun", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["indikator", "tahun", "jenis_sumber"],
                name="recorded_figure_one_per_indicator_year_kind",
                violation_error_message=_("Angka dari jenis sumber ini untuk indikator dan tahun ini sudah ada."),
            ),
            models.CheckConstraint(
                condition=Q(tahun__gte=2015, tahun__lte=LAST_YEAR),
                name="recorded_figure_year_in_range",
                violation_error_message=_("Tahun harus antara 2015 dan 2045."),
            ),
        ]

    def __str__(self):
        return f"{self.indikator} {self.tahun}: {self.nilai} ({self.get_jenis_sumber_display()})"

    def get_absolute_url(self):
        return f"{reverse('dashboard:tonggak')}#tonggak-{self.indikator.kode}"
