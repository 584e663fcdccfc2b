from decimal import Decimal

import pytest
from openpyxl import Workbook

from opop.common.spreadsheet import TextCell, append_row, safe_cell


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+62812", "'+62812"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=cmd", "'\t=cmd"),
        ("Pelatihan", "Pelatihan"),
        (5, 5),
        (Decimal("1.5"), Decimal("1.5")),
        (-5, -5),
        (None, None),
    ],
)
def test_safe_cell_neutralises_formulas_but_keeps_numbers(value, expected):
    assert safe_cell(value) == expected


def test_text_cells_keep_leading_zeros_and_dots():
    sheet = Workbook().active
    append_row(sheet, [TextCell("510035170239"), TextCell("2.17.07.1.01.0002"), TextCell("0012")])
    assert [c.value for c in sheet[1]] == ["510035170239", "2.17.07.1.01.0002", "0012"]
    assert {c.number_format for c in sheet[1]} == {"@"}
