"""OPD yearly commitments: a plan (Rencana) per OPD per year, its kegiatan, quarterly realisation and reports.

Workflow (services.py is the only place that moves a status):
    draf -> diajukan -> diverifikasi          (Staf Diskop verifies; a verified plan is locked)
               \\-> dikembalikan -> diajukan  (returned with Diskop's notes, editable again)
    diverifikasi -> draf                      (Admin reopens, with a reason; audited)
A quarterly report (LaporanTriwulan) follows the same statuses for the realisation of one quarter."""

import datetime
import re
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from opop.common.achievement import persen
from opop.common.formatting import ROMAWI, rupiah
from opop.common.formatting import tanggal as format_tanggal
from opop.common.models import TimeStampedModel
from opop.common.storage import private_storage
from opop.common.years import FIRST_YEAR, LAST_YEAR
from programs.capaian import QUARTERS, even_split, judge, to_date


class Status(models.TextChoices):
    DRAF = "draf", _("Draf")
    DIAJUKAN = "diajukan", _("Diajukan")
    DIKEMBALIKAN = "dikembalikan", _("Dikembalikan")
    DIVERIFIKASI = "diverifikasi", _("Diverifikasi")


EDITABLE_STATUSES = (Status.DRAF, Status.DIKEMBALIKAN)


class Pilar(models.TextChoices):
    SANTRIPRENEUR = "santripreneur", _("Santripreneur")
    PESANTRENPRENEUR = "pesantrenpreneur", _("Pesantrenpreneur")
    SOCIOPRENEUR = "sociopreneur", _("Sociopreneur")


# The indicators each pillar's work feeds. A line outside its pillar's indicators gets a warning (not an error: a
# pesantrenpreneur training may count its santri), on the form and on the plan page.
PILAR_INDICATORS = {
    Pilar.SANTRIPRENEUR: {"santripreneur"},
    Pilar.PESANTRENPRENEUR: {"produk-unggulan", "pesantren-opop"},
    Pilar.SOCIOPRENEUR: {"sociopreneur"},
}


class Satuan(models.TextChoices):
    ORANG = "orang", _("orang")
    PESANTREN = "pesantren", _("pesantren")
    PRODUK = "produk", _("produk")
    KOPERASI = "koperasi", _("koperasi")
    PAKET = "paket", _("paket")
    KEGIATAN = "kegiatan", _("kegiatan")
    KELOMPOK = "kelompok", _("kelompok")
    UNIT = "unit", _("unit")
    DOKUMEN = "dokumen", _("dokumen")


class SumberDana(models.TextChoices):
    APBD = "apbd", _("APBD")
    DAK = "dak", _("DAK")
    HIBAH = "hibah", _("Hibah")
    CSR = "csr", _("CSR")
    LAINNYA = "lainnya", _("Lainnya")


class LevelSipd(models.TextChoices):
    PROGRAM = "program", _("Program")
    KEGIATAN = "kegiatan", _("Kegiatan")
    SUB_KEGIATAN = "sub_kegiatan", _("Sub kegiatan")


# SIPD nomenclature (Kepmendagri 050-5889/2021): urusan.bidang.program[.kegiatan(2 parts)][.sub kegiatan]
SIPD_PATTERNS = {
    LevelSipd.PROGRAM: (r"^\d\.\d{2}\.\d{2}$", "X.XX.XX"),
    LevelSipd.KEGIATAN: (r"^\d\.\d{2}\.\d{2}\.\d\.\d{2}$", "X.XX.XX.X.XX"),
    LevelSipd.SUB_KEGIATAN: (r"^\d\.\d{2}\.\d{2}\.\d\.\d{2}\.\d{4}$", "X.XX.XX.X.XX.XXXX"),
}


def sipd_level_of(kode):
    """The nomenclature level a code has the shape of, or None."""
    for level, (pattern, _example) in SIPD_PATTERNS.items():
        if re.match(pattern, kode or ""):
            return level
    return None


class Triwulan(models.IntegerChoices):
    TW1 = 1, _("TW I (Jan–Mar)")
    TW2 = 2, _("TW II (Apr–Jun)")
    TW3 = 3, _("TW III (Jul–Sep)")
    TW4 = 4, _("TW IV (Okt–Des)")


# Every non-empty set of quarters written in order ("1", "12", "134", …).
TRIWULAN_SETS = sorted(
    {"".join(str(q) for q in range(1, 5) if mask & (1 << (q - 1))) for mask in range(1, 16)}, key=lambda s: (len(s), s)
)


class Kepatuhan(models.TextChoices):
    """Reporting compliance of one OPD for one quarter (the compliance board)."""

    BELUM_MULAI = "belum_mulai", _("Belum mulai")
    DRAF = "draf", _("Draf")
    DIAJUKAN = "diajukan", _("Diajukan")
    DIVERIFIKASI = "diverifikasi", _("Diverifikasi")
    TERLAMBAT = "terlambat", _("Terlambat")
    TANPA_TENGGAT = "tanpa_tenggat", _("Tenggat belum ditetapkan")
    # No verified plan, so no report can be made yet: the plan's own deadline passed without a submitted plan, or
    # not (the plan is not due yet, or it waits for Diskop's verification).
    BELUM_RENCANA = "belum_rencana", _("Belum mengajukan rencana")
    MENUNGGU_RENCANA = "menunggu_rencana", _("Menunggu rencana")


