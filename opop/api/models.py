"""Personal API tokens (issue 31): a partner system signs in as the user who made the token, with no more than that
user's rights, and a token can be narrowed further (read-only, allowed networks, expiry). Only a hash of the secret
is kept; the secret is shown once, when the token is made."""

import hashlib
import ipaddress

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PREFIX = "opop"


def secret_hash(secret: str) -> str:
    """SHA-256 of the whole secret. The secret is 32 random bytes, so a fast hash is enough (a slow one protects
    guessable passwords, not random keys) and each request costs one hash, not an Argon2 round."""
    return hashlib.sha256(secret.encode()).hexdigest()


def parse_networks(text):
    """The allowed client networks, one per line or comma ("10.1.0.0/16, 192.168.5.7"), as ip_network objects;
    ValueError names the entry that is not a network."""
    networks = []
    for entry in text.replace(",", "\n").split():
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            raise ValueError(entry) from None
    return networks


class ApiToken(models.Model):
    class Akses(models.TextChoices):
        BACA = "baca", _("Hanya baca")
        BACA_TULIS = "baca_tulis", _("Baca dan tulis")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("pengguna"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    nama = models.CharField(_("nama token"), max_length=100, help_text=_("Misalnya: e-Monev Dinas Kominfo."))
    # The public part of the secret ("opop_<kunci>_<rahasia>"): finds the row without a scan, shown in lists.
    kunci = models.CharField(_("kunci"), max_length=12, unique=True, editable=False)
    hash_rahasia = models.CharField(_("hash rahasia"), max_length=64, editable=False)
    akses = models.CharField(_("akses"), max_length=10, choices=Akses.choices, default=Akses.BACA)
    berlaku_sampai = models.DateTimeField(_("berlaku sampai"))
    jaringan = models.TextField(
        _("jaringan yang diizinkan"),
        blank=True,
        help_text=_("Alamat IP atau jaringan (CIDR), satu per baris. Kosong: dari mana saja."),
    )
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibuat oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    terakhir_dipakai = models.DateTimeField(_("terakhir dipakai"), null=True, blank=True, editable=False)
    dicabut_pada = models.DateTimeField(_("dicabut pada"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("token API")
        verbose_name_plural = _("token API")
        ordering = ["-dibuat_pada", "-id"]

    def __str__(self):
        return f"{self.nama} ({self.kunci})"

    def get_absolute_url(self):
        return reverse("api_tokens:list")

    def clean(self):
        super().clean()
        try:
            parse_networks(self.jaringan)
        except ValueError as error:
            raise ValidationError(
                {"jaringan": _("“%(entry)s” bukan alamat IP atau jaringan CIDR.") % {"entry": error.args[0]}}
            ) from None

    @property
    def shown(self):
        """How lists show the token: its public part only."""
        return f"{PREFIX}_{self.kunci}_…"

    @property
    def is_expired(self):
        return self.berlaku_sampai <= timezone.now()

    @property
    def is_active(self):
        return self.dicabut_pada is None and not self.is_expired

    @property
    def may_write(self):
        return self.akses == self.Akses.BACA_TULIS

    def allows_address(self, address):
        networks = parse_networks(self.jaringan)
        if not networks:
            return True
        try:
            ip = ipaddress.ip_address(address or "")
        except ValueError:
            return False
        return any(ip in network for network in networks)


class ApiTokenFailure(models.Model):
    """One refused token (unknown, wrong secret, expired, revoked, wrong network) from a client address: counted like
    failed logins (AXES_FAILURE_LIMIT within AXES_COOLOFF_TIME), after which the address is refused for a while."""

    alamat_ip = models.GenericIPAddressField(_("alamat IP"), null=True, blank=True)
    pada = models.DateTimeField(_("waktu"), default=timezone.now)

    class Meta:
        verbose_name = _("percobaan token gagal")
        verbose_name_plural = _("percobaan token gagal")
        ordering = ["-pada"]
        # The count of an address's recent failures, on every token request (authentication.py).
        indexes = [models.Index(fields=["alamat_ip", "pada"], name="apitokenfailure_ip_pada")]

    def __str__(self):
        return f"{self.alamat_ip} {self.pada:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("admin:api_apitokenfailure_changelist")
