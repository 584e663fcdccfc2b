"""Reads of API tokens: a user's own tokens (the account page); Admins see every token in Django admin."""

from opop.api.models import ApiToken


def api_tokens_visible_to(user):
    if not getattr(user, "is_authenticated", False):
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user=user)
