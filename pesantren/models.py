from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from opop.accounts.models import PerangkatDaerah
from opop.common.models import TimeStampedModel
from opop.common.years import FIRST_YEAR, LAST_YEAR, programme_year_validators
from opop.imports.models import created_by_import
from opop.wilayah.models import KabupatenKota, Kecamatan
from pesantren.validators import validate_nib, validate_nik, validate_nspp, validate_phone

YEAR_VALIDATORS = [MinValueValidator(1800), MaxValueValidator(LAST_YEAR)]  # founding / business start years
PROGRAM_YEAR_VALIDATORS = programme_year_validators()


def normalize_name(name: str) -> str:
    """The form of a person's name used to spot duplicates: lower case, single spaces."""
    return " ".join(name.lower().split())


def duplicate_key(nama_normal, tanggal_lahir, pesantren_id) -> str:
    """A person's duplicate key, one indexed column: normalised name | birth date (ISO, blank when unknown) |
    pesantren id (blank when none). The data migration 0007 builds the same text in SQL."""
    born = tanggal_lahir.isoformat() if tanggal_lahir else ""
    return f"{nama_normal}|{born}|{pesantren_id or ''}"


class Tipologi(models.TextChoices):
    SALAFIYAH = "salafiyah", _("Salafiyah")
    KHALAFIYAH = "khalafiyah", _("Khalafiyah")
    KOMBINASI = "kombinasi", _("Kombinasi")


class StatusAktif(models.TextChoices):
    AKTIF = "aktif", _("Aktif")
    TIDAK_AKTIF = "tidak_aktif", _("Tidak aktif")


class JenisKelamin(models.TextChoices):
    LAKI_LAKI = "L", _("Laki-laki")
    PEREMPUAN = "P", _("Perempuan")


def _status_valid(name, choices, message):
    return models.CheckConstraint(condition=Q(status__in=choices.values), name=name, violation_error_message=message)


def _in_range(field, low, high, name, message, *, optional=False):
    condition = Q(**{f"{field}__gte": low, f"{field}__lte": high})
    if optional:
        condition |= Q(**{f"{field}__isnull": True})
    return models.CheckConstraint(condition=condition, name=name, violation_error_message=message)


def _programme_year(field, name, message, *, optional=False):
    return _in_range(field, FIRST_YEAR, LAST_YEAR, name, message, optional=optional)


