"""Who may call the API at all: a signed-in user (token or session); a read-only token only reads. What they may
read or change is then decided exactly as on the pages: the `*_visible_to` selectors (404) and the apps'
`<entity>_for(user, pk, may=…)` lookups and services (403)."""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from opop.api.models import ApiToken


class SignedInWithinTokenAccess(BasePermission):
    message = _("Token ini hanya untuk membaca; buat token baca-tulis untuk mengirim data.")

    def has_permission(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return False
        token = request.auth if isinstance(request.auth, ApiToken) else None
        return request.method in SAFE_METHODS or token is None or token.may_write


class Anyone(BasePermission):
    """The OpenAPI document and its viewers: each reader gets the document of their own role."""

    def has_permission(self, request, view):
        return True
