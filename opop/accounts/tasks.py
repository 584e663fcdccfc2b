"""The password-reset mail, written and sent by the worker so that the request takes the same path and time
whether the address has an account or not. Its arguments are account ids (possibly none), never the address."""

from django.contrib.auth.forms import PasswordResetForm
from django.utils import translation
from django_tasks import task

from opop.accounts.models import User


@task()
def send_password_reset(user_ids: list, domain: str, use_https: bool, language: str):
    """Django's own reset mail, to the accounts the request found (they share the address it was asked for)."""
    emails = set(User.objects.filter(pk__in=user_ids, is_active=True).values_list("email", flat=True))
    with translation.override(language):
        for email in emails:
            form = PasswordResetForm({"email": email})
            if form.is_valid():
                form.save(domain_override=domain, use_https=use_https)
