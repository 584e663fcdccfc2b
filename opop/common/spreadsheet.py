"""CSV and XLSX exports shared by every app. Every cell passes `safe_cell`: numbers and dates stay typed,
identifiers with leading zeros or dots (NSPP, NIK, SIPD codes) stay text, and text a spreadsheet would run as a
formula (= + - @, or a tab/carriage return first — OWASP "CSV injection") gets a leading apostrophe, and control
characters no XLSX may hold are dropped. Every workbook is written with XlsxWriter (`XlsxBook` for a workbook built
in memory, `write_xlsx` streaming a large list); openpyxl only reads uploads (opop/imports/reading.py)."""

import csv
import datetime
import io
import os
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import xlsxwriter
from django.http import HttpResponse

from opop.common.text import without_control_characters

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value):
    """A value that a spreadsheet shows as typed and never evaluates."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, (int, float, Decimal, datetime.date)):
        return value
    text = without_control_characters(str(value))  # XLSX cannot hold them; rows stored before the rule may hold some
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


class TextCell:
    """Marks an identifier to be stored as text (cell format "@"), e.g. "2.17.07.1.01.0002" or "510035170239"."""

    def __init__(self, value):
        self.value = value


# ---------------------------------------------------------------- the one XLSX writer (XlsxWriter; openpyxl only reads)

WRITER_OPTIONS = {
    "strings_to_formulas": False,  # nothing a user typed is ever written as a formula
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "remove_timezone": True,
}
TEXT = "@"
MONEY = "#,##0"
DATE = "dd-mm-yyyy"
BOLD = {"bold": True}
HEADER = {"bold": True, "font_color": "#FFFFFF", "bg_color": "#0B5D45", "text_wrap": True, "valign": "top"}
COMMENT_AUTHOR = "OPOP"


def _workbook(target, *, constant_memory=False):
    return xlsxwriter.Workbook(
        target,
        {
            **WRITER_OPTIONS,
            "in_memory": not isinstance(target, str | os.PathLike),
            "constant_memory": constant_memory,
        },
    )


class XlsxBook:
    """A workbook built in memory: sheets of rows, each cell through `safe_cell`, identifiers as text, numbers and
    dates typed. Every spreadsheet the portal hands out is written here or by the streaming `write_xlsx`.

        book = XlsxBook()
        sheet = book.add_sheet("Rencana", headers, widths=[5, 20], number_formats={10: MONEY}, freeze=(1, 0))
        sheet.append([1, TextCell("2.17.07"), 150_000_000])
        return book.response("rencana.xlsx")
    """

    def __init__(self):
        self._buffer = io.BytesIO()
        self._workbook = _workbook(self._buffer)
        self._formats = {}

    def format(self, properties):
        """The shared XlsxWriter format of these properties (made once: a workbook holds each style once)."""
        if not properties:
            return None
        key = tuple(sorted(properties.items()))
        if key not in self._formats:
            self._formats[key] = self._workbook.add_format(dict(properties))
        return self._formats[key]

    def add_sheet(
        self, title, headers=None, *, widths=(), text_columns=(), number_formats=None, freeze=None, header_style=HEADER
    ):
        """A sheet, its header row written when `headers` are given. `text_columns` (0-based) hold identifiers: the
        whole column is formatted as text, so what is typed there later keeps its zeros too. `number_formats`:
        {column: format} for the numbers of a column (MONEY). `freeze`: (rows, columns) kept in view."""
        sheet = XlsxSheet(self, self._workbook.add_worksheet(str(title)[:31]), text_columns, number_formats or {})
        text = self.format({"num_format": TEXT})
        for column in range(max(len(widths), max(text_columns, default=-1) + 1)):
            width = widths[column] if column < len(widths) else None
            sheet.worksheet.set_column(column, column, width, text if column in sheet.text_columns else None)
        if headers is not None:
            sheet.append(headers, style=header_style)
        if freeze:
            sheet.worksheet.freeze_panes(*freeze)
        return sheet

    def getvalue(self) -> bytes:
        self._workbook.close()
        return self._buffer.getvalue()

    def response(self, filename):
        response = HttpResponse(self.getvalue(), content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class XlsxSheet:
    """One sheet of an `XlsxBook`, written row by row from the top."""

    def __init__(self, book, worksheet, text_columns, number_formats):
        self.book, self.worksheet = book, worksheet
        self.text_columns = frozenset(text_columns)
        self.number_formats = number_formats
        self.rows = 0  # rows written so far: the next row's index

    def append(self, values, *, style=None, cell_styles=None):
        """Write one row below the last. TextCell values and text columns are written as text, everything else
        through `safe_cell`. `style`: format properties for the whole row (BOLD); `cell_styles`: {column: properties}
        instead of `style` for single cells. Returns the row's index."""
        row = self.rows
        for column, value in enumerate(values):
            own = (cell_styles or {}).get(column, style)
            self._write(row, column, value, own)
        self.rows += 1
        return row

    def _write(self, row, column, value, style):
        text = column in self.text_columns
        if isinstance(value, TextCell):
            text, value = True, "" if value.value is None else str(value.value)
        value = safe_cell(value)
        properties = dict(style or {})
        if text:
            properties["num_format"] = TEXT
        elif isinstance(value, datetime.date):
            properties["num_format"] = DATE
        elif column in self.number_formats and isinstance(value, int | float | Decimal):
            properties["num_format"] = self.number_formats[column]
        cell_format = self.book.format(properties)
        if value is None or value == "":
            if cell_format is not None:  # an empty cell that still carries its style (a text column, a bold row)
                self.worksheet.write_blank(row, column, None, cell_format)
        elif text or isinstance(value, str):
            self.worksheet.write_string(row, column, str(value), cell_format)
        elif isinstance(value, datetime.date):
            self.worksheet.write_datetime(row, column, value, cell_format)
        else:
            self.worksheet.write_number(row, column, value, cell_format)

    def reserve_text_rows(self, last_row):
        """Empty text-formatted cells in the text columns down to `last_row` (0-based), below the rows written, for
        a template: a NIK pasted there stays 16 digits in every spreadsheet program, not only Excel."""
        text = self.book.format({"num_format": TEXT})
        for row in range(self.rows, last_row + 1):
            for column in sorted(self.text_columns):
                self.worksheet.write_blank(row, column, None, text)

    def comment(self, row, column, text):
        self.worksheet.write_comment(row, column, str(text), {"author": COMMENT_AUTHOR})


