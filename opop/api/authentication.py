"""`Authorization: Bearer opop_<kunci>_<rahasia>`: the request is the token owner's, within what the token allows
(permissions.py: read-only tokens, and the owner's own rights through the selectors).

Every refused token (unknown, wrong secret, expired, revoked, from a network it does not allow) is counted per client
address like failed logins: after AXES_FAILURE_LIMIT of them within AXES_COOLOFF_TIME the address is refused every
token until the cool-off has passed (429), whatever it sends. The address is the one the lockout of the login page
reads (opop/common/client_address.py)."""

import hmac

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from opop.api.models import PREFIX, ApiToken, ApiTokenFailure, secret_hash
from opop.common.client_address import client_address

KEYWORD = b"bearer"
# Last use is written at most this often per token (one UPDATE per minute, not one per request).
LAST_USED_RESOLUTION = 60


class TooManyFailures(exceptions.Throttled):
    default_detail = gettext_lazy("Terlalu banyak percobaan token yang gagal dari alamat ini. Coba lagi nanti.")


def _locked_out(address):
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    recent = ApiTokenFailure.objects.filter(alamat_ip=address, pada__gte=since)
    return recent.count() >= settings.AXES_FAILURE_LIMIT


def _refuse(address, message):
    ApiTokenFailure.objects.create(alamat_ip=address)
    raise exceptions.AuthenticationFailed(message)


class ApiTokenAuthentication(BaseAuthentication):
    def authenticate(self, request):
        header = get_authorization_header(request).split()
        if not header or header[0].lower() != KEYWORD:
            return None  # no token: the session may authenticate, or the request stays anonymous (401)
        address = client_address(request)
        if _locked_out(address):
            raise TooManyFailures(wait=int(settings.AXES_COOLOFF_TIME.total_seconds()))
        if len(header) != 2:
            _refuse(address, _("Header Authorization harus berbentuk “Bearer <token>”."))
        try:
            secret = header[1].decode("ascii")
        except UnicodeDecodeError:
            secret = ""
        parts = secret.split("_", 2)  # the random part may hold "_" itself
        if len(parts) != 3 or parts[0] != PREFIX:
            _refuse(address, _("Token tidak dikenal."))
        token = ApiToken.objects.select_related("user", "user__opd").filter(kunci=parts[1]).first()
        if token is None or not hmac.compare_digest(token.hash_rahasia, secret_hash(secret)):
            _refuse(address, _("Token tidak dikenal."))
        if token.dicabut_pada is not None:
            _refuse(address, _("Token ini sudah dicabut."))
        if token.is_expired:
            _refuse(address, _("Token ini sudah kedaluwarsa; buat token baru di halaman akun."))
        if not token.allows_address(address):
            _refuse(address, _("Token ini tidak boleh dipakai dari alamat jaringan ini."))
        if not token.user.is_active:
            _refuse(address, _("Akun pemilik token ini tidak aktif."))
        self._mark_used(token)
        return token.user, token

    def _mark_used(self, token):
        now = timezone.now()
        if token.terakhir_dipakai is None or (now - token.terakhir_dipakai).total_seconds() > LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=token.pk).update(terakhir_dipakai=now)
            token.terakhir_dipakai = now

    def authenticate_header(self, request):
        return 'Bearer realm="api"'
