"""Create forms are idempotent: the same form posted twice creates one row.

A create form carries a one-time token (`opop.common.forms.VersionedForm`). `create_once` records the token
(unique in the database) in the same transaction as the create, before it: a second POST with that token —
even from another worker at the same moment, which waits on the unique index until the first commits — finds
it used and gets the address of the row the first one created instead of creating another. When the first
attempt fails (invalid data, rolled back) the token is not used up, so the corrected form can be sent again."""

import datetime
import functools

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from opop.common.models import UsedFormToken

FORM_TOKEN_DAYS = 7  # a form resent after this long is treated as new


class AlreadySubmitted(Exception):
    """The form was already sent; `url` is where the first submission's row is (or "" when not the actor's)."""

    def __init__(self, url):
        super().__init__(_("Formulir ini sudah dikirim sebelumnya; data hanya disimpan sekali."))
        self.url = url
        self.message = self.args[0]


def create_once(*, actor, token, create):
    """Run `create()` (returning a model instance with get_absolute_url) unless `token` was already used.
    An empty token (a script's POST, a page loaded before tokens existed) just creates."""
    if not token:
        return create()
    with transaction.atomic():
        try:
            with transaction.atomic():
                used = UsedFormToken.objects.create(token=token, user=actor)
        except IntegrityError:
            first = UsedFormToken.objects.filter(token=token).first()
            raise AlreadySubmitted(first.url if first is not None and first.user_id == actor.pk else "") from None
        obj = create()
        used.url = obj.get_absolute_url()
        used.save(update_fields=["url"])
    UsedFormToken.objects.filter(used_at__lt=timezone.now() - datetime.timedelta(days=FORM_TOKEN_DAYS)).delete()
    return obj


def redirect_if_already_submitted(view):
    """View decorator for create views: a POST whose token was already used shows a message and goes to the row
    the first submission created, before the form is validated again (a second validation would only report
    the first row as a duplicate); a race that slips past this check is caught by `create_once`."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        token = request.POST.get("token", "") if request.method == "POST" else ""
        used = UsedFormToken.objects.filter(token=token, user=request.user.pk).first() if token else None
        try:
            if used is not None:
                raise AlreadySubmitted(used.url)
            return view(request, *args, **kwargs)
        except AlreadySubmitted as done:
            messages.info(request, done.message)
            return redirect(done.url or request.path)

    return wrapper
