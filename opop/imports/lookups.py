"""Reading many keys from a table at once (an import's NIKs and duplicate keys, the twin flags it refreshes).

`among(Model, "nik", niks)` filters like `nik__in=niks`; on PostgreSQL the list is one array parameter (`nik = ANY(%s)`)
rather than one placeholder each: Django and psycopg spend about as long on 100 000 placeholders as the database
spends finding the rows. Callers still slice the values for SQLite's variable limit (`slices`)."""

from django.contrib.postgres.fields import ArrayField
from django.db import connection
from django.db.models import F, Lookup, Q, Value

SLICE = 5000  # values per IN (…) on SQLite, well under its variable limit
# Values per array on PostgreSQL: a 100 000-row file's keys in one scan with a hashed ANY; a longer file's keys (and
# what they find) are not all held at once (a 250 000-row check held ~100 MB more, issue 32).
ARRAY_SLICE = 100_000


class _AnyOf(Lookup):
    lookup_name = "any_of"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", (*lhs_params, *rhs_params)


def among(model, name, values):
    """Rows of `model` whose field `name` is one of `values`."""
    if connection.vendor != "postgresql":
        return Q(**{f"{name}__in": values})
    field = model._meta.get_field(name)
    array = Value(list(values), output_field=ArrayField(field.target_field if field.is_relation else field))
    return _AnyOf(F(name), array)


def slices(values):
    """`values` in slices for IN (…) lists: SQLite limits a statement's variables; PostgreSQL takes up to
    ARRAY_SLICE keys in one array, one scan of the table with a hashed ANY instead of one scan per slice."""
    values = list(values)
    size = SLICE if connection.vendor != "postgresql" else ARRAY_SLICE
    for start in range(0, len(values), size):
        yield values[start : start + size]