class Pengingat(models.Model):
    """A reminder Diskop sent by hand to one OPD's officers ("Kirim pengingat" on the compliance board): what it
    listed, who sent it and when. One per OPD and year within 24 hours (programs/chasing.py)."""

    opd = models.ForeignKey(
        "accounts.PerangkatDaerah", verbose_name=_("OPD"), on_delete=models.CASCADE, related_name="pengingat"
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    isi = models.TextField(_("isi pengingat"))
    dikirim_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("dikirim oleh"), on_delete=models.PROTECT, related_name="+"
    )
    dikirim_pada = models.DateTimeField(_("dikirim pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("pengingat")
        verbose_name_plural = _("pengingat")
        ordering = ["-dikirim_pada", "-id"]
        # The last reminder to an OPD for a year (the 24-hour rule and the board's "dikirim …").
        indexes = [models.Index(fields=["opd", "tahun", "-dikirim_pada"], name="pengingat_opd_tahun_terakhir")]

    def __str__(self):
        return f"{self.opd} {self.tahun} {self.dikirim_pada:%Y-%m-%d %H:%M}"


class Submission(TimeStampedModel):
    """Something an OPD submits and Diskop verifies or returns: a yearly plan, a quarterly report."""

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAF)
    diajukan_pada = models.DateTimeField(_("diajukan pada"), null=True, blank=True)
    diajukan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diajukan oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    diverifikasi_pada = models.DateTimeField(_("diverifikasi pada"), null=True, blank=True)
    diverifikasi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diverifikasi oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        abstract = True


class Rencana(Submission):
    """The yearly OPOP plan of one OPD."""

    opd = models.ForeignKey(
        "accounts.PerangkatDaerah", verbose_name=_("Perangkat Daerah"), on_delete=models.PROTECT, related_name="rencana"
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    catatan = models.TextField(
        _("catatan Diskop"), blank=True, help_text=_("Catatan saat dikembalikan atau alasan dibuka kembali.")
    )
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("dibuat oleh"), on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rencana program OPD")
        verbose_name_plural = _("rencana program OPD")
        ordering = ["-tahun", "opd__nama"]
        constraints = [
            models.UniqueConstraint(
                fields=["opd", "tahun"],
                name="rencana_one_per_opd_year",
                violation_error_message=_("OPD ini sudah memiliki rencana untuk tahun tersebut."),
            ),
            models.CheckConstraint(
                condition=Q(tahun__gte=FIRST_YEAR, tahun__lte=LAST_YEAR),
                name="rencana_year_in_range",
                violation_error_message=_("Tahun rencana harus antara 2019 dan 2045."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values),
                name="rencana_status_valid",
                violation_error_message=_("Status rencana tidak dikenal."),
            ),
        ]

    def __str__(self):
        return f"{self.opd} {self.tahun}"

    def get_absolute_url(self):
        return reverse("programs:detail", args=[self.pk])

    @property
    def is_editable(self):
        return self.status in EDITABLE_STATUSES

    @property
    def is_locked(self):
        return self.status == Status.DIVERIFIKASI


# What the OPD fills in on a kegiatan (its form, the upload, the change history compare these) and on a quarter's
# realisasi; the services write only these.
KEGIATAN_INPUT_FIELDS = [
    "level_sipd",
    "kode_sipd",
    "uraian",
    "pilar",
    "indikator",
    "indikator_kinerja",
    "target",
    "satuan",
    "pagu",
    "sumber_dana",
    "triwulan",
    "pptk",
]
REALISASI_INPUT_FIELDS = [
    "output",
    "fisik_persen",
    "anggaran_terserap",
    "penjelasan_anggaran",
    "permasalahan",
    "kategori_kendala",
    "faktor_pendorong",
    "faktor_penghambat",
]


@dataclass(frozen=True)
class Split:
    """A yearly figure of a plan line split over its quarters: four fields, the flag saying the split is even (kept by
    Kegiatan.save), the yearly field they add up to, and the messages of Kegiatan._clean_split."""

    prefix: str
    total: str
    unplanned: str
    mismatch: str
    zero: str = ""  # a planned quarter given 0 in an officer's own split is refused (the target's, not the money's)
    money: bool = False

    @property
    def fields(self):
        return [f"{self.prefix}_tw{q}" for q in QUARTERS]

    @property
    def flag(self):
        return f"{self.prefix}_dibagi_rata"

    @property
    def zero_refused(self):
        return bool(self.zero)

    def shown(self, value):
        return rupiah(value) if self.money else value


SPLITS = {
    "target": Split(
        "target",
        "target",
        unplanned=_("TW %(tw)s tidak termasuk triwulan pelaksanaan; kosongkan targetnya."),
        mismatch=_(
            "Jumlah target per triwulan %(sum)s tidak sama dengan target tahunan %(total)s; "
            "perbaiki, atau kosongkan keempatnya agar dibagi rata."
        ),
        zero=_(
            "TW %(tw)s termasuk triwulan pelaksanaan tetapi targetnya 0; isi targetnya, atau hapus centang TW %(tw)s."
        ),
    ),
    "kas": Split(
        "kas",
        "pagu",
        unplanned=_("TW %(tw)s tidak termasuk triwulan pelaksanaan; kosongkan anggaran kasnya."),
        mismatch=_(
            "Jumlah anggaran kas per triwulan %(sum)s tidak sama dengan pagu %(total)s; "
            "perbaiki, atau kosongkan keempatnya agar pagu dibagi rata."
        ),
        money=True,
    ),
}


class Kegiatan(TimeStampedModel):
    """One kegiatan of a plan: a SIPD program/kegiatan/sub kegiatan or a free-text activity."""

    rencana = models.ForeignKey(Rencana, verbose_name=_("rencana"), on_delete=models.CASCADE, related_name="kegiatan")
    # "No. 2" in Diskop's notes, on the page, in the XLSX: given once (kegiatan_create) and never reused or
    # renumbered while the plan is edited, so a note about No. 2 still means the same line after changes.
    nomor = models.PositiveSmallIntegerField(_("nomor"), null=True, blank=True, editable=False)
    level_sipd = models.CharField(
        _("tingkat nomenklatur SIPD"),
        max_length=20,
        choices=LevelSipd.choices,
        blank=True,
        help_text=_("Kosongkan untuk kegiatan di luar nomenklatur SIPD."),
    )
    kode_sipd = models.CharField(
        _("kode SIPD"),
        max_length=20,
        blank=True,
        help_text=_("Program X.XX.XX, kegiatan X.XX.XX.X.XX, sub kegiatan X.XX.XX.X.XX.XXXX (mis. 2.17.07.1.01.0002)."),
    )
    uraian = models.CharField(
        _("program / kegiatan / sub kegiatan"),
        max_length=500,
        help_text=_("Nama sesuai nomenklatur SIPD, atau uraian kegiatan di luar nomenklatur."),
    )
    pilar = models.CharField(_("pilar OPOP"), max_length=20, choices=Pilar.choices)
    indikator = models.ForeignKey(
        "indicators.Indicator",
        verbose_name=_("indikator OPOP"),
        on_delete=models.PROTECT,
        related_name="plan_lines",
        help_text=_("Indikator OPOP yang didukung kegiatan ini."),
    )
    indikator_kinerja = models.CharField(_("indikator kinerja"), max_length=300)
    target = models.PositiveIntegerField(
        _("target"), validators=[MinValueValidator(1, _("Target harus lebih dari nol."))]
    )
    # The yearly target split over the quarters (cumulative sums give the target to date, programs.capaian):
    # kept evenly over the planned quarters by save() while `target_dibagi_rata`, else as the officer set it.
    target_tw1 = models.PositiveIntegerField(_("target TW I"), default=0)
    target_tw2 = models.PositiveIntegerField(_("target TW II"), default=0)
    target_tw3 = models.PositiveIntegerField(_("target TW III"), default=0)
    target_tw4 = models.PositiveIntegerField(_("target TW IV"), default=0)
    target_dibagi_rata = models.BooleanField(
        _("target dibagi rata per triwulan"),
        default=True,
        help_text=_("Target tahunan dibagi rata ke triwulan pelaksanaan."),
    )
    satuan = models.CharField(_("satuan"), max_length=20, choices=Satuan.choices)
    pagu = models.DecimalField(
        _("pagu anggaran (Rp)"),
        max_digits=15,
        decimal_places=0,
        validators=[MinValueValidator(0, _("Pagu anggaran tidak boleh negatif."))],
    )
    # Anggaran kas: the pagu's planned disbursement per quarter (SIPD), split and kept like the target's (above);
    # spending to date is judged against its cumulative sum (Realisasi.keuangan).
    kas_tw1 = models.DecimalField(_("anggaran kas TW I (Rp)"), max_digits=15, decimal_places=0, default=0)
    kas_tw2 = models.DecimalField(_("anggaran kas TW II (Rp)"), max_digits=15, decimal_places=0, default=0)
    kas_tw3 = models.DecimalField(_("anggaran kas TW III (Rp)"), max_digits=15, decimal_places=0, default=0)
    kas_tw4 = models.DecimalField(_("anggaran kas TW IV (Rp)"), max_digits=15, decimal_places=0, default=0)
    kas_dibagi_rata = models.BooleanField(
        _("anggaran kas dibagi rata per triwulan"),
        default=True,
        help_text=_("Pagu dibagi rata ke triwulan pelaksanaan."),
    )
    sumber_dana = models.CharField(_("sumber dana"), max_length=20, choices=SumberDana.choices)
    lokasi = models.ManyToManyField(
        "wilayah.KabupatenKota",
        verbose_name=_("lokasi (kab/kota)"),
        blank=True,
        related_name="plan_lines",
        help_text=_("Kosongkan bila kegiatan berskala provinsi."),
    )
    triwulan = models.CharField(
        _("rencana triwulan pelaksanaan"),
        max_length=4,
        default="1234",
        help_text=_("Triwulan pelaksanaan, mis. 23 untuk TW II dan TW III."),
    )
    pptk = models.CharField(_("PPTK"), max_length=150, help_text=_("Pejabat Pelaksana Teknis Kegiatan."))
    perlu_ditinjau = models.BooleanField(
        _("perlu ditinjau"),
        default=False,
        editable=False,
        help_text=_("Disalin dari rencana tahun sebelumnya; target dan pagu belum ditinjau sejak itu."),
    )

    history = HistoricalRecords(m2m_fields=[lokasi])

    class Meta:
        verbose_name = _("kegiatan rencana")
        verbose_name_plural = _("kegiatan rencana")
        ordering = ["rencana", "nomor", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["rencana", "nomor"],
                name="kegiatan_one_number_per_plan",
                violation_error_message=_("Nomor kegiatan ini sudah dipakai dalam rencana yang sama."),
            ),
            models.CheckConstraint(
                condition=Q(target__gt=0),
                name="kegiatan_target_positive",
                violation_error_message=_("Target harus lebih dari nol."),
            ),
            models.CheckConstraint(
                condition=Q(pagu__gte=0),
                name="kegiatan_pagu_not_negative",
                violation_error_message=_("Pagu anggaran tidak boleh negatif."),
            ),
            models.CheckConstraint(
                condition=(Q(level_sipd="") & Q(kode_sipd="")) | (~Q(level_sipd="") & ~Q(kode_sipd="")),
                name="kegiatan_sipd_code_has_level",
                violation_error_message=_("Kode SIPD dan tingkat nomenklaturnya harus diisi bersama."),
            ),
            models.CheckConstraint(
                condition=Q(triwulan__in=TRIWULAN_SETS),
                name="kegiatan_quarters_valid",
                violation_error_message=_("Pilih minimal satu triwulan pelaksanaan."),
            ),
        ]

    def __str__(self):
        return f"{self.kode_sipd} {self.uraian}".strip()

    def get_absolute_url(self):
        return f"{self.rencana.get_absolute_url()}#kegiatan-{self.pk}"

    def save(self, *args, **kwargs):
        for split in SPLITS.values():
            if getattr(self, split.flag):
                self.set_split(split, even_split(getattr(self, split.total), self.triwulan))
        super().save(*args, **kwargs)

    def split_of(self, split):
        """The line's four quarterly figures of `split` (SPLITS), as stored."""
        return tuple(getattr(self, name) for name in split.fields)

    def set_split(self, split, values):
        if split.prefix == "target":
            self.target_split = values
        else:
            self.kas_split = values

    @property
    def target_split(self):
        return self.split_of(SPLITS["target"])

    @target_split.setter
    def target_split(self, values):
        self.target_tw1, self.target_tw2, self.target_tw3, self.target_tw4 = values

    @property
    def kas_split(self):
        return tuple(int(v or 0) for v in self.split_of(SPLITS["kas"]))

    @kas_split.setter
    def kas_split(self, values):
        self.kas_tw1, self.kas_tw2, self.kas_tw3, self.kas_tw4 = values

    def _due(self, split, triwulan):
        total = getattr(self, split.total)
        values = even_split(total, self.triwulan) if getattr(self, split.flag) else self.split_of(split)
        return to_date([int(v or 0) for v in values], triwulan)

    @property
    def target_per_triwulan(self):
        """(quarter, target) for each planned quarter, as the plan page lists them."""
        return [(q, n) for q, n in zip(QUARTERS, self.target_split, strict=True) if str(q) in (self.triwulan or "")]

    def target_sampai(self, triwulan):
        """The target due by the end of `triwulan`."""
        return self._due(SPLITS["target"], triwulan)

    def kas_sampai(self, triwulan):
        """The disbursement planned by the end of `triwulan` (anggaran kas to date)."""
        return self._due(SPLITS["kas"], triwulan)

    def _clean_split(self, split):
        total = getattr(self, split.total)
        if getattr(self, split.flag) or total is None:
            return
        errors = {}
        for q, value in zip(QUARTERS, self.split_of(split), strict=True):
            planned = str(q) in (self.triwulan or "")
            if value and not planned:
                errors[split.fields[q - 1]] = split.unplanned % {"tw": ROMAWI[q]}
            elif not value and planned and split.zero_refused:
                errors[split.fields[q - 1]] = split.zero % {"tw": ROMAWI[q]}
        given = sum(v or 0 for v in self.split_of(split))
        if given != total:
            shown = {"sum": split.shown(given), "total": split.shown(total)}
            errors.setdefault(split.fields[0], split.mismatch % shown)
        if errors:
            raise ValidationError(errors)

    def clean(self):
        super().clean()
        self.kode_sipd = (self.kode_sipd or "").strip()
        if self.pagu is not None and self.pagu != self.pagu.to_integral_value():
            raise ValidationError({"pagu": _("Pagu ditulis dalam rupiah utuh tanpa sen.")})
        for split in SPLITS.values():
            self._clean_split(split)
        if not self.kode_sipd:
            if self.level_sipd:
                raise ValidationError({"kode_sipd": _("Isi kode SIPD untuk tingkat nomenklatur yang dipilih.")})
            return
        detected = sipd_level_of(self.kode_sipd)
        if not self.level_sipd:
            if detected is None:
                raise ValidationError(
                    {"kode_sipd": _("Format kode SIPD tidak dikenali (contoh sub kegiatan: 2.17.07.1.01.0002).")}
                )
            self.level_sipd = detected
        pattern, example = SIPD_PATTERNS[self.level_sipd]
        if not re.match(pattern, self.kode_sipd):
            raise ValidationError(
                {
                    "kode_sipd": _("Kode %(level)s harus berbentuk %(example)s.")
                    % {"level": LevelSipd(self.level_sipd).label.lower(), "example": example}
                }
            )

    @property
    def pilar_mismatch(self):
        """The warning for a line whose pillar does not fit the indicator it feeds ("" when it fits)."""
        fits = PILAR_INDICATORS.get(self.pilar)
        if not fits or self.indikator_id is None or self.indikator.kode in fits:
            return ""
        return _("Pilar %(pilar)s biasanya tidak mengisi indikator %(indikator)s; periksa pilar atau indikatornya.") % {
            "pilar": Pilar(self.pilar).label,
            "indikator": self.indikator.nama,
        }

    @property
    def triwulan_list(self):
        return [int(q) for q in self.triwulan]

    @property
    def triwulan_label(self):
        return ", ".join(f"TW {ROMAWI[q]}" for q in self.triwulan_list)

    @property
    def triwulan_mulai(self):
        return min(self.triwulan_list) if self.triwulan else 1


def uraian_key(text):
    """An uraian as plan lines are matched (an upload, last year's line): letter case and spacing aside."""
    return " ".join(str(text).split()).casefold()


EVIDENCE_KINDS = frozenset({"pdf", "jpg", "png", "xlsx", "docx"})


def evidence_upload_to(instance, filename):
    """Evidence lives in private storage (served only by `programs:bukti`) under a random name, whatever name the
    file came with; the uploader's own file name is kept in `bukti_nama` for the download."""
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"programs/bukti/{uuid.uuid4().hex}.{ext}"


class KategoriKendala(models.Model):
    """A category of the problems (permasalahan) officers report each quarter, for the FGD's kendala digest.
    Reference data: seven seeded by a migration, extended by Admins in Django admin."""

    nama = models.CharField(_("nama"), max_length=80)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)
    aktif = models.BooleanField(
        _("aktif"), default=True, help_text=_("Kategori nonaktif tidak ditawarkan lagi pada formulir realisasi.")
    )

    class Meta:
        verbose_name = _("kategori kendala")
        verbose_name_plural = _("kategori kendala")
        ordering = ["urutan", "nama"]
        constraints = [
            models.UniqueConstraint(
                fields=["nama"],
                name="kategorikendala_nama_unique",
                violation_error_message=_("Kategori kendala dengan nama ini sudah ada."),
            )
        ]

    def __str__(self):
        return self.nama

    def get_absolute_url(self):
        return f"{reverse('programs:kendala')}?kategori={self.pk}"