def csv_bytes(headers, rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel opens UTF-8 correctly


def xlsx_bytes(headers, rows, *, text_columns=(), sheet_title="Data") -> bytes:
    """A list's workbook in memory, written by the same writer as the background exports (`write_xlsx`);
    `text_columns` are indexes of identifier columns kept as text."""
    buffer = io.BytesIO()
    write_xlsx(buffer, headers, rows, text_columns=text_columns, sheet_title=sheet_title)
    return buffer.getvalue()


@dataclass
class Sheet:
    """One exportable list: what the request answers when small and a background job writes when large."""

    stem: str  # file name without extension
    headers: list
    rows: Callable  # () -> iterator of row lists
    queryset: object = None  # for counting
    text_columns: tuple = ()
    personal: bool = False  # holds personal data: the access log records the export

    def count_upto(self, limit):
        return self.queryset[:limit].count()


def sheet_response(sheet, fmt):
    """Every export answered in the request: the sheet as an attachment in `fmt` ('csv' or 'xlsx'), written by the
    same writers as the background exports (`write_csv`, `write_xlsx`)."""
    if fmt == "xlsx":
        content = xlsx_bytes(sheet.headers, sheet.rows(), text_columns=sheet.text_columns)
        content_type, ext = XLSX_TYPE, "xlsx"
    else:
        content, content_type, ext = csv_bytes(sheet.headers, sheet.rows()), "text/csv; charset=utf-8", "csv"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{sheet.stem}.{ext}"'
    return response


PROGRESS_ROWS = 5000  # rows between progress reports of the streaming writers


FORMULA_FIRST = frozenset(FORMULA_PREFIXES)


def _safe_csv_row(row):
    """`safe_cell` for a CSV row, inlined: the hot loop of a million-row export."""
    return [
        ("'" + v if v[:1] in FORMULA_FIRST else v)
        if type(v) is str
        else (("ya" if v else "tidak") if type(v) is bool else v)
        for v in row
    ]


def write_csv(path, headers, rows, *, progress=None):
    """Stream rows to a CSV file (UTF-8 with BOM for Excel) in constant memory; returns the row count."""
    count = 0
    with open(path, "w", newline="", encoding="utf-8-sig", buffering=1024 * 1024) as out:
        writer = csv.writer(out)
        writer.writerow(headers)
        for count, row in enumerate(rows, start=1):
            writer.writerow(_safe_csv_row(row))
            if progress and count % PROGRESS_ROWS == 0:
                progress(count)
    return count


def write_xlsx(path, headers, rows, *, text_columns=(), sheet_title="Data", progress=None):
    """Stream rows to an XLSX file (a path, or a BytesIO for a small export answered at once) with xlsxwriter's
    constant-memory mode (one row in memory at a time); identifier columns stay text, nothing is ever written as a
    formula. Returns the row count."""
    workbook = _workbook(path, constant_memory=True)
    sheet = workbook.add_worksheet(sheet_title[:31])
    bold = workbook.add_format({"bold": True})
    date_format = workbook.add_format({"num_format": DATE})
    text_format = workbook.add_format({"num_format": TEXT})
    for index, header in enumerate(headers):
        fmt = text_format if index in text_columns else None
        sheet.set_column(index, index, max(12, min(len(str(header)) + 4, 40)), fmt)
        sheet.write_string(0, index, str(header), bold)
    text = set(text_columns)
    write_string, write_number, write_datetime = sheet.write_string, sheet.write_number, sheet.write_datetime
    count = 0
    for count, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            value = safe_cell(value)
            if value is None or value == "":
                continue
            if column in text or isinstance(value, str):
                write_string(count, column, str(value))
            elif isinstance(value, datetime.date):
                write_datetime(count, column, value, date_format)
            else:
                write_number(count, column, value)
        if progress and count % PROGRESS_ROWS == 0:
            progress(count)
    workbook.close()
    return count
