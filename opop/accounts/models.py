from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from opop.accounts.permissions import CUSTOM_PERMISSIONS
from opop.accounts.roles import Role


class PerangkatDaerah(models.Model):
    """A provincial agency (OPD) that supports OPOP; Diskop UKM is the lead."""

    kode = models.SlugField(_("kode"), max_length=30, unique=True)
    nama = models.CharField(_("nama"), max_length=200, unique=True)
    singkatan = models.CharField(_("singkatan"), max_length=40)
    is_lead = models.BooleanField(_("OPD pengampu"), default=False)
    aktif = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("Perangkat Daerah (OPD)")
        verbose_name_plural = _("Perangkat Daerah (OPD)")
        ordering = ["-is_lead", "nama"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_lead"],
                condition=Q(is_lead=True),
                name="opd_single_lead",
                violation_error_message=_("Hanya satu OPD yang dapat menjadi pengampu."),
            )
        ]

    def __str__(self):
        return self.singkatan or self.nama

    def get_absolute_url(self):
        return reverse("admin:accounts_perangkatdaerah_change", args=[self.pk])


class PortalUserManager(UserManager):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        extra_fields.setdefault("role", Role.ADMIN)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    role = models.CharField(_("peran"), max_length=20, choices=Role.choices, default=Role.PIMPINAN)
    opd = models.ForeignKey(
        PerangkatDaerah,
        verbose_name=_("Perangkat Daerah"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    jabatan = models.CharField(_("jabatan"), max_length=120, blank=True)
    terima_email = models.BooleanField(
        _("terima notifikasi lewat email"),
        default=True,
        help_text=_("Kotak masuk portal selalu menerima notifikasi; ini hanya salinan ke email."),
    )
    # Kept by opop.notifications (F() updates) so the navbar's bell costs no query on any page.
    notifikasi_belum_dibaca = models.PositiveIntegerField(_("notifikasi belum dibaca"), default=0, editable=False)

    objects = PortalUserManager()

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        ordering = ["username"]
        # Actions that are no model's add/change/delete/view; which role holds them: accounts.permissions.
        permissions = CUSTOM_PERMISSIONS
        constraints = [
            # A Petugas OPD works for exactly one OPD; the scoping of plans depends on it.
            models.CheckConstraint(
                condition=~Q(role=Role.PETUGAS_OPD) | Q(opd__isnull=False),
                name="user_petugas_has_opd",
                violation_error_message=_("Petugas OPD wajib terhubung dengan satu Perangkat Daerah."),
            ),
            # Django admin is for the Admin role only.
            models.CheckConstraint(
                condition=Q(role=Role.ADMIN) | Q(is_staff=False, is_superuser=False),
                name="user_only_admin_is_staff",
                violation_error_message=_("Hanya peran Admin yang boleh mengakses Django admin."),
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.username

    def get_absolute_url(self):
        return reverse("admin:accounts_user_change", args=[self.pk])

    @property
    def is_admin_role(self):
        return self.role == Role.ADMIN

    @property
    def is_staf_diskop(self):
        return self.role == Role.STAF_DISKOP

    @property
    def is_petugas_opd(self):
        return self.role == Role.PETUGAS_OPD

    @property
    def is_pimpinan(self):
        return self.role == Role.PIMPINAN


class PasswordResetRequest(models.Model):
    """One "atur ulang kata sandi" request, kept an hour to throttle them per client address and per e-mail.
    The e-mail is kept only as a hash: the table answers "how many for this address", never "whose"."""

    alamat_ip = models.GenericIPAddressField(_("alamat IP"), null=True)
    email_hash = models.CharField(_("hash email"), max_length=64)
    dibuat_pada = models.DateTimeField(_("waktu"), auto_now_add=True)

    class Meta:
        verbose_name = _("permintaan atur ulang sandi")
        verbose_name_plural = _("permintaan atur ulang sandi")
        ordering = ["-dibuat_pada"]
        indexes = [
            # The throttle's two counts: requests of the last hour for one address, and for one e-mail.
            models.Index(fields=["alamat_ip", "dibuat_pada"], name="reset_by_address"),
            models.Index(fields=["email_hash", "dibuat_pada"], name="reset_by_email"),
        ]

    def __str__(self):
        return f"{self.alamat_ip} {self.dibuat_pada:%Y-%m-%d %H:%M}"
