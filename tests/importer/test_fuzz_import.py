"""Hypothesis against the import engine: whatever bytes or cells arrive, the engine answers with messages,
never an exception, and writes either every row or none."""

import csv
import io

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from opop.imports.engine import run_import
from opop.imports.reading import FileProblem, read_table
from opop.imports.registry import get_spec
from pesantren.models import Santripreneur
from tests.importer.data import SANTRI_HEADERS, to_xlsx

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

nasty_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "=cmd|' /C calc'!A0",
            "+62812",
            "@SUM(1)",
            "-1",
            "5.10035E+11",
            "3.51701E+15",
            "\x00",
            "😀",
            "NULL",
            "  ",
            "'510035170239",
            "510035170239",
            "3517010101040001",
            "31-02-2004",
            "L",
            "P",
        ]
    ),
    st.integers(5000, 40000).map(lambda n: "A" * n),  # huge cells
)
cell = st.one_of(nasty_text, st.integers(), st.floats(allow_nan=True), st.none(), st.booleans())


@FUZZ
@given(data=st.binary(max_size=3000), name=st.sampled_from(["a.csv", "a.xlsx", "a.txt", "a.pdf"]))
def test_any_bytes_give_a_file_problem_or_a_table(data, name):
    try:
        table = read_table(data, name)
    except FileProblem as problem:
        assert str(problem)
    else:
        assert isinstance(table.headers, list)


@FUZZ
@given(rows=st.lists(st.lists(nasty_text, min_size=0, max_size=12), max_size=15))
def test_any_csv_cells_answer_with_messages_and_write_all_or_nothing(pesantren_nspps, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(SANTRI_HEADERS)
    writer.writerows(rows)
    before = Santripreneur.objects.count()
    result = run_import(
        get_spec("santripreneur"), buffer.getvalue().encode("utf-8", "surrogatepass"), "f.csv", actor=None, commit=True
    )
    written = Santripreneur.objects.count() - before
    if result.committed:
        assert written == result.counts["create"]
    else:
        assert written == 0
        assert result.error_list(), "a refused file must say why"


@FUZZ
@given(rows=st.lists(st.lists(cell, min_size=9, max_size=9), min_size=1, max_size=8))
def test_any_typed_xlsx_cells_answer_with_messages(pesantren_nspps, rows):
    clean_rows = [[c if not isinstance(c, str) else c.replace("\x00", "") for c in row] for row in rows]
    try:
        data = to_xlsx(SANTRI_HEADERS, clean_rows)
    except Exception:  # openpyxl itself refuses control characters; such a file cannot exist
        assume(False)
    before = Santripreneur.objects.count()
    result = run_import(get_spec("santripreneur"), data, "f.xlsx", actor=None, commit=True)
    assert result.committed or Santripreneur.objects.count() == before
