"""Row counts and checksums of every table, to show that a migration keeps the data (issue 12's renames).

A table's checksum is order-independent: each row becomes its column→value pairs (column names passed through
`columns`, so a renamed column compares equal), sorted, then hashed."""

import hashlib

from django.db import connection


def db_fingerprint(*, tables=None, columns=None, values=None):
    """{table: (row count, sha256)}; `tables`, `columns` and `values` map old names to new ones before hashing."""
    tables, columns, values = tables or {}, columns or {}, values or (lambda table, value: value)
    result = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 - table names from the introspection
            names = [columns.get(column[0], column[0]) for column in cursor.description]
            rows = sorted(
                repr(sorted(zip(names, (values(table, value) for value in row), strict=True)))
                for row in cursor.fetchall()
            )
            digest = hashlib.sha256("\n".join(rows).encode()).hexdigest()
            result[tables.get(table, table)] = (len(rows), digest)
    return result