class Realisasi(TimeStampedModel):
    """What a kegiatan achieved up to the end of a quarter (cumulative figures)."""

    kegiatan = models.ForeignKey(
        Kegiatan, verbose_name=_("kegiatan"), on_delete=models.CASCADE, related_name="realisasi"
    )
    triwulan = models.PositiveSmallIntegerField(_("triwulan"), choices=Triwulan.choices)
    output = models.PositiveIntegerField(
        _("output tercapai (kumulatif)"), help_text=_("Jumlah output s.d. akhir triwulan, dalam satuan target.")
    )
    fisik_persen = models.DecimalField(
        _("progres fisik (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    anggaran_terserap = models.DecimalField(
        _("anggaran terserap s.d. triwulan (Rp)"),
        max_digits=15,
        decimal_places=0,
        validators=[MinValueValidator(0, _("Anggaran terserap tidak boleh negatif."))],
    )
    penjelasan_anggaran = models.TextField(
        _("penjelasan serapan melebihi pagu"), blank=True, help_text=_("Wajib bila serapan melebihi pagu.")
    )
    permasalahan = models.TextField(_("permasalahan"), blank=True)
    kategori_kendala = models.ForeignKey(
        KategoriKendala,
        verbose_name=_("kategori permasalahan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="realisasi",
        help_text=_("Untuk rekap kendala FGD: anggaran, regulasi, SDM, data, koordinasi, sarana, lainnya."),
    )
    faktor_pendorong = models.TextField(_("faktor pendorong"), blank=True)
    faktor_penghambat = models.TextField(_("faktor penghambat"), blank=True)
    bukti = models.FileField(
        _("berkas bukti"),
        upload_to=evidence_upload_to,
        storage=private_storage,
        blank=True,
        max_length=255,
        help_text=_("PDF, JPG, PNG, XLSX atau DOCX, paling besar 5 MB."),
    )
    bukti_nama = models.CharField(_("nama berkas bukti"), max_length=255, blank=True, editable=False)
    diisi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("diisi oleh"), on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("realisasi triwulan")
        verbose_name_plural = _("realisasi triwulan")
        ordering = ["kegiatan", "triwulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["kegiatan", "triwulan"],
                name="realisasi_one_per_kegiatan_quarter",
                violation_error_message=_("Realisasi triwulan ini sudah diisi untuk kegiatan tersebut."),
            ),
            models.CheckConstraint(
                condition=Q(triwulan__gte=1, triwulan__lte=4),
                name="realisasi_quarter_valid",
                violation_error_message=_("Triwulan harus 1 sampai 4."),
            ),
            models.CheckConstraint(
                condition=Q(fisik_persen__gte=0, fisik_persen__lte=100),
                name="realisasi_physical_percent_range",
                violation_error_message=_("Progres fisik harus antara 0 dan 100 persen."),
            ),
            models.CheckConstraint(
                condition=Q(anggaran_terserap__gte=0),
                name="realisasi_spent_not_negative",
                violation_error_message=_("Anggaran terserap tidak boleh negatif."),
            ),
        ]

    def __str__(self):
        return f"{self.kegiatan} — TW {ROMAWI.get(self.triwulan, self.triwulan)}"

    def get_absolute_url(self):
        return reverse("programs:realisasi", args=[self.kegiatan_id, self.triwulan])

    def clean(self):
        super().clean()
        spent = self.anggaran_terserap
        if spent is not None and spent != spent.to_integral_value():
            raise ValidationError({"anggaran_terserap": _("Anggaran ditulis dalam rupiah utuh tanpa sen.")})
        if (
            spent is not None
            and self.kegiatan_id is not None
            and spent > self.kegiatan.pagu
            and not self.penjelasan_anggaran.strip()
        ):
            raise ValidationError({"penjelasan_anggaran": _("Serapan melebihi pagu kegiatan; tuliskan penjelasannya.")})
        if self.kategori_kendala_id and not (self.permasalahan or "").strip():
            raise ValidationError({"permasalahan": _("Tuliskan permasalahannya, atau kosongkan kategorinya.")})

    @property
    def capaian(self):
        """Output to date against the target due by the end of this quarter (programs.capaian)."""
        kegiatan = self.kegiatan
        return judge(
            realisasi=self.output,
            target_sd=kegiatan.target_sampai(self.triwulan),
            target_tahun=kegiatan.target,
            triwulan=self.triwulan,
        )

    @property
    def keuangan(self):
        """Spending to date against the disbursement planned by the end of this quarter (anggaran kas), with the same
        bands as the output's capaian; the yearly figure (÷ pagu) beside it."""
        kegiatan = self.kegiatan
        return judge(
            realisasi=self.anggaran_terserap,
            target_sd=kegiatan.kas_sampai(self.triwulan),
            target_tahun=kegiatan.pagu,
            triwulan=self.triwulan,
        )

    @property
    def keuangan_persen(self):
        return self.keuangan.persen

    @property
    def keuangan_band(self):
        return self.keuangan.band

    @property
    def keuangan_persen_tahun(self):
        return persen(self.anggaran_terserap, self.kegiatan.pagu)


class KendalaAgenda(TimeStampedModel):
    """Diskop's mark that a reported problem (a realisation's permasalahan) goes on the FGD agenda, with who marked
    it and when. Kept beside the realisation, not on it, so marking never changes the officer's row and version."""

    realisasi = models.OneToOneField(
        Realisasi, verbose_name=_("realisasi"), on_delete=models.CASCADE, related_name="agenda"
    )
    masuk_agenda = models.BooleanField(_("masuk agenda FGD"), default=False)
    ditandai_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("ditandai oleh"), on_delete=models.PROTECT, related_name="+"
    )
    ditandai_pada = models.DateTimeField(_("ditandai pada"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kendala untuk agenda FGD")
        verbose_name_plural = _("kendala untuk agenda FGD")
        ordering = ["-ditandai_pada", "id"]

    def __str__(self):
        return str(self.realisasi)

    def get_absolute_url(self):
        tahun = self.realisasi.kegiatan.rencana.tahun
        return f"{reverse('programs:kendala')}?tahun={tahun}#kendala-{self.realisasi_id}"


class LaporanTriwulan(Submission):
    """The quarterly realisation report of a plan: submitted by the OPD, verified or returned by Diskop."""

    rencana = models.ForeignKey(Rencana, verbose_name=_("rencana"), on_delete=models.CASCADE, related_name="laporan")
    triwulan = models.PositiveSmallIntegerField(_("triwulan"), choices=Triwulan.choices)
    catatan = models.TextField(_("catatan Diskop"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("laporan triwulan")
        verbose_name_plural = _("laporan triwulan")
        ordering = ["rencana", "triwulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["rencana", "triwulan"],
                name="laporan_one_per_plan_quarter",
                violation_error_message=_("Laporan triwulan ini sudah ada untuk rencana tersebut."),
            ),
            models.CheckConstraint(
                condition=Q(triwulan__gte=1, triwulan__lte=4),
                name="laporan_quarter_valid",
                violation_error_message=_("Triwulan harus 1 sampai 4."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values),
                name="laporan_status_valid",
                violation_error_message=_("Status laporan tidak dikenal."),
            ),
        ]

    def __str__(self):
        return f"{self.rencana} — TW {ROMAWI.get(self.triwulan, self.triwulan)}"

    def get_absolute_url(self):
        return f"{self.rencana.get_absolute_url()}#tw-{self.triwulan}"

    @property
    def is_editable(self):
        return self.status in EDITABLE_STATUSES


# The plan's own deadline is a BatasPelaporan row of "quarter" 0: one table, one page, one history for every
# deadline Diskop sets.
RENCANA = 0
TENGGAT_CHOICES = [(RENCANA, _("Rencana tahunan")), *Triwulan.choices]


def default_deadline(tahun, triwulan):
    """The rule every quarter has from the start: the 15th of the month after the quarter ends. The plan
    (`RENCANA`): the last working day (Monday to Friday) of January of the plan year."""
    if triwulan == RENCANA:
        day = datetime.date(tahun, 1, 31)
        return day - datetime.timedelta(days=max(day.weekday() - 4, 0))
    month = triwulan * 3 + 1
    return datetime.date(tahun + (month > 12), (month - 1) % 12 + 1, 15)


class BatasPelaporan(TimeStampedModel):
    """Diskop's choice for the reporting deadline of a quarter, or (triwulan `RENCANA`) of the year's plan: a date,
    or none (removed). A quarter without a row has the default deadline (`default_deadline`)."""

    tahun = models.PositiveSmallIntegerField(_("tahun"))
    triwulan = models.PositiveSmallIntegerField(_("triwulan"), choices=TENGGAT_CHOICES)
    batas = models.DateField(
        _("batas pelaporan"), null=True, blank=True, help_text=_("Kosong: tenggat dihapus oleh Diskop.")
    )
    diatur_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("diatur oleh"), on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("batas pelaporan")
        verbose_name_plural = _("batas pelaporan")
        ordering = ["-tahun", "triwulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["tahun", "triwulan"],
                name="batas_one_per_year_quarter",
                violation_error_message=_("Batas pelaporan triwulan ini sudah ditetapkan."),
            ),
            models.CheckConstraint(
                condition=Q(tahun__gte=FIRST_YEAR, tahun__lte=LAST_YEAR),
                name="batas_year_in_range",
                violation_error_message=_("Tahun harus antara 2019 dan 2045."),
            ),
            models.CheckConstraint(
                condition=Q(triwulan__gte=0, triwulan__lte=4),
                name="batas_quarter_valid",
                violation_error_message=_("Triwulan harus 0 (rencana) sampai 4."),
            ),
        ]

    def __str__(self):
        what = _("Rencana") if self.triwulan == RENCANA else f"TW {ROMAWI.get(self.triwulan, self.triwulan)}"
        return f"{what} {self.tahun}: {self.batas or '—'}"

    def get_absolute_url(self):
        return f"{reverse('programs:batas_pelaporan')}?tahun={self.tahun}"


class Komentar(models.Model):
    """A thread about a plan or one of its kegiatan: Diskop asks (typically when returning), the OPD answers in
    the same thread. A root comment has no `induk`; replies point at the root. Kept with the plan."""

    rencana = models.ForeignKey(Rencana, verbose_name=_("rencana"), on_delete=models.CASCADE, related_name="komentar")
    kegiatan = models.ForeignKey(
        Kegiatan,
        verbose_name=_("kegiatan"),
        on_delete=models.SET_NULL,  # a deleted line's thread stays with the plan
        null=True,
        blank=True,
        related_name="komentar",
    )
    induk = models.ForeignKey(
        "self", verbose_name=_("membalas"), on_delete=models.CASCADE, null=True, blank=True, related_name="balasan"
    )
    penulis = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("penulis"), on_delete=models.PROTECT, related_name="+"
    )
    isi = models.TextField(_("isi komentar"))
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("komentar rencana")
        verbose_name_plural = _("komentar rencana")
        ordering = ["dibuat_pada", "id"]
        # A plan's threads and their replies, oldest first (komentar_threads).
        indexes = [models.Index(fields=["rencana", "dibuat_pada"], name="komentar_rencana_date")]

    def __str__(self):
        return self.isi[:80]

    def get_absolute_url(self):
        return f"{self.rencana.get_absolute_url()}#komentar-{self.induk_id or self.pk}"


# ---------------------------------------------------------------- FGD meetings and their follow-up


class StatusFgd(models.TextChoices):
    TERJADWAL = "terjadwal", _("Terjadwal")
    SELESAI = "selesai", _("Selesai")


class Fgd(TimeStampedModel):
    """An FGD meeting Diskop holds with the supporting OPDs: when and where, the programme year it discusses, whom
    it invited and who came. Its agenda (AgendaFgd) and decisions (TindakLanjut) hang from it."""

    tanggal = models.DateField(_("tanggal"))
    tempat = models.CharField(_("tempat"), max_length=200)
    tahun = models.PositiveSmallIntegerField(
        _("tahun program yang dibahas"), help_text=_("Rencana tahun ini disandingkan dengan realisasi tahun lalu.")
    )
    diundang = models.ManyToManyField(
        "accounts.PerangkatDaerah", verbose_name=_("OPD diundang"), related_name="fgd_diundang", blank=True
    )
    hadir = models.ManyToManyField(
        "accounts.PerangkatDaerah", verbose_name=_("OPD hadir"), related_name="fgd_hadir", blank=True
    )
    peserta = models.TextField(
        _("peserta yang hadir"), blank=True, help_text=_("Nama dan jabatan, satu per baris (untuk notulen).")
    )
    status = models.CharField(_("status"), max_length=12, choices=StatusFgd.choices, default=StatusFgd.TERJADWAL)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("dibuat oleh"), on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords(m2m_fields=[diundang, hadir])

    class Meta:
        verbose_name = _("FGD")
        verbose_name_plural = _("FGD")
        ordering = ["-tanggal", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tahun__gte=FIRST_YEAR, tahun__lte=LAST_YEAR),
                name="fgd_year_in_range",
                violation_error_message=_("Tahun harus antara 2019 dan 2045."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=StatusFgd.values),
                name="fgd_status_valid",
                violation_error_message=_("Status FGD tidak dikenal."),
            ),
        ]

    def __str__(self):
        return _("FGD %(tanggal)s") % {"tanggal": format_tanggal(self.tanggal)}

    def get_absolute_url(self):
        return reverse("programs:fgd_detail", args=[self.pk])


