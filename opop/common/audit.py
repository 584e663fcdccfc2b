"""The audit trail: every write goes through `audited_save`/`audited_delete` so history rows carry who and why.

django-simple-history writes the history row on save; the request middleware fills the user for web requests,
and services pass `actor` explicitly so command-line and background writes are attributed too."""

import contextlib
import contextvars

from django.db import transaction

# How the writes of the current request arrived, when not through the pages: "via API token e-Monev" (opop/api).
_CHANNEL = contextvars.ContextVar("audit_channel", default="")


@contextlib.contextmanager
def attributed_via(channel):
    """Every history row written inside says how the write arrived (its reason ends with "(channel)"), so a write
    through an API token can be told from the same user's write on a page."""
    token = _CHANNEL.set(channel)
    try:
        yield
    finally:
        _CHANNEL.reset(token)


def _reason(reason):
    channel = _CHANNEL.get()
    if not channel:
        return reason or None
    return f"{reason} ({channel})" if reason else channel


def audited_save(obj, *, actor, reason="", validate=True):
    if validate:
        obj.full_clean()
    obj._history_user = actor
    obj._change_reason = _reason(reason)
    obj.save()
    return obj


@transaction.atomic
def audited_delete(obj, *, actor, reason=""):
    obj._history_user = actor
    obj._change_reason = _reason(reason)
    obj.delete()


REDACTED = "(disembunyikan)"


def history_entries(obj, *, redact=(), limit=50):
    """The object's history newest first, each with the list of changed fields (old -> new).

    Fields named in `redact` (personal data the viewer may not see) show neither value."""
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    entries = []
    for newer, older in zip(records, records[1:] + [None], strict=False):
        changes = []
        if older is not None:
            delta = newer.diff_against(older)
            changes = [
                {
                    "field": _field_label(obj, c.field),
                    "old": REDACTED if c.field in redact else c.old,
                    "new": REDACTED if c.field in redact else c.new,
                }
                for c in delta.changes
            ]
        entries.append({"record": newer, "changes": changes})
    return entries[:limit]


def _field_label(obj, name):
    try:
        return obj._meta.get_field(name).verbose_name
    except Exception:
        return name
