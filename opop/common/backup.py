"""Fingerprints of every table (row count and a checksum of the sorted rows), to prove a restore is complete."""

import hashlib


def table_fingerprints(conn, *, renamed_columns=None):
    """{table: (rows, checksum)} for a DB-API connection to PostgreSQL or SQLite (psycopg / sqlite3).

    On SQLite the columns are taken in name order (read through `renamed_columns`, old → new): a migration that
    rebuilds a table there may reorder its columns without changing a value."""
    cursor = conn.cursor()
    if _is_postgres(conn):
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        tables = [row[0] for row in cursor.fetchall()]
        result = {}
        for table in tables:
            cursor.execute(
                f"SELECT count(*), coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM \"{table}\" t"
            )
            result[table] = tuple(cursor.fetchone())
        return result
    cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    result = {}
    for (table,) in cursor.fetchall():
        columns = [row[1] for row in cursor.execute(f'PRAGMA table_info("{table}")').fetchall()]
        columns.sort(key=lambda column: (renamed_columns or {}).get(column, column))
        # quote() renders each value as SQL text, untouched by any Python-side type converters.
        expression = " || ',' || ".join(f'quote("{c}")' for c in columns)
        cursor.execute(f'SELECT {expression} FROM "{table}"')
        rows = sorted(row[0] for row in cursor.fetchall())
        result[table] = (len(rows), hashlib.md5("|".join(rows).encode(), usedforsecurity=False).hexdigest())
    return result


def _is_postgres(conn):
    return type(conn).__module__.startswith("psycopg")