class SumberAgenda(models.TextChoices):
    KENDALA = "kendala", _("Kendala OPD")
    TUMPANG_TINDIH = "tumpang_tindih", _("Tumpang tindih (peta sinergi)")
    CELAH = "celah", _("Celah (peta sinergi)")
    KETERTELUSURAN = "ketertelusuran", _("Komitmen belum mencapai target")
    MANUAL = "manual", _("Ditambahkan Staf")


class AgendaFgd(TimeStampedModel):
    """One item of an FGD's agenda: drafted from the digest, the synergy map and the traceability matrix, or
    written by Diskop; edited (text, order, removal) on the agenda page."""

    fgd = models.ForeignKey(Fgd, verbose_name=_("FGD"), on_delete=models.CASCADE, related_name="agenda")
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)
    teks = models.TextField(_("butir agenda"))
    sumber = models.CharField(_("sumber"), max_length=20, choices=SumberAgenda.choices, default=SumberAgenda.MANUAL)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("butir agenda FGD")
        verbose_name_plural = _("agenda FGD")
        ordering = ["fgd", "urutan", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(sumber__in=SumberAgenda.values),
                name="agendafgd_source_valid",
                violation_error_message=_("Sumber butir agenda tidak dikenal."),
            ),
            models.CheckConstraint(
                condition=~Q(teks=""),
                name="agendafgd_text_not_empty",
                violation_error_message=_("Butir agenda tidak boleh kosong."),
            ),
        ]

    def __str__(self):
        return self.teks[:80]

    def get_absolute_url(self):
        return f"{self.fgd.get_absolute_url()}#agenda"


