"""How a write arrived, for its history: "via API token <name>" when through a token (opop.common.audit)."""

from contextlib import nullcontext

from django.utils.translation import gettext as _

from opop.api.models import ApiToken
from opop.common.audit import attributed_via


def via(request):
    token = request.auth if isinstance(request.auth, ApiToken) else None
    return _("via API token %(nama)s") % {"nama": token.nama} if token is not None else ""


def written_via(request):
    """The context every API write runs in: its history rows name the token (nothing for the browser's session)."""
    channel = via(request)
    return attributed_via(channel) if channel else nullcontext()
