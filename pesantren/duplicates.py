"""Who has a twin: `Santripreneur.ada_kembaran` is true while another record with a birth date shares the
record's duplicate key (`kunci_duplikat`: normalised name | birth date | pesantren). Writes call `refresh` with
the keys they touched (before and after) inside their own transaction; `rebuild` recomputes every flag (after COPY
loads, the data migration, or to repair: `manage.py rebuild_tallies`). Same SQL on PostgreSQL and SQLite.

The flag lets the duplicate review page read a partial index of the few records with a twin instead of grouping a
million rows; whether a pair was decided "bukan duplikat" is still asked at read time (selectors)."""

from django.db import connection
from django.db.models import Count

from opop.imports.lookups import among, slices
from pesantren.models import Santripreneur

LOCK_BUCKETS = 256  # transaction locks per write at most: PostgreSQL's lock table holds 64 per connection by default
LOCK_NAMESPACE = 7301  # the first half of each two-key advisory lock, so no other lock of the portal collides


def _among(keys):
    return among(Santripreneur, "kunci_duplikat", keys)


def _twin_keys(keys):
    return set(
        Santripreneur.objects.filter(_among(keys), tanggal_lahir__isnull=False)
        .order_by()
        .values("kunci_duplikat")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .values_list("kunci_duplikat", flat=True)
    )


def refresh(keys):
    """Set ada_kembaran right for every record whose key is in `keys` (blank keys are skipped)."""
    keys = sorted({key for key in keys if key})
    if keys and connection.vendor == "postgresql":
        _lock(keys)
    for chunk in slices(keys):  # one slice on PostgreSQL: a 100 000-row import's keys in three queries
        twins = _twin_keys(chunk)
        if twins:
            Santripreneur.objects.filter(_among(twins), ada_kembaran=False).update(ada_kembaran=True)
        single = [key for key in chunk if key not in twins]
        if single:
            Santripreneur.objects.filter(_among(single), ada_kembaran=True).update(ada_kembaran=False)


def _lock(keys):
    """Two transactions writing the same key at once would each count one record and flag neither: a transaction
    lock per bucket of keys makes the second wait for the first (PostgreSQL; SQLite writes one at a time anyway).
    Keys share LOCK_BUCKETS locks, not one each: a 50 000-row import would otherwise hold 50 000 locks and run
    PostgreSQL's lock table out of memory. All buckets are taken at once, in order, so two writers never deadlock."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(%s, b) FROM"
            " (SELECT DISTINCT hashtext(k) & %s AS b FROM unnest(%s::text[]) AS k) AS buckets ORDER BY b",
            [LOCK_NAMESPACE, LOCK_BUCKETS - 1, keys],
        )


def rebuild():
    """Recompute every flag from the rows (one GROUP BY over the registry)."""
    twins = (
        Santripreneur.objects.filter(tanggal_lahir__isnull=False)
        .order_by()
        .values("kunci_duplikat")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .values("kunci_duplikat")
    )
    Santripreneur.objects.filter(ada_kembaran=True).exclude(kunci_duplikat__in=twins).update(ada_kembaran=False)
    Santripreneur.objects.filter(ada_kembaran=False, kunci_duplikat__in=twins).update(ada_kembaran=True)


def key_of_stored(pk):
    """The duplicate key of a record as the database holds it (callers may have changed the instance)."""
    return Santripreneur.objects.filter(pk=pk).values_list("kunci_duplikat", flat=True).first()
