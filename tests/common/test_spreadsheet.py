import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from opop.common.spreadsheet import BOLD, MONEY, TextCell, XlsxBook, csv_bytes, safe_cell, write_xlsx, xlsx_bytes


def test_formula_like_text_is_neutralised_and_numbers_stay_numbers():
    assert safe_cell("=cmd|' /C calc'!A0") == "'=cmd|' /C calc'!A0"
    assert safe_cell("+62812") == "'+62812"
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_cell("Pondok") == "Pondok"
    assert safe_cell(1250000) == 1250000
    assert safe_cell(None) is None
    assert safe_cell(True) == "ya"


def test_csv_has_bom_and_keeps_identifiers():
    content = csv_bytes(["NSPP", "Nama"], [["510035170239", "=HYPERLINK(1)"]]).decode("utf-8")
    assert content.startswith("\ufeffNSPP,Nama")
    assert "510035170239,'=HYPERLINK(1)" in content


def test_xlsx_stores_identifier_columns_as_text():
    content = xlsx_bytes(["NIK", "Tanggal"], [["0035170101900001", datetime.date(2024, 1, 2)]], text_columns=[0])
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet["A2"].value == "0035170101900001" and sheet["A2"].data_type == "s"
    assert sheet["B2"].value.date() == datetime.date(2024, 1, 2)


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


def _read(book):
    return load_workbook(io.BytesIO(book.getvalue()))


def test_text_cells_keep_leading_zeros_and_dots():
    book = XlsxBook()
    book.add_sheet("Data").append([TextCell("510035170239"), TextCell("2.17.07.1.01.0002"), TextCell("0012")])
    row = _read(book).active[1]
    assert [c.value for c in row] == ["510035170239", "2.17.07.1.01.0002", "0012"]
    assert {(c.number_format, c.data_type) for c in row} == {("@", "s")}


def test_a_built_sheet_keeps_headers_types_formats_and_widths():
    book = XlsxBook()
    headers = ["Kode", "Uraian", "Pagu"]
    sheet = book.add_sheet(
        "Rencana", headers, widths=[20, 45], text_columns=[0], number_formats={2: MONEY}, freeze=(1, 0)
    )
    sheet.append(["0012", "=HYPERLINK(1)", Decimal(150_000_000)])
    sheet.append([None, "Jumlah", 150_000_000], style=BOLD)
    sheet.comment(0, 0, "Kolom teks")
    book.add_sheet("Info").append(["Tahun", 2024])
    workbook = _read(book)
    data = workbook["Rencana"]
    assert [c.value for c in data[1]] == ["Kode", "Uraian", "Pagu"]
    assert data["A1"].font.b and data["A1"].fill.fgColor.rgb == "FF0B5D45"
    # an Excel note names its author above the text, as Excel's own notes do
    assert (data["A1"].comment.author, data["A1"].comment.text) == ("OPOP", "OPOP:\nKolom teks")
    assert (data["A2"].value, data["A2"].number_format) == ("0012", "@")
    assert data["B2"].value == "'=HYPERLINK(1)"  # never run as a formula
    assert (data["C2"].value, data["C2"].number_format) == (150_000_000, "#,##0")
    assert data["B3"].font.b and data["C3"].number_format == "#,##0"
    assert data.freeze_panes == "A2" and data.column_dimensions["B"].width > 40
    assert [c.value for c in workbook["Info"][1]] == ["Tahun", 2024]


def _streamed(headers, rows, **options):
    buffer = io.BytesIO()
    count = write_xlsx(buffer, headers, rows, **options)
    return count, load_workbook(io.BytesIO(buffer.getvalue()))


def test_streamed_cells_are_typed_safe_and_never_formulas():
    aware = datetime.datetime(2024, 5, 6, 7, 8, tzinfo=datetime.UTC)
    row = ["=1+1", "a\x01b", True, Decimal("2.5"), 12, aware, None, "", "=" + "x" * 40_000, 35]
    count, workbook = _streamed([f"K{i}" for i in range(10)], [row], text_columns=[9])
    cells = workbook.active[2]
    assert count == 1 and [c.value for c in cells[:5]] == ["'=1+1", "ab", "ya", 2.5, 12]
    assert (cells[5].value, cells[5].number_format) == (datetime.datetime(2024, 5, 6, 7, 8), "dd-mm-yyyy")
    assert cells[6].value is None and cells[7].value is None  # no cell for nothing
    assert cells[8].value == "'=" + "x" * 32_765  # Excel's limit: cut, not refused, the guard kept
    assert (cells[9].value, cells[9].data_type, cells[9].number_format) == ("35", "s", "@")
    assert [c.font.b for c in workbook.active[1]] == [True] * 10


def test_rows_past_a_sheet_go_on_in_the_next_sheet_under_the_same_header(monkeypatch):
    monkeypatch.setattr("opop.common.spreadsheet.SHEET_ROWS", 3)
    count, workbook = _streamed(["No", "NIK"], ([i, f"0{i:015d}"] for i in range(7)), text_columns=[1])
    assert count == 7 and workbook.sheetnames == ["Data", "Data (2)", "Data (3)"]
    sheets = [list(sheet.iter_rows(values_only=True)) for sheet in workbook.worksheets]
    assert all(rows[0] == ("No", "NIK") for rows in sheets)
    assert [row[0] for rows in sheets for row in rows[1:]] == list(range(7))
    assert sheets[2][1] == (6, "0000000000000006")
