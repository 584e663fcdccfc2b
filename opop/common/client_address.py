"""The address of the person at the other end, the one place that answers it (login lockout, personal-data log).

Behind nginx every request comes from 127.0.0.1; the real client is in X-Forwarded-For, which nginx appends to
(`$proxy_add_x_forwarded_for`). The header is believed only when the direct peer is one of TRUSTED_PROXIES, and it is
read from the right, skipping our own proxies, so whatever a client wrote into the header itself is never used."""

import ipaddress

from django.conf import settings


def _valid(address):
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_address(request) -> str | None:
    peer = _valid(request.META.get("REMOTE_ADDR", "") or "")
    trusted = set(settings.TRUSTED_PROXIES)
    if peer is None or peer not in trusted:
        return peer
    for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = _valid(hop)
        if address is None:
            return peer  # a garbled chain: fall back to the proxy rather than guess
        if address not in trusted:
            return address
    return peer
