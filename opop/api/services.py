"""Writes of API tokens: made (the secret returned once, only its hash stored) and revoked."""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opop.accounts.permissions import can_administer
from opop.api.models import PREFIX, ApiToken, secret_hash


def _new_secret():
    kunci = secrets.token_hex(6)  # 12 hex characters
    return kunci, f"{PREFIX}_{kunci}_{secrets.token_urlsafe(32)}"


@transaction.atomic
def api_token_create(*, actor, user, nama, akses, hari=None, jaringan=""):
    """A new token of `user` valid `hari` days (default API_TOKEN_DEFAULT_DAYS, at most API_TOKEN_MAX_DAYS).
    Returns (token, secret): the secret exists only in this return value. Only the user themself, or an Admin for a
    service account, makes a token."""
    if actor.pk != user.pk and not can_administer(actor):
        raise PermissionDenied(_("Token hanya dapat dibuat oleh pemiliknya atau Admin."))
    hari = settings.API_TOKEN_DEFAULT_DAYS if hari is None else hari
    if not 1 <= hari <= settings.API_TOKEN_MAX_DAYS:
        raise ValidationError({"hari": _("Masa berlaku 1 sampai %(max)s hari.") % {"max": settings.API_TOKEN_MAX_DAYS}})
    kunci, secret = _new_secret()
    token = ApiToken(
        user=user,
        nama=nama,
        akses=akses,
        jaringan=jaringan,
        kunci=kunci,
        hash_rahasia=secret_hash(secret),
        berlaku_sampai=timezone.now() + datetime.timedelta(days=hari),
        dibuat_oleh=actor,
    )
    token.full_clean()
    token.save()
    return token, secret


@transaction.atomic
def api_token_revoke(*, actor, token):
    if actor.pk != token.user_id and not can_administer(actor):
        raise PermissionDenied(_("Token hanya dapat dicabut oleh pemiliknya atau Admin."))
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.dicabut_pada is None:
        token.dicabut_pada = timezone.now()
        token.save(update_fields=["dicabut_pada"])
    return token
