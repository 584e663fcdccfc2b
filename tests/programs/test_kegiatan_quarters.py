"""The quarter cell of an uploaded plan line (issue 27): what officers and agencies write, ranges expanded; anything
else refused with examples an officer can copy."""

import pytest

from opop.imports.columns import CellError
from programs.importers import parse_quarters


@pytest.mark.parametrize(
    ("cell", "quarters"),
    [
        ("TW I", "1"),
        ("TW I, TW III", "13"),
        ("TW III - TW IV", "34"),
        ("TW I s/d TW IV", "1234"),
        ("TW I S.D. TW III", "123"),
        ("TW II sampai TW IV", "234"),
        ("I-IV", "1234"),
        ("TW III-IV", "34"),
        ("TW II – TW III", "23"),
        ("1,2", "12"),
        ("1-3", "123"),
        ("12", "12"),
        ("Triwulan II", "2"),
        ("triwulan I dan triwulan IV", "14"),
        ("TW I, TW III - TW IV", "134"),
        ("", "1234"),
        (None, "1234"),
    ],
)
def test_quarter_cells_as_officers_write_them(cell, quarters):
    assert parse_quarters(cell) == quarters


@pytest.mark.parametrize("cell", ["TW V", "TW IV - TW II", "TW I -", "- TW II", "Januari", "TW I s/d", "5"])
def test_other_cells_are_refused_with_readable_examples(cell):
    with pytest.raises(CellError) as refused:
        parse_quarters(cell)
    message = refused.value.message
    assert "TW III - TW IV" in message and "TW I s/d TW IV" in message and "(12)" not in message
