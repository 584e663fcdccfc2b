"""What the portal tells a user: one row per message per recipient (the in-app inbox); the e-mail copy is sent
from it by a background task (tasks.py)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from opop.common.reader_language import shown


class Jenis(models.TextChoices):
    DIAJUKAN = "diajukan", _("Diajukan ke Diskop")
    DIKEMBALIKAN = "dikembalikan", _("Dikembalikan ke OPD")
    DIVERIFIKASI = "diverifikasi", _("Diverifikasi")
    DIBUKA_KEMBALI = "dibuka_kembali", _("Dibuka kembali")
    KOMENTAR = "komentar", _("Komentar")
    TENGGAT = "tenggat", _("Pengingat tenggat")
    TERLAMBAT = "terlambat", _("Laporan terlambat")
    PEKERJAAN = "pekerjaan", _("Pekerjaan latar selesai")
    REKAP = "rekap", _("Rekap dasbor tidak cocok")


class Notifikasi(models.Model):
    penerima = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("penerima"), on_delete=models.CASCADE, related_name="notifikasi"
    )
    jenis = models.CharField(_("jenis"), max_length=20, choices=Jenis.choices)
    judul = models.CharField(_("judul"), max_length=200)
    isi = models.TextField(_("isi"), blank=True)
    # A path inside the portal (never another site): checked when the inbox opens it.
    tautan = models.CharField(_("tautan"), max_length=300)
    # Reminders carry a key, so the same reminder is never sent twice to one person (send_reminders runs often).
    kunci = models.CharField(_("kunci"), max_length=120, blank=True)
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    dibaca_pada = models.DateTimeField(_("dibaca pada"), null=True, blank=True)
    email_dikirim_pada = models.DateTimeField(_("email dikirim pada"), null=True, blank=True)
    # The untranslated texts and their values ({"judul": msgid, "isi": msgid, "nilai": {...}}), so the inbox shows the
    # message in the reader's language; `judul`/`isi` keep the portal language's wording (the e-mail, older rows).
    teks = models.JSONField(_("teks asli"), default=dict, blank=True)

    class Meta:
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        ordering = ["-dibuat_pada", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["penerima", "kunci"],
                condition=~Q(kunci=""),
                name="notifikasi_once_per_key",
                violation_error_message=_("Pengingat ini sudah dikirim kepada pengguna tersebut."),
            )
        ]
        indexes = [
            # The inbox (a user's messages, newest first) and the navbar's unread count.
            models.Index(fields=["penerima", "dibaca_pada", "-dibuat_pada"], name="notifikasi_inbox"),
        ]

    def __str__(self):
        return self.judul

    def get_absolute_url(self):
        return reverse("notifications:list")

    def _in_reader_language(self, part):
        original = self.teks.get(part)
        if isinstance(original, str) and original:  # stored as (msgid, values) before reader_language kept messages
            original = {"msgid": original, "nilai": self.teks.get("nilai", {})}
        if not original or not original.get("msgid"):
            return getattr(self, part)
        return shown(original, fallback=getattr(self, part))

    @property
    def judul_dibaca(self):
        """The title in the active language (the stored wording when the message kept no original text)."""
        return self._in_reader_language("judul")

    @property
    def isi_dibaca(self):
        return self._in_reader_language("isi")

    @property
    def unread(self):
        return self.dibaca_pada is None