class StatusTindakLanjut(models.TextChoices):
    BELUM = "belum", _("Belum")
    BERJALAN = "berjalan", _("Berjalan")
    SELESAI = "selesai", _("Selesai")
    TIDAK_DAPAT = "tidak_dapat", _("Tidak dapat dilaksanakan")


OPEN_TINDAK_LANJUT = (StatusTindakLanjut.BELUM, StatusTindakLanjut.BERJALAN)


def tindak_lanjut_upload_to(instance, filename):
    """Like realisation evidence: private storage (served only by `programs:tindak_lanjut_bukti`), a random name."""
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"programs/tindak-lanjut/{uuid.uuid4().hex}.{ext}"


class TindakLanjut(TimeStampedModel):
    """A decision of an FGD: what, which OPD(s) own it, by when, optionally about a kegiatan or an indicator. Diskop
    records it; the owners' officers report its status, with a note and an evidence file."""

    fgd = models.ForeignKey(Fgd, verbose_name=_("FGD"), on_delete=models.CASCADE, related_name="tindak_lanjut")
    uraian = models.TextField(_("tindak lanjut"))
    opd = models.ManyToManyField(
        "accounts.PerangkatDaerah", verbose_name=_("OPD penanggung jawab"), related_name="tindak_lanjut_fgd"
    )
    tenggat = models.DateField(_("tenggat"))
    kegiatan = models.ForeignKey(
        Kegiatan,
        verbose_name=_("kegiatan terkait"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tindak_lanjut_fgd",
    )
    indikator = models.ForeignKey(
        "indicators.Indicator",
        verbose_name=_("indikator terkait"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tindak_lanjut_fgd",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=StatusTindakLanjut.choices, default=StatusTindakLanjut.BELUM
    )
    alasan = models.TextField(_("alasan tidak dapat dilaksanakan"), blank=True)
    catatan = models.TextField(_("catatan"), blank=True)
    bukti = models.FileField(
        _("berkas bukti"),
        upload_to=tindak_lanjut_upload_to,
        storage=private_storage,
        blank=True,
        max_length=255,
        help_text=_("PDF, JPG, PNG, XLSX atau DOCX, paling besar 5 MB."),
    )
    bukti_nama = models.CharField(_("nama berkas bukti"), max_length=255, blank=True, editable=False)
    diperbarui_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diperbarui oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords(m2m_fields=[opd])

    class Meta:
        verbose_name = _("tindak lanjut FGD")
        verbose_name_plural = _("tindak lanjut FGD")
        ordering = ["fgd", "tenggat", "id"]
        # Overdue items (status open, tenggat passed) for the Staf home and the reminders.
        indexes = [models.Index(fields=["status", "tenggat"], name="tindaklanjut_status_tenggat")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=StatusTindakLanjut.values),
                name="tindaklanjut_status_valid",
                violation_error_message=_("Status tindak lanjut tidak dikenal."),
            ),
            models.CheckConstraint(
                condition=~Q(status=StatusTindakLanjut.TIDAK_DAPAT, alasan=""),
                name="tindaklanjut_reason_when_not_possible",
                violation_error_message=_("Tuliskan alasan mengapa tindak lanjut tidak dapat dilaksanakan."),
            ),
        ]

    def __str__(self):
        return self.uraian[:80]

    def get_absolute_url(self):
        return f"{reverse('programs:fgd_detail', args=[self.fgd_id])}#tl-{self.pk}"

    def clean(self):
        super().clean()
        if self.status == StatusTindakLanjut.TIDAK_DAPAT and not (self.alasan or "").strip():
            raise ValidationError({"alasan": _("Tuliskan alasan mengapa tindak lanjut tidak dapat dilaksanakan.")})
        if self.tenggat and self.fgd_id and self.tenggat < self.fgd.tanggal:
            raise ValidationError({"tenggat": _("Tenggat tidak boleh sebelum tanggal FGD.")})

    def is_overdue(self, today):
        return self.status in OPEN_TINDAK_LANJUT and self.tenggat < today


