"""Bulk inserts of an import's new records, audited by their batch.

Records created by an import batch carry it (`import_batch`) and get no history row of their own: the batch (file,
who, when, the per-row preview) is their audit record, and their history page names it (opop/imports/audit.py).
Without a batch (the engine called directly: a script, a test) each record gets a '+' history row with the importing
user and the reason, as before. On PostgreSQL the rows (and those history rows) go in with COPY, ids taken from the
table's sequence first so a history row can point at its record; elsewhere Django's bulk_create (and
simple-history's bulk_create_with_history) do it."""

from operator import attrgetter

from django.db import connection
from django.utils import timezone
from psycopg.copy import QueuedLibpqWriter
from simple_history.utils import bulk_create_with_history, get_history_manager_for_model

PLAIN_TYPES = {
    "AutoField",
    "BigAutoField",
    "BigIntegerField",
    "BooleanField",
    "CharField",
    "DateField",
    "DateTimeField",
    "DecimalField",
    "EmailField",
    "ForeignKey",
    "IntegerField",
    "PositiveBigIntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SlugField",
    "SmallIntegerField",
    "TextField",
    "URLField",
}


def _copy_rows(table, columns, rows):
    # cursor.copy is psycopg's own API: wrap it so failures surface as Django's DatabaseError like any query.
    # The queued writer sends each buffer from a thread of its own, so the server stores one batch while Python
    # formats the next.
    with connection.wrap_database_errors, connection.cursor() as cursor:
        raw = cursor.cursor
        sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        with raw.copy(sql, writer=QueuedLibpqWriter(raw)) as copy:
            for row in rows:
                copy.write_row(row)


def _getter(field_list):
    """One row's values: psycopg adapts str, int, Decimal, date and datetime itself; other field types go through
    Django."""
    if all(f.get_internal_type() in PLAIN_TYPES for f in field_list):
        return attrgetter(*(f.attname for f in field_list))
    return lambda obj: [f.get_db_prep_save(getattr(obj, f.attname), connection) for f in field_list]


def _stamped(model):
    """The fields Django would set to now on save: COPY goes round save()."""
    return [
        f for f in model._meta.concrete_fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]


def _prepare(obj, batch, now, stamped):
    """What save() would do to a new record before it is stored, and the batch it carries (None: no batch)."""
    obj.import_batch = batch
    if hasattr(obj, "refresh_derived_fields"):  # columns computed from the row (a duplicate key)
        obj.refresh_derived_fields()
    for field in stamped:
        setattr(obj, field.attname, now)


class ImportStopped(Exception):
    """What the server is told when an import's COPY is abandoned: the import stopped, its transaction rolls back."""

    def __str__(self):
        return "the import stopped; its transaction rolls back"


class CreatedStream:
    """An import batch's new records stored while the check goes on (PostgreSQL, inside the write's transaction):
    one COPY stays open while the rows are built, so the server stores a row on its core while Python checks the
    next (issue 32: the check and the COPY one after the other could not reach half the COPY floor). The database
    numbers the rows (the batch is their audit record: no history row needs their ids). A query made while the
    COPY is open (a lookup of the check) first ends it; the next record opens another."""

    def __init__(self, model, batch):
        self.model, self.batch, self.now = model, batch, timezone.now()
        self.fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        self.stamped = _stamped(model)
        self.record = _getter(self.fields)
        self.sql = f"COPY {model._meta.db_table} ({', '.join(f.column for f in self.fields)}) FROM STDIN"
        self.cursor = self.copying = self.copy = None
        self.stored = 0

    def __enter__(self):
        self.watch = connection.execute_wrapper(self._before_query)
        self.watch.__enter__()
        return self

    def __exit__(self, *exc):
        try:
            self.end(*exc)
        finally:
            self.watch.__exit__(*exc)

    def add(self, obj):
        _prepare(obj, self.batch, self.now, self.stamped)
        with connection.wrap_database_errors:
            if self.copy is None:
                self.cursor = connection.cursor()
                raw = self.cursor.cursor
                self.copying = raw.copy(self.sql, writer=QueuedLibpqWriter(raw))
                self.copy = self.copying.__enter__()
            self.copy.write_row(self.record(obj))
        self.stored += 1

    def end(self, exc_type=None, *_exc):
        """Finish the open COPY (the server has stored every row sent when it returns); after an error, abandon it
        saying only that (psycopg sends the reason to the server, whose log must not quote a row)."""
        if self.copy is None:
            return
        copying, cursor = self.copying, self.cursor
        self.copying = self.copy = self.cursor = None
        stopped = (ImportStopped, ImportStopped(), None) if exc_type else (None, None, None)
        try:
            with connection.wrap_database_errors:
                copying.__exit__(*stopped)
        finally:
            cursor.close()

    def _before_query(self, execute, sql, params, many, context):
        self.end()
        return execute(sql, params, many, context)


def _reserve_ids(model, count):
    table, pk = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)", [table, pk, count])
        return [row[0] for row in cursor.fetchall()]


def insert_created(objs, model, *, batch, user, reason, batch_size=2000):
    """Insert unsaved `objs` (already validated): with `batch`, each carries it and no history row is written;
    without, each gets one creation history row."""
    if not objs:
        return objs
    now, stamped = timezone.now(), _stamped(model)
    for obj in objs:
        _prepare(obj, batch, now, stamped)
    if connection.vendor != "postgresql":
        if batch is not None:
            return model._default_manager.bulk_create(objs, batch_size=batch_size)
        return bulk_create_with_history(
            objs, model, batch_size=batch_size, default_user=user, default_change_reason=reason
        )
    fields = [f for f in model._meta.concrete_fields]
    for obj, pk in zip(objs, _reserve_ids(model, len(objs)), strict=True):
        obj.pk = pk
        obj._state.adding = False
        obj._state.db = connection.alias

    record = _getter(fields)
    _copy_rows(model._meta.db_table, [f.column for f in fields], (record(obj) for obj in objs))
    if batch is not None:
        return objs

    history_model = get_history_manager_for_model(model).model
    tracked = [f for f in history_model._meta.concrete_fields if f.attname in {m.attname for m in fields}]
    extra_columns = ["history_date", "history_type", "history_change_reason", "history_user_id"]
    extra = (now, "+", reason, getattr(user, "pk", None))
    history = _getter(tracked)
    _copy_rows(
        history_model._meta.db_table,
        [f.column for f in tracked] + extra_columns,
        ((*history(obj), *extra) for obj in objs),
    )
    return objs
