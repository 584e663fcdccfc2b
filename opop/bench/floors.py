"""The floor of each benchmarked piece of work: the same work with nothing of ours around it (issue 18).

- a page: the SQL the page itself ran (captured from one request), replayed bare through a psycopg connection of
  its own, in a transaction that is rolled back (a page may write its session or an access-log row);
- an import: a plain COPY of the same rows into an empty temporary copy of the table (same columns, same indexes),
  and into the table itself as it stands, loaded (every row, index, constraint and trigger), rolled back;
- an export: PostgreSQL writing the same rows as CSV (COPY … TO STDOUT) into a file.

PostgreSQL only: on another database every floor is None and the bench prints a dash."""

import os
import statistics
import time

from django.db import connection
from django.test import Client


def load_average():
    """The 1-minute load average (os.getloadavg), or None where the platform has none."""
    try:
        return os.getloadavg()[0]
    except OSError:
        return None


def capture_queries(user, url):
    """(sql, params) of every query one warm request to `url` runs."""
    client = Client(HTTP_HOST="localhost")
    if user is not None:
        client.force_login(user)
    client.get(url, secure=True)
    queries = []

    def capture(execute, sql, params, many, context):
        if not many:
            queries.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        client.get(url, secure=True)
    return queries


LOCK_WAIT = "2s"  # the toy run of the tests sets it shorter: there every replay waits on the test's own locks


def _bare_connection():
    import psycopg

    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    bare = psycopg.connect(**params, cursor_factory=psycopg.ClientCursor)
    # Never wait long on a lock another connection holds (a test's open transaction): the floor is then left out.
    bare.execute(f"SET lock_timeout = '{LOCK_WAIT}'")
    bare.commit()
    return bare


def sql_floor(queries, *, repeats=30):
    """Median and p95 ms of running `queries` in order, each result fetched in full, on a bare connection."""
    if connection.vendor != "postgresql" or not queries:
        return None
    import psycopg

    timings = []
    with _bare_connection() as bare:
        try:
            _replay(bare, queries, repeats, timings)
        except psycopg.Error:  # rows the page saw that another connection cannot (a test's open transaction)
            return None
    ordered = sorted(timings)
    return {"median_ms": statistics.median(timings), "p95_ms": ordered[round(0.95 * (len(ordered) - 1))]}


def _replay(bare, queries, repeats, timings):
    for round_ in range(repeats + 3):
        started = time.perf_counter()
        with bare.cursor() as cursor:
            for sql, params in queries:
                cursor.execute(sql, params)
                if cursor.description is not None:
                    cursor.fetchall()
        if round_ >= 3:  # the first rounds warm the connection like the page's warm-up requests
            timings.append((time.perf_counter() - started) * 1000)
        bare.rollback()


def copy_floor(model, columns, rows):
    """Rows/s of a plain COPY of `rows` (tuples in `columns` order) into an empty temporary copy of model's table."""
    if connection.vendor != "postgresql":
        return None
    import psycopg

    try:
        return _copy(model._meta.db_table, columns, rows)
    except psycopg.Error:  # the table is locked by another connection (a test's open transaction)
        return None


def loaded_copy_floor(model, columns, rows):
    """Rows/s of a plain COPY of `rows` into model's own table as it stands, committed: loaded (a million rows at
    bench scale), with all its indexes, constraints and foreign-key triggers. The rows are deleted and the table
    vacuumed after, so they cost the next writer of the same keys nothing."""
    if connection.vendor != "postgresql":
        return None
    import psycopg

    table, pk = model._meta.db_table, model._meta.pk.column
    try:
        with _bare_connection() as bare, bare.cursor() as cursor:
            cursor.execute(f"SELECT coalesce(max({pk}), 0) FROM {table}")
            last = cursor.fetchone()[0]
            bare.commit()
            elapsed = _timed_copy(bare, table, columns, rows)
            cursor.execute(f"DELETE FROM {table} WHERE {pk} > %s", [last])
            bare.commit()
            bare.autocommit = True
            cursor.execute(f"VACUUM {table}")
    except psycopg.Error:  # the table is locked by another connection (a test's open transaction)
        return None
    return len(rows) / elapsed


def _timed_copy(bare, table, columns, rows):
    """Seconds of a plain COPY of `rows` into `table`, committed."""
    started = time.perf_counter()
    with bare.cursor() as cursor, cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
    bare.commit()
    return time.perf_counter() - started


def _copy(table, columns, rows):
    with _bare_connection() as bare, bare.cursor() as cursor:
        like = f"LIKE {table} INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING INDEXES"
        cursor.execute(f"CREATE TEMPORARY TABLE floor_copy ({like})")
        elapsed = _timed_copy(bare, "floor_copy", columns, rows)
        cursor.execute("DROP TABLE floor_copy")
        bare.commit()
    return len(rows) / elapsed


def csv_floor(queryset, path):
    """Rows/s of PostgreSQL writing the rows of `queryset` (a values_list) as CSV into the file at `path`."""
    if connection.vendor != "postgresql":
        return None
    sql, params = queryset.query.sql_with_params()
    rows = 0
    with _bare_connection() as bare, bare.cursor() as cursor, open(path, "wb") as out:
        started = time.perf_counter()
        with cursor.copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv, HEADER)", params) as copy:
            for block in copy:
                out.write(block)
                rows += bytes(block).count(b"\n")
        elapsed = time.perf_counter() - started
    return max(rows - 1, 0) / elapsed
