"""Keyset ("seek") pagination for lists that reach a million rows.

OFFSET pagination reads and throws away every row before the page, so page 20 000 of the santripreneur list
would scan half a million index entries. A keyset page instead starts *after* the last row shown, using the
sort column with `id` as the tie-breaker: every page costs the same as the first. The price is that the pager
offers first / previous / next rather than numbered pages, and the total is counted only up to a cap.

The cursor is opaque to the user (base64 of JSON) and carries only the sort value and the id of the edge row:
never personal data, since only non-personal columns are sortable.
"""

import base64
import binascii
import json
from dataclasses import dataclass

from django.db.models import Q

from opop.common.text import control_character

COUNT_CAP = 10_000
BIGINT_LIMIT = 2**63


@dataclass
class KeysetPage:
    items: list
    has_next: bool
    has_previous: bool
    next_cursor: str = ""
    previous_cursor: str = ""
    is_first: bool = True


def encode_cursor(direction, value, pk):
    raw = json.dumps([direction, value, pk], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(token):
    """('n' | 'p', value, pk) or None for a missing or tampered cursor (which then means: first page)."""
    if not token:
        return None
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        direction, value, pk = json.loads(raw)
    except (binascii.Error, ValueError, TypeError):
        return None
    if direction not in ("n", "p") or not isinstance(pk, int) or not isinstance(value, (str, int)):
        return None
    # A hand-edited cursor must not reach the database as a value it refuses (a 500 on PostgreSQL).
    if isinstance(value, bool) or not 0 < pk < BIGINT_LIMIT:
        return None
    if isinstance(value, int) and not -BIGINT_LIMIT < value < BIGINT_LIMIT:
        return None
    if isinstance(value, str) and (len(value) > 1000 or control_character(value)):
        return None
    return direction, value, pk


def _after(field, value, pk, descending):
    """Rows after (value, pk) in the order (field, id), both ascending or both descending.

    Written as `field >= v AND (field > v OR id > pk)` rather than a plain OR, so the first term is an index
    range condition on every database."""
    if descending:
        return Q(**{f"{field}__lte": value}) & (Q(**{f"{field}__lt": value}) | Q(pk__lt=pk))
    return Q(**{f"{field}__gte": value}) & (Q(**{f"{field}__gt": value}) | Q(pk__gt=pk))


def keyset_page(queryset, *, field, descending=False, cursor=None, per_page=25):
    """One page of `queryset` ordered by (`field`, id). `field` must be a non-null column of the model."""
    order = [f"-{field}", "-pk"] if descending else [field, "pk"]
    reverse_order = [field, "pk"] if descending else [f"-{field}", "-pk"]
    decoded = decode_cursor(cursor)

    if decoded is None:
        rows = list(queryset.order_by(*order)[: per_page + 1])
        has_next, has_previous = len(rows) > per_page, False
        rows = rows[:per_page]
    elif decoded[0] == "n":
        _, value, pk = decoded
        rows = list(queryset.filter(_after(field, value, pk, descending)).order_by(*order)[: per_page + 1])
        has_next, has_previous = len(rows) > per_page, True
        rows = rows[:per_page]
    else:
        _, value, pk = decoded
        rows = list(queryset.filter(_after(field, value, pk, not descending)).order_by(*reverse_order)[: per_page + 1])
        has_previous, has_next = len(rows) > per_page, True
        rows = list(reversed(rows[:per_page]))

    page = KeysetPage(items=rows, has_next=has_next, has_previous=has_previous, is_first=not has_previous)
    if rows:
        if has_next:
            page.next_cursor = encode_cursor("n", _value(rows[-1], field), rows[-1].pk)
        if has_previous:
            page.previous_cursor = encode_cursor("p", _value(rows[0], field), rows[0].pk)
    return page


def _value(obj, field):
    if field in ("pk", "id"):
        return obj.pk
    value = obj
    for part in field.split("__"):
        value = getattr(value, part)
    return value


def capped_count(queryset, cap=None):
    """How many rows match, counting no further than `cap` + 1 (so a broad filter on a million rows stays cheap).
    Returns (count, more) where `more` says the true number is larger than `cap`."""
    cap = cap or COUNT_CAP
    n = queryset.order_by()[: cap + 1].count()
    return min(n, cap), n > cap