# ---------------------------------------------------------------- numbers of record: angka tetap and reopening a year

PEMBUKAAN_JAM_DEFAULT = 72
PEMBUKAAN_JAM_MAKS = 14 * 24


class AngkaTetap(models.Model):
    """One version of a closed year's figures, kept as they were: version 1 is the *angka tetap* taken when the year
    was closed (programs.angka_services.angka_tetap_freeze), each later version an *angka perbaikan* taken when a
    reopening window closed. While a year has one, its plans, reports and realisation are locked (programs.angka) and
    the dashboards, the recap and the exports read its latest version. `data` holds the figures (programs.angka:
    SNAPSHOT keys); every version stays readable and downloadable."""

    tahun = models.PositiveSmallIntegerField(_("tahun"))
    versi = models.PositiveSmallIntegerField(_("versi"))
    data = models.JSONField(_("angka"), default=dict)
    ditetapkan_pada = models.DateTimeField(_("ditetapkan pada"))
    ditetapkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ditetapkan oleh"),
        on_delete=models.PROTECT,
        null=True,  # a version taken by the worker when a reopening window closed
        blank=True,
        related_name="+",
    )
    pembukaan = models.ForeignKey(
        "PembukaanTahun",
        verbose_name=_("pembukaan tahun"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="angka",
    )

    class Meta:
        verbose_name = _("angka tetap")
        verbose_name_plural = _("angka tetap")
        ordering = ["-tahun", "-versi"]
        permissions = [("freeze_year", "Menetapkan angka tetap dan menyetujui pembukaan tahun")]
        constraints = [
            models.UniqueConstraint(
                fields=["tahun", "versi"],
                name="angkatetap_one_per_year_version",
                violation_error_message=_("Versi angka tahun ini sudah ada."),
            ),
            models.CheckConstraint(
                condition=Q(tahun__gte=FIRST_YEAR, tahun__lte=LAST_YEAR),
                name="angkatetap_year_in_range",
                violation_error_message=_("Tahun harus antara 2019 dan 2045."),
            ),
            models.CheckConstraint(
                condition=Q(versi__gte=1),
                name="angkatetap_version_positive",
                violation_error_message=_("Versi mulai 1."),
            ),
        ]

    def __str__(self):
        return f"{self.tahun} v{self.versi} ({self.jenis_label})"

    def get_absolute_url(self):
        return f"{reverse('programs:angka_tetap')}?tahun={self.tahun}#versi-{self.versi}"

    @property
    def perbaikan(self):
        return self.versi > 1

    @property
    def jenis_label(self):
        return _("angka perbaikan") if self.perbaikan else _("angka tetap")


class StatusPembukaan(models.TextChoices):
    DIMINTA = "diminta", _("Diminta")
    DIBUKA = "dibuka", _("Dibuka")
    DITUTUP = "ditutup", _("Dikunci kembali")


OPEN_PEMBUKAAN = (StatusPembukaan.DIMINTA, StatusPembukaan.DIBUKA)


class PembukaanTahun(models.Model):
    """Reopening a closed year, four eyes: one person asks with a reason, a different person holding `freeze_year`
    approves; the year is then open for `durasi_jam` hours (at most 14 days), after which the worker locks it again
    and takes the next version of its figures (angka perbaikan)."""

    tahun = models.PositiveSmallIntegerField(_("tahun"))
    alasan = models.TextField(_("alasan"))
    durasi_jam = models.PositiveSmallIntegerField(
        _("lama dibuka (jam)"),
        default=PEMBUKAAN_JAM_DEFAULT,
        validators=[MinValueValidator(1), MaxValueValidator(PEMBUKAAN_JAM_MAKS)],
    )
    status = models.CharField(
        _("status"), max_length=10, choices=StatusPembukaan.choices, default=StatusPembukaan.DIMINTA
    )
    diminta_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("diminta oleh"), on_delete=models.PROTECT, related_name="+"
    )
    diminta_pada = models.DateTimeField(_("diminta pada"))
    disetujui_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("disetujui oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    dibuka_pada = models.DateTimeField(_("dibuka pada"), null=True, blank=True)
    berakhir_pada = models.DateTimeField(_("berakhir pada"), null=True, blank=True)
    ditutup_pada = models.DateTimeField(_("dikunci kembali pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("pembukaan tahun")
        verbose_name_plural = _("pembukaan tahun")
        ordering = ["-diminta_pada", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["tahun"],
                condition=Q(status__in=["diminta", "dibuka"]),
                name="pembukaan_one_open_per_year",
                violation_error_message=_("Tahun ini sudah memiliki permintaan pembukaan yang belum selesai."),
            ),
            models.CheckConstraint(
                condition=Q(disetujui_oleh__isnull=True) | ~Q(disetujui_oleh=models.F("diminta_oleh")),
                name="pembukaan_four_eyes",
                violation_error_message=_("Pembukaan harus disetujui oleh orang lain, bukan yang memintanya."),
            ),
            models.CheckConstraint(
                condition=Q(durasi_jam__gte=1, durasi_jam__lte=PEMBUKAAN_JAM_MAKS),
                name="pembukaan_duration_in_range",
                violation_error_message=_("Lama dibuka antara 1 jam dan 14 hari."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["diminta", "dibuka", "ditutup"]),
                name="pembukaan_status_valid",
                violation_error_message=_("Status pembukaan tidak dikenal."),
            ),
        ]

    def __str__(self):
        return f"{self.tahun}: {self.alasan[:60]}"

    def get_absolute_url(self):
        return f"{reverse('programs:angka_tetap')}?tahun={self.tahun}#pembukaan-{self.pk}"
