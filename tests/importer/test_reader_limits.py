"""Limits that protect the workers: sheets declaring or holding more rows than IMPORT_MAX_ROWS are refused with an
Indonesian message before any row is parsed, having read no more rows of the file than the limit needs (counted, not
timed: a busy CI machine cannot fail them). A sheet may be any width (issue 27): its cells count against the cell
budget (test_forged_workbooks.py)."""

import csv
import io
import zipfile

import pytest
from django.conf import settings
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from opop.imports import engine
from opop.imports.engine import run_import
from opop.imports.reading import Limits, read_table
from opop.imports.registry import get_spec
from tests.importer.data import SANTRI_HEADERS, santri_rows, to_csv, to_xlsx

SHEET = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{dimension}<sheetData>{rows}'
    "</sheetData></worksheet>"
)


def _workbook(sheet_xml):
    """A minimal valid XLSX around one sheet's XML, as a spreadsheet program would zip it."""
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
            '"/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
            'main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxml'
            'formats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
            '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
            '<sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
        ),
        "xl/worksheets/sheet1.xml": sheet_xml,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def _header_row():
    cells = "".join(
        f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{h}</t></is></c>' for i, h in enumerate(SANTRI_HEADERS)
    )
    return f'<row r="1">{cells}</row>'


def _xfd_workbook(dimension=True):
    """The header, and one cell at the very last column and row of Excel: XFD1048576."""
    rows = _header_row() + '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    return _workbook(SHEET.format(dimension='<dimension ref="A1:XFD1048576"/>' if dimension else "", rows=rows))


@pytest.fixture
def no_row_parsed(monkeypatch):
    """Fails the test if the importer reaches row parsing."""

    def refuse(*args, **kwargs):
        raise AssertionError("a row was parsed")

    monkeypatch.setattr(engine.RowResult, "__init__", refuse)


@pytest.fixture
def rows_read(monkeypatch):
    """Counts the rows the readers take out of a file: the XLSX sheet's rows (openpyxl's read-only sheet, gaps
    filled) and the CSV reader's rows."""
    count = {"rows": 0}
    sheet_rows, csv_reader = ReadOnlyWorksheet._cells_by_row, csv.reader

    def counted_sheet_rows(*args, **kwargs):
        for row in sheet_rows(*args, **kwargs):
            count["rows"] += 1
            yield row

    class counted_csv_reader:
        def __init__(self, *args, **kwargs):
            self.reader = csv_reader(*args, **kwargs)

        @property
        def line_num(self):
            return self.reader.line_num

        def __iter__(self):
            return self

        def __next__(self):
            row = next(self.reader)
            count["rows"] += 1
            return row

    monkeypatch.setattr(ReadOnlyWorksheet, "_cells_by_row", counted_sheet_rows)
    monkeypatch.setattr(csv, "reader", counted_csv_reader)
    return count


def _refused_reading(data, name, rows_read, at_most):
    """The file refused (no row parsed: no_row_parsed), its reader having taken at most `at_most` rows out of it."""
    result = run_import(get_spec("santripreneur"), data, name, actor=None, commit=False)
    assert rows_read["rows"] <= at_most, f"{rows_read['rows']} rows read, at most {at_most} needed"
    assert len(result.file_errors) == 1 and not result.rows
    return result.file_errors[0]


def test_the_5_kb_xfd1048576_workbook_is_refused_from_its_dimension_reading_no_row(no_row_parsed, rows_read, db):
    data = _xfd_workbook()
    assert len(data) < 5 * 1024
    message = _refused_reading(data, "serangan.xlsx", rows_read, at_most=0)
    assert "baris data" in message or "kolom sampai XFD" in message
    assert "tidak ada baris yang dibaca" in message


def test_the_xfd_workbook_without_a_dimension_is_refused_by_its_real_used_range(no_row_parsed, rows_read, db):
    # row 1, then the empty rows up to the first one over the limit: never the 1 048 576 rows it spans
    limit = settings.IMPORT_MAX_ROWS
    message = _refused_reading(_xfd_workbook(dimension=False), "serangan.xlsx", rows_read, at_most=limit + 2)
    assert "Berkas terlalu besar" in message and "250.000" in message


def test_a_cell_far_right_of_the_table_is_named_by_its_range_not_refused(db):
    rows = _header_row() + '<row r="2"><c r="AZ2" t="inlineStr"><is><t>catatan</t></is></c></row>'
    result = run_import(
        get_spec("santripreneur"),
        _workbook(SHEET.format(dimension="", rows=rows)),
        "lebar.xlsx",
        actor=None,
        commit=False,
    )
    assert any("AZ2:AZ2 berisi 1 baris data di luar tabel" in notice for notice in result.notices)
    assert result.file_errors == ["Berkas tidak berisi baris data."]  # the row holds nothing inside the table


def test_a_sheet_declaring_2_000_000_rows_is_refused_reading_no_row(no_row_parsed, rows_read, db):
    rows = _header_row() + "".join(
        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>n</t></is></c></row>' for r in range(2, 1002)
    )
    data = _workbook(SHEET.format(dimension='<dimension ref="A1:I2000001"/>', rows=rows))
    message = _refused_reading(data, "besar.xlsx", rows_read, at_most=0)
    assert "2.000.000 baris data" in message and "250.000" in message


def test_a_csv_of_2_000_000_rows_is_refused_reading_no_row(no_row_parsed, rows_read, db):
    data = to_csv(SANTRI_HEADERS, []) + b"a,1\n" * 2_000_000
    assert len(data) < 30 * 1024 * 1024  # under the byte cap: only the row cap stops it
    message = _refused_reading(data, "besar.csv", rows_read, at_most=0)  # its line breaks counted, not parsed
    assert "Berkas terlalu besar" in message and "2.000.000" in message


def test_a_zip_bomb_is_refused_from_its_directory_before_inflating(db):
    huge = SHEET.format(dimension="", rows=_header_row() + " " * (300 * 1024 * 1024))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", huge)
    with pytest.raises(Exception, match="Berkas XLSX terlalu besar: isinya 300 MB setelah dibuka"):
        read_table(buffer.getvalue(), "bom.xlsx", Limits(rows=1000))


def test_files_within_the_limits_still_import(settings, db, pesantren_nspps):
    settings.IMPORT_MAX_ROWS = 10
    spec = get_spec("santripreneur")
    for name, data in (
        ("ok.csv", to_csv(SANTRI_HEADERS, santri_rows(10, pesantren_nspps))),
        ("ok.xlsx", to_xlsx(SANTRI_HEADERS, santri_rows(10, pesantren_nspps))),
    ):
        result = run_import(spec, data, name, actor=None, commit=False)
        assert result.ok and len(result.rows) == 10, result.error_list()
    for name, data in (
        ("x.csv", to_csv(SANTRI_HEADERS, santri_rows(11, pesantren_nspps))),
        ("x.xlsx", to_xlsx(SANTRI_HEADERS, santri_rows(11, pesantren_nspps))),
    ):
        result = run_import(spec, data, name, actor=None, commit=False)
        assert "Berkas terlalu besar: 11 baris data, batasnya 10" in result.file_errors[0]
