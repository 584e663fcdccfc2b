"""Deployment checks of our own, run by `manage.py check --deploy` beside Django's."""

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def trusted_proxies_behind_a_proxy(app_configs, **kwargs):
    """Behind a TLS proxy every request comes from the proxy's address: without TRUSTED_PROXIES the lockout counts
    all failed logins as one client's, and five wrong passwords lock everyone out (docs/DEPLOY.md)."""
    if settings.BEHIND_TLS_PROXY and not settings.TRUSTED_PROXIES:
        return [
            Error(
                "BEHIND_TLS_PROXY=True tetapi TRUSTED_PROXIES kosong: semua permintaan tampak datang dari alamat "
                "proxy, sehingga penguncian login mengunci semua orang sekaligus.",
                hint="Isi TRUSTED_PROXIES dengan alamat proxy (mis. 127.0.0.1,::1 untuk nginx di server yang sama).",
                id="opop.E001",
            )
        ]
    return []
