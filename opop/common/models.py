from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """Creation and last-change times; `diubah_pada` also serves as the version for optimistic locking."""

    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)

    class Meta:
        abstract = True


class UsedFormToken(models.Model):
    """A create form's one-time token, recorded in the transaction that created the row (opop/common/idempotency.py).
    The unique token makes a second submission of the same form — a double click, a resent POST, another worker
    at the same moment — find the first one's row instead of creating another."""

    token = models.CharField(_("token"), max_length=32)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("pengguna"), on_delete=models.CASCADE, related_name="+"
    )
    url = models.CharField(_("alamat hasil"), max_length=300, blank=True)
    used_at = models.DateTimeField(_("dipakai pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("token formulir")
        verbose_name_plural = _("token formulir")
        ordering = ["-used_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["token"], name="usedformtoken_once", violation_error_message=_("Formulir ini sudah dikirim.")
            )
        ]
        # create_once's clean-up: DELETE ... WHERE used_at < now - FORM_TOKEN_DAYS
        indexes = [models.Index(fields=["used_at"], name="usedformtoken_used_at")]

    def __str__(self):
        return self.token

    def get_absolute_url(self):
        return self.url
