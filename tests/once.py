"""Helpers for the double-submit tests of create forms (opop/common/idempotency.py)."""

import re


def form_token(client, url):
    """The one-time token the create page at `url` issues, read from its HTML as a browser would."""
    html = client.get(url).content.decode()
    match = re.search(r'<input type="hidden" name="token" value="([0-9a-f]{32})"', html)
    assert match, "the create form carries no one-time token"
    return match.group(1)


def post_twice(client, url, data):
    """The same filled-in form sent twice (a double click); returns both responses."""
    data = {**data, "token": form_token(client, url)}
    return client.post(url, data), client.post(url, data)
