"""The published versions of the open data (/data-terbuka/): each version keeps every dataset's rows as published,
so an old version stays downloadable with the numbers it had, whatever the registry holds today."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Publikasi(models.Model):
    """One published version (versi 1, 2, …) of every dataset. `isi`: {dataset kode: [rows]}, each row the tidy
    columns of opop/opendata/datasets.py COLUMNS in order. Written once by `publikasi_create`, never changed."""

    nomor = models.PositiveIntegerField(_("versi"))
    diterbitkan_pada = models.DateTimeField(_("diterbitkan pada"), default=timezone.now)
    diterbitkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("diterbitkan oleh"), on_delete=models.PROTECT, related_name="+"
    )
    catatan = models.TextField(_("catatan"), blank=True)
    isi = models.JSONField(_("isi dataset"))

    class Meta:
        verbose_name = _("publikasi data terbuka")
        verbose_name_plural = _("publikasi data terbuka")
        ordering = ["-nomor"]
        constraints = [
            models.UniqueConstraint(
                fields=["nomor"],
                name="publikasi_one_per_version",
                violation_error_message=_("Versi ini sudah diterbitkan; muat ulang halaman."),
            ),
            models.CheckConstraint(
                condition=Q(nomor__gte=1),
                name="publikasi_version_from_one",
                violation_error_message=_("Nomor versi mulai dari 1."),
            ),
        ]

    def __str__(self):
        return _("Versi %(nomor)s") % {"nomor": self.nomor}

    def get_absolute_url(self):
        return reverse("opendata:index")