class Pesantren(TimeStampedModel):
    nspp = models.CharField(_("NSPP"), max_length=12, unique=True, validators=[validate_nspp])
    nama = models.CharField(_("nama pesantren"), max_length=200)
    alamat = models.TextField(_("alamat"), blank=True)
    kabkota = models.ForeignKey(
        KabupatenKota, verbose_name=_("kabupaten/kota"), on_delete=models.PROTECT, related_name="pesantren"
    )
    kecamatan = models.ForeignKey(
        Kecamatan, verbose_name=_("kecamatan"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    latitude = models.DecimalField(
        _("lintang"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-9), MaxValueValidator(-5)],
    )
    longitude = models.DecimalField(
        _("bujur"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(110), MaxValueValidator(117)],
    )
    pengasuh = models.CharField(_("pengasuh/pimpinan"), max_length=150, blank=True)
    telepon = models.CharField(_("telepon"), max_length=20, blank=True, validators=[validate_phone])
    email = models.EmailField(_("email"), blank=True)
    tahun_berdiri = models.PositiveSmallIntegerField(
        _("tahun berdiri"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    tipologi = models.CharField(_("tipologi"), max_length=12, choices=Tipologi.choices, blank=True)
    jumlah_santri = models.PositiveIntegerField(_("jumlah santri"), null=True, blank=True)
    potensi_ekonomi = models.TextField(_("potensi ekonomi"), blank=True)
    tahun_kohort = models.PositiveSmallIntegerField(
        _("tahun kohort OPOP"),
        null=True,
        blank=True,
        validators=PROGRAM_YEAR_VALIDATORS,
        help_text=_("Tahun pesantren bergabung dengan program OPOP; kosong bila belum menjadi peserta."),
    )
    status = models.CharField(_("status"), max_length=12, choices=StatusAktif.choices, default=StatusAktif.AKTIF)
    import_batch = created_by_import()

    history = HistoricalRecords(excluded_fields=["import_batch"])

    class Meta:
        verbose_name = _("pesantren")
        verbose_name_plural = _("pesantren")
        ordering = ["nama", "id"]
        indexes = [
            # The pesantren list filtered by kab/kota, in name order (pesantren_visible_to + ordering).
            models.Index(fields=["kabkota", "nama"], name="pesantren_kabkota_nama"),
            # The dashboard's pesantren per OPOP cohort year and the list's ?kohort= filter.
            models.Index(fields=["tahun_kohort"], name="pesantren_kohort"),
        ]
        constraints = [
            _status_valid("pesantren_status_valid", StatusAktif, _("Status pesantren tidak dikenal.")),
            _programme_year(
                "tahun_kohort",
                "pesantren_cohort_year_in_range",
                _("Tahun kohort OPOP harus antara 2019 dan 2045."),
                optional=True,
            ),
            _in_range(
                "tahun_berdiri",
                1800,
                LAST_YEAR,
                "pesantren_founding_year_in_range",
                _("Tahun berdiri harus antara 1800 dan 2045."),
                optional=True,
            ),
            _in_range(
                "latitude",
                -9,
                -5,
                "pesantren_latitude_in_east_java",
                _("Lintang harus antara −9 dan −5 (wilayah Jawa Timur)."),
                optional=True,
            ),
            _in_range(
                "longitude",
                110,
                117,
                "pesantren_longitude_in_east_java",
                _("Bujur harus antara 110 dan 117 (wilayah Jawa Timur)."),
                optional=True,
            ),
        ]

    def __str__(self):
        return self.nama

    def get_absolute_url(self):
        return reverse("pesantren:detail", args=[self.pk])

    def clean(self):
        if self.kecamatan_id and self.kabkota_id and not self.kecamatan_id.startswith(self.kabkota_id + "."):
            raise ValidationError({"kecamatan": _("Kecamatan ini tidak berada di kabupaten/kota yang dipilih.")})

    @property
    def nspp_region_mismatch(self) -> bool:
        """Digits 5-8 of an NSPP normally repeat the kab/kota code (3517 = Jombang); a mismatch is only a warning."""
        return bool(self.nspp and self.kabkota_id) and self.nspp[4:8] != self.kabkota_id.replace(".", "")


class StatusKopontren(models.TextChoices):
    BERBADAN_HUKUM = "berbadan_hukum", _("Berbadan hukum, aktif")
    TIDAK_AKTIF = "tidak_aktif", _("Berbadan hukum, tidak aktif")
    BELUM_BERBADAN_HUKUM = "belum_berbadan_hukum", _("Belum berbadan hukum")


class Kopontren(TimeStampedModel):
    """The pesantren's cooperative (koperasi pondok pesantren)."""

    pesantren = models.OneToOneField(
        Pesantren, verbose_name=_("pesantren"), on_delete=models.CASCADE, related_name="kopontren"
    )
    nama = models.CharField(_("nama koperasi"), max_length=200)
    nomor_badan_hukum = models.CharField(_("nomor badan hukum"), max_length=60, blank=True)
    nib = models.CharField(_("NIB"), max_length=13, blank=True, validators=[validate_nib])
    jumlah_anggota = models.PositiveIntegerField(_("jumlah anggota"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=24, choices=StatusKopontren.choices, default=StatusKopontren.BELUM_BERBADAN_HUKUM
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kopontren")
        verbose_name_plural = _("kopontren")
        ordering = ["nama", "id"]
        constraints = [_status_valid("kopontren_status_valid", StatusKopontren, _("Status kopontren tidak dikenal."))]

    def __str__(self):
        return self.nama

    def get_absolute_url(self):
        return self.pesantren.get_absolute_url()


class Person(TimeStampedModel):
    """Fields every registered person has. NIK, birth date and phone are personal data (see selectors)."""

    nama = models.CharField(_("nama lengkap"), max_length=150)
    nama_normal = models.CharField(max_length=150, editable=False, db_index=False)
    # Derived from nama_normal, tanggal_lahir and the pesantren (duplicate_key); every write path sets it.
    kunci_duplikat = models.CharField(max_length=200, editable=False, default="", db_default="")
    # NULL, not "", when absent: uniqueness applies only to NIKs that are present.
    nik = models.CharField(_("NIK"), max_length=16, null=True, blank=True, unique=True, validators=[validate_nik])
    jenis_kelamin = models.CharField(_("jenis kelamin"), max_length=1, choices=JenisKelamin.choices, blank=True)
    tanggal_lahir = models.DateField(_("tanggal lahir"), null=True, blank=True)
    telepon = models.CharField(_("telepon"), max_length=20, blank=True, validators=[validate_phone])
    status = models.CharField(_("status"), max_length=12, choices=StatusAktif.choices, default=StatusAktif.AKTIF)
    import_batch = created_by_import()

    PERSONAL_FIELDS = ("nik", "tanggal_lahir", "telepon")
    DERIVED_FIELDS = ("nama_normal", "kunci_duplikat")
    DEDUP_PESANTREN = ""  # the attname of the pesantren in the duplicate key

    class Meta:
        abstract = True

    def clean(self):
        self.nama = " ".join((self.nama or "").split())
        if self.nik == "":
            self.nik = None
        self.refresh_derived_fields()

    def refresh_derived_fields(self):
        """Columns computed from this row alone; bulk writers (opop/imports/bulk.py) call it too."""
        self.nama_normal = normalize_name(self.nama or "")
        self.kunci_duplikat = duplicate_key(self.nama_normal, self.tanggal_lahir, getattr(self, self.DEDUP_PESANTREN))

    def save(self, *args, **kwargs):
        # Only columns derived from this same row, so no save of any kind (admin, shell, fixtures) leaves the
        # duplicate key stale; cross-row state (who has a twin) is kept by the services (pesantren/duplicates.py).
        self.refresh_derived_fields()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], *self.DERIVED_FIELDS}
        super().save(*args, **kwargs)


class Santripreneur(Person):
    pesantren = models.ForeignKey(
        Pesantren, verbose_name=_("pesantren"), on_delete=models.PROTECT, related_name="santripreneur"
    )
    bidang_usaha = models.CharField(_("bidang usaha"), max_length=150, blank=True)
    tahun_terdaftar = models.PositiveSmallIntegerField(_("tahun terdaftar"), validators=PROGRAM_YEAR_VALIDATORS)
    bukan_duplikat = models.ManyToManyField(
        "self", blank=True, symmetrical=True, verbose_name=_("dipastikan bukan duplikat dari")
    )
    # True while another record with a birth date shares this one's duplicate key (pesantren/duplicates.py keeps it
    # in step with every write), so the review page reads a small partial index instead of grouping the registry.
    ada_kembaran = models.BooleanField(default=False, db_default=False, editable=False)

    DEDUP_PESANTREN = "pesantren_id"
    KEPT_ELSEWHERE = ("ada_kembaran",)  # cross-row state written only by pesantren/duplicates.py

    def save(self, *args, **kwargs):
        # A stale instance must not write back an old "has a twin" flag: saves of a stored record name their fields.
        if not self._state.adding and kwargs.get("update_fields") is None and not kwargs.get("force_insert"):
            kwargs["update_fields"] = [
                f.name for f in self._meta.concrete_fields if not f.primary_key and f.name not in self.KEPT_ELSEWHERE
            ]
        super().save(*args, **kwargs)

    history = HistoricalRecords(excluded_fields=["nama_normal", "kunci_duplikat", "ada_kembaran", "import_batch"])

    class Meta:
        verbose_name = _("santripreneur")
        verbose_name_plural = _("santripreneur")
        ordering = ["nama", "id"]
        indexes = [
            # The santripreneur list's keyset pager: ORDER BY nama, id WHERE (nama, id) > cursor.
            models.Index(fields=["nama", "id"], name="santri_nama_id"),
            # A pesantren's santripreneur (detail page, list filtered by pesantren, kab/kota through pesantren).
            models.Index(fields=["pesantren", "nama"], name="santri_pesantren_nama"),
            # The per-person duplicate warning (santripreneur_duplicates_of), the import's name + birth date +
            # pesantren matching, and duplicates.refresh counting a key's records (kunci_duplikat = …).
            models.Index(fields=["kunci_duplikat"], name="santri_kunci_duplikat"),
            # The duplicate review page and the home page's count (santripreneur_open_duplicate_groups): only the
            # records that have a twin, a few thousand at a million people.
            models.Index(
                fields=["nama_normal", "tanggal_lahir", "pesantren"],
                condition=Q(ada_kembaran=True),
                name="santri_kembaran",
            ),
            # The list filtered by year (alone, or with kab/kota or sex) in name order: keyset ORDER BY nama, id.
            models.Index(fields=["tahun_terdaftar", "nama", "id"], name="santri_tahun_nama_id"),
            # The list filtered by status (alone, or with kab/kota, pesantren, year or sex) in name order.
            models.Index(fields=["status", "nama", "id"], name="santri_status_nama_id"),
            # The list's capped count (pagination.capped_count) when kab/kota or pesantren meets a second filter:
            # an index-only count per pesantren of the kab/kota, never a scan of the table.
            models.Index(
                fields=["pesantren", "status", "tahun_terdaftar", "jenis_kelamin"], name="santri_pesantren_filters"
            ),
            # The same count for status with year or sex and no kab/kota (a rare status is 10 % of a million).
            models.Index(fields=["status", "tahun_terdaftar", "jenis_kelamin"], name="santri_status_filters"),
        ]
        constraints = [
            _status_valid("santripreneur_status_valid", StatusAktif, _("Status santripreneur tidak dikenal.")),
            _programme_year(
                "tahun_terdaftar", "santripreneur_year_in_range", _("Tahun terdaftar harus antara 2019 dan 2045.")
            ),
        ]

    def __str__(self):
        return self.nama

    def get_absolute_url(self):
        return reverse("pesantren:santripreneur_detail", args=[self.pk])


class Sociopreneur(Person):
    pesantren_asal = models.ForeignKey(
        Pesantren,
        verbose_name=_("pesantren asal"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sociopreneur",
    )
    nama_usaha = models.CharField(_("nama usaha"), max_length=200)
    sektor = models.CharField(_("sektor usaha"), max_length=120, blank=True)
    kabkota = models.ForeignKey(
        KabupatenKota, verbose_name=_("kabupaten/kota usaha"), on_delete=models.PROTECT, related_name="sociopreneur"
    )
    nib = models.CharField(_("NIB"), max_length=13, blank=True, validators=[validate_nib])
    tahun_mulai = models.PositiveSmallIntegerField(_("tahun mulai usaha"), validators=YEAR_VALIDATORS)
    jumlah_pekerja = models.PositiveIntegerField(_("jumlah pekerja"), default=0)

    DEDUP_PESANTREN = "pesantren_asal_id"

    history = HistoricalRecords(excluded_fields=["nama_normal", "kunci_duplikat", "import_batch"])

    class Meta:
        verbose_name = _("sociopreneur")
        verbose_name_plural = _("sociopreneur")
        ordering = ["nama", "id"]
        indexes = [
            # The sociopreneur list filtered by kab/kota, in name order.
            models.Index(fields=["kabkota", "nama"], name="socio_kabkota_nama"),
            # The import's name + birth date + pesantren of origin matching (kunci_duplikat = …).
            models.Index(fields=["kunci_duplikat"], name="socio_kunci_duplikat"),
        ]
        constraints = [
            _status_valid("sociopreneur_status_valid", StatusAktif, _("Status sociopreneur tidak dikenal.")),
            _in_range(
                "tahun_mulai",
                1800,
                LAST_YEAR,
                "sociopreneur_start_year_in_range",
                _("Tahun mulai usaha harus antara 1800 dan 2045."),
            ),
        ]

    def __str__(self):
        return f"{self.nama} ({self.nama_usaha})"

    def get_absolute_url(self):
        return reverse("pesantren:sociopreneur_detail", args=[self.pk])


class Participation(TimeStampedModel):
    """One person in one programme activity of one OPD in one year. Several OPDs training the same santri
    are several participations of one santripreneur."""

    santripreneur = models.ForeignKey(
        Santripreneur, verbose_name=_("santripreneur"), on_delete=models.CASCADE, related_name="partisipasi"
    )
    # As long as a plan line's uraian (programs.Kegiatan): a training list imported for one OPD activity records
    # the activity's name here whole.
    kegiatan = models.CharField(_("kegiatan"), max_length=500)
    opd = models.ForeignKey(
        PerangkatDaerah, verbose_name=_("Perangkat Daerah"), on_delete=models.PROTECT, related_name="partisipasi"
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"), validators=PROGRAM_YEAR_VALIDATORS)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("partisipasi")
        verbose_name_plural = _("partisipasi")
        ordering = ["-tahun", "opd", "kegiatan", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["santripreneur", "kegiatan", "opd", "tahun"],
                name="participation_unique_person_activity_opd_year",
                violation_error_message=_("Orang ini sudah tercatat pada kegiatan, OPD, dan tahun yang sama."),
            ),
            _programme_year("tahun", "participation_year_in_range", _("Tahun partisipasi harus antara 2019 dan 2045.")),
        ]
        # The dashboard's participation per OPD and year (participation_per_opd, participation_up_to).
        indexes = [models.Index(fields=["opd", "tahun"], name="participation_opd_tahun")]

    def __str__(self):
        return f"{self.santripreneur} · {self.kegiatan} ({self.opd}, {self.tahun})"

    def get_absolute_url(self):
        return self.santripreneur.get_absolute_url()


class SantripreneurTally(models.Model):
    """Santripreneur counted per kab/kota × year registered × active, kept in step by the services in the same
    transaction as each write, so dashboards never count a million rows. `tallies.rebuild` recomputes it."""

    kabkota = models.ForeignKey(KabupatenKota, on_delete=models.CASCADE, related_name="+")
    tahun = models.PositiveSmallIntegerField()
    aktif = models.BooleanField()
    jumlah = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("rekap santripreneur")
        verbose_name_plural = _("rekap santripreneur")
        ordering = ["kabkota", "tahun", "aktif"]
        constraints = [
            models.UniqueConstraint(fields=["kabkota", "tahun", "aktif"], name="santri_tally_unique_key"),
        ]

    def __str__(self):
        return f"{self.kabkota_id} {self.tahun} {'aktif' if self.aktif else 'tidak aktif'}: {self.jumlah}"

    def get_absolute_url(self):
        return reverse("pesantren:santripreneur_list") + f"?kabkota={self.kabkota_id}&tahun_terdaftar={self.tahun}"


class ParticipationTally(models.Model):
    """Participations counted per OPD × year, maintained like SantripreneurTally."""

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="+")
    tahun = models.PositiveSmallIntegerField()
    jumlah = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("rekap partisipasi")
        verbose_name_plural = _("rekap partisipasi")
        ordering = ["opd", "tahun"]
        constraints = [models.UniqueConstraint(fields=["opd", "tahun"], name="participation_tally_unique_key")]

    def __str__(self):
        return f"{self.opd_id} {self.tahun}: {self.jumlah}"

    def get_absolute_url(self):
        return reverse("dashboard:home")


class PersonalDataAccess(models.Model):
    """Who saw personal data in full (a person's page) or took it away (an export, a NIK search), when, and
    with which filter. The NIK searched for is not stored: the log must not become a copy of the data."""

    class Action(models.TextChoices):
        DETAIL = "detail", _("membuka halaman orang")
        EXPORT = "ekspor", _("mengekspor daftar")
        NIK_SEARCH = "cari_nik", _("mencari dengan NIK")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("pengguna"), on_delete=models.PROTECT, related_name="+"
    )
    pada = models.DateTimeField(_("waktu"), auto_now_add=True)
    aksi = models.CharField(_("aksi"), max_length=10, choices=Action.choices)
    objek = models.CharField(
        _("data"), max_length=120, blank=True, help_text=_("Jenis dan nomor data, mis. santripreneur #12.")
    )
    filter = models.CharField(_("filter"), max_length=500, blank=True)
    jumlah_baris = models.PositiveIntegerField(_("jumlah baris"), null=True, blank=True)
    alamat_ip = models.GenericIPAddressField(_("alamat IP"), null=True, blank=True)

    class Meta:
        verbose_name = _("akses data pribadi")
        verbose_name_plural = _("log akses data pribadi")
        ordering = ["-pada", "-id"]
        # The audit question "what did this user open, newest first" (admin changelist filtered by user).
        indexes = [models.Index(fields=["user", "-pada"], name="pd_access_user_time")]

    def __str__(self):
        return f"{self.user} {self.get_aksi_display()} {self.objek} ({self.pada:%Y-%m-%d %H:%M})"

    def get_absolute_url(self):
        return reverse("admin:pesantren_personaldataaccess_change", args=[self.pk])
