"""The audit trail: every write goes through `audited_save`/`audited_delete` so history rows carry who and why.

django-simple-history writes the history row on save; the request middleware fills the user for web requests,
and services pass `actor` explicitly so command-line and background writes are attributed too."""

from django.db import transaction


def audited_save(obj, *, actor, reason="", validate=True):
    if validate:
        obj.full_clean()
    obj._history_user = actor
    obj._change_reason = reason or None
    obj.save()
    return obj


@transaction.atomic
def audited_delete(obj, *, actor, reason=""):
    obj._history_user = actor
    obj._change_reason = reason or None
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
