"""Password-reset requests are throttled per client address and per e-mail address, so the form cannot be used to
flood a colleague's inbox or to probe many addresses. The count is the same whether the e-mail has an account or
not, so the answer reveals nothing about who is registered. Nor does the time it takes: the request looks the address
up and queues one task either way (the ids it found, maybe none); the worker writes and sends the mail."""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from opop.accounts.models import PasswordResetRequest
from opop.accounts.tasks import send_password_reset
from opop.common.client_address import client_address

WINDOW = timedelta(hours=1)


def _email_hash(email):
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


def reset_allowed(request, email) -> bool:
    """Record this request and say whether it is within both limits of the last hour."""
    since = timezone.now() - WINDOW
    PasswordResetRequest.objects.filter(dibuat_pada__lt=since).delete()
    address, digest = client_address(request), _email_hash(email)
    recent = PasswordResetRequest.objects.filter(dibuat_pada__gte=since)
    allowed = (
        recent.filter(alamat_ip=address).count() < settings.PASSWORD_RESET_LIMIT_PER_ADDRESS
        and recent.filter(email_hash=digest).count() < settings.PASSWORD_RESET_LIMIT_PER_ACCOUNT
    )
    PasswordResetRequest.objects.create(alamat_ip=address, email_hash=digest)
    return allowed


class QueuedPasswordResetForm(PasswordResetForm):
    def save(self, *, domain_override=None, use_https=False, request=None, **kwargs):
        """Queue the mail instead of sending it here; its arguments are account ids, never the address."""
        ids = [user.pk for user in self.get_users(self.cleaned_data["email"])]
        domain = domain_override or request.get_host()
        send_password_reset.enqueue(ids, domain, use_https, translation.get_language())


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    form_class = QueuedPasswordResetForm

    def form_valid(self, form):
        if not reset_allowed(self.request, form.cleaned_data["email"]):
            form.add_error(
                None,
                _(
                    "Terlalu banyak permintaan atur ulang kata sandi dari alamat ini atau untuk email ini. "
                    "Coba lagi satu jam lagi, atau hubungi admin portal."
                ),
            )
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().form_valid(form)
