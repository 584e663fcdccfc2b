"""Optimistic locking: a form carries the version of the row it was loaded from; a save against a newer row is refused.

The version is the row's `diubah_pada` (TimeStampedModel), written as an ISO timestamp in UTC. Services lock the
row (`select_for_update`) before comparing, so two simultaneous saves cannot both pass."""

import datetime
import zlib

from django.core.exceptions import ValidationError
from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opop.common.formatting import tanggal


def version_of(obj) -> str:
    """The version token to put in a hidden form field ("" for an unsaved object)."""
    stamp = getattr(obj, "diubah_pada", None)
    if obj.pk is None or stamp is None:
        return ""
    return stamp.astimezone(datetime.UTC).isoformat()


class StaleObjectError(ValidationError):
    """Someone saved the object after the form was loaded."""


def check_version(current, token):
    """Raise StaleObjectError when `current` (freshly read, locked) is newer than the version in `token`."""
    if version_of(current) == (token or ""):
        return
    last = current.history.select_related("history_user").first() if hasattr(current, "history") else None
    who = (last.history_user if last is not None else None) or _("pengguna lain")
    when = tanggal(current.diubah_pada, with_time=True) if current.pk else "—"
    raise StaleObjectError(
        _("Data ini sudah diubah oleh %(who)s pada %(when)s; muat ulang halaman.") % {"who": who, "when": when},
        code="stale",
    )


# What the loser of two writes of the same new key is told: an import's check under the lock (opop.imports.engine)
# and, as the backstop, a job refused by the unique index (opop.jobs.runner).
KEY_CLASH = gettext_lazy(
    "Data dalam berkas bentrok dengan data yang baru saja disimpan pengguna lain (misalnya NIK yang sama); tidak ada "
    "data yang ditulis. Tekan “Coba lagi” untuk memeriksa ulang dan menulis."
)


def lock_unique_keys(model):
    """Take the lock that orders every write of new unique keys (NIK, NSPP) into `model`'s table, held to the end of
    the caller's transaction: an import's claim of its new keys (opop.imports.engine.claim_new_keys) and a form's
    create take turns, so whoever comes second finds the other's row and says so, instead of the database refusing
    it with an error that quotes the key in its log. On SQLite the IMMEDIATE write transaction is already the lock."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [zlib.crc32(model._meta.db_table.encode())])
