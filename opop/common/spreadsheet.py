"""CSV and XLSX exports shared by every app. Every cell passes `safe_cell`: numbers and dates stay typed,
identifiers with leading zeros or dots (NSPP, NIK, SIPD codes) stay text, and text a spreadsheet would run as a
formula (= + - @, or a tab/carriage return first — OWASP "CSV injection") gets a leading apostrophe, and control
characters no XLSX may hold are dropped. Every workbook is written by one writer, rust_xlsxwriter through its Python
binding rvgsrust-xlsxwriter (`XlsxBook` for a workbook built in memory, `write_xlsx` streaming a large list; issue
32 measured 3.6× less CPU than XlsxWriter on the santripreneur export, bench/RESULTS.md); openpyxl only reads
uploads (opop/imports/reading.py)."""

import csv
import datetime
import io
import os
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.http import HttpResponse
from rvgsrust_xlsxwriter import Note, Workbook

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


# ------------------------------------------------- the one XLSX writer (rust_xlsxwriter; openpyxl only reads uploads)

TEXT = "@"
MONEY = "#,##0"
DATE = "dd-mm-yyyy"
BOLD = {"bold": True}
HEADER = {"bold": True, "font_color": "#FFFFFF", "bg_color": "#0B5D45", "text_wrap": True, "valign": "top"}
COMMENT_AUTHOR = "OPOP"
MAX_CELL_TEXT = 32_767  # Excel's limit per cell: longer text is cut (as XlsxWriter did), the export never fails

# The format properties the portal uses, as the writer's setters (an unknown one is a programming error: KeyError).
FORMAT_SETTERS = {
    "bold": lambda fmt, on: on and fmt.set_bold(),
    "italic": lambda fmt, on: on and fmt.set_italic(),
    "text_wrap": lambda fmt, on: on and fmt.set_text_wrap(),
    "font_color": lambda fmt, color: fmt.set_font_color(color),
    "bg_color": lambda fmt, color: fmt.set_background_color(color),
    "valign": lambda fmt, where: fmt.set_vertical_align(where),
    "num_format": lambda fmt, code: fmt.set_num_format(code),
}


def _format(workbook, properties):
    fmt = workbook.add_format()
    for name, value in properties.items():
        FORMAT_SETTERS[name](fmt, value)
    return fmt


def _text(value):
    """A string cell as the workbook may hold it: control characters dropped, cut at Excel's limit."""
    if not value.isprintable():  # C-fast check first: the regex runs only on the rare text that needs it
        value = without_control_characters(value)
    return value[:MAX_CELL_TEXT]


def _xlsx_value(value):
    """`safe_cell` for the writer: typed values stay, text is made safe, an aware time keeps its wall clock."""
    value = safe_cell(value)
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    return value


class XlsxBook:
    """A workbook built in memory: sheets of rows, each cell through `safe_cell`, identifiers as text, numbers and
    dates typed. Every spreadsheet the portal hands out is written here or by the streaming `write_xlsx`.

        book = XlsxBook()
        sheet = book.add_sheet("Rencana", headers, widths=[5, 20], number_formats={10: MONEY}, freeze=(1, 0))
        sheet.append([1, TextCell("2.17.07"), 150_000_000])
        return book.response("rencana.xlsx")
    """

    def __init__(self):
        self._workbook = Workbook()
        self._formats = {}

    def format(self, properties):
        """The shared format of these properties (made once: a workbook holds each style once)."""
        if not properties:
            return None
        key = tuple(sorted(properties.items()))
        if key not in self._formats:
            self._formats[key] = _format(self._workbook, properties)
        return self._formats[key]

    def add_sheet(
        self, title, headers=None, *, widths=(), text_columns=(), number_formats=None, freeze=None, header_style=HEADER
    ):
        """A sheet, its header row written when `headers` are given. `text_columns` (0-based) hold identifiers: the
        whole column is formatted as text, so what is typed there later keeps its zeros too. `number_formats`:
        {column: format} for the numbers of a column (MONEY). `freeze`: (rows, columns) kept in view."""
        sheet = XlsxSheet(self, self._workbook.add_worksheet(str(title)[:31]), text_columns, number_formats or {})
        for column, width in enumerate(widths):
            if width is not None:
                sheet.worksheet.set_column_width(column, width)
        for column in sheet.text_columns:
            sheet.worksheet.set_column_format(column, self.format({"num_format": TEXT}))
        if headers is not None:
            sheet.append(headers, style=header_style)
        if freeze:
            sheet.worksheet.freeze_panes(*freeze)
        return sheet

    def getvalue(self) -> bytes:
        return bytes(self._workbook.save_to_buffer())

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
        value = _xlsx_value(value)
        properties = dict(style or {})
        if text:
            properties["num_format"] = TEXT
            value = None if value is None else _text(str(value))
        elif isinstance(value, datetime.date):
            properties["num_format"] = DATE
        elif column in self.number_formats and isinstance(value, int | float | Decimal):
            properties["num_format"] = self.number_formats[column]
        cell_format = self.book.format(properties)
        if value == "":
            value = None
        if value is not None or cell_format is not None:  # an empty cell that still carries its style is written
            self.worksheet.write(row, column, value, cell_format)

    def reserve_text_rows(self, last_row):
        """Empty text-formatted cells in the text columns down to `last_row` (0-based), below the rows written, for
        a template: a NIK pasted there stays 16 digits in every spreadsheet program, not only Excel."""
        text = self.book.format({"num_format": TEXT})
        for row in range(self.rows, last_row + 1):
            for column in sorted(self.text_columns):
                self.worksheet.write(row, column, None, text)

    def comment(self, row, column, text):
        note = Note(str(text))
        note.set_author(COMMENT_AUTHOR)
        self.worksheet.insert_note(row, column, note)


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


NUMBERS = frozenset((int, float, Decimal))


def _stream_row(row, text_columns):
    """One exported row as the writer takes it, and its dates apart ((column, date) pairs: a date needs its
    format on the cell). The hot loop of a million-row export: types are tested once per cell, the common
    cases first, the rest through `_xlsx_value`."""
    cells, dates = list(row), []
    for column, value in enumerate(cells):
        kind = type(value)
        if kind is str:  # `safe_cell` inlined: control characters out, then the formula guard, then the cut
            if not value.isprintable():
                value = without_control_characters(value)
            if value.startswith(FORMULA_PREFIXES):
                value = "'" + value
            cells[column] = value if len(value) <= MAX_CELL_TEXT else value[:MAX_CELL_TEXT]
        elif value is None or kind in NUMBERS and column not in text_columns:
            continue
        elif column in text_columns:
            cells[column] = _text(str(safe_cell(value)))
        else:
            value = _xlsx_value(value)
            if isinstance(value, datetime.date):
                cells[column] = None
                dates.append((column, value))
            else:
                cells[column] = value
    return cells, dates


SHEET_ROWS = 1_048_575  # Excel's 1,048,576 rows less the header: a longer list goes on in the next sheet


def _stream_sheet(workbook, title, headers, text, formats):
    """A constant-memory sheet (rows go to a temporary file as they are written) with its header row."""
    bold, _date, text_format = formats
    sheet = workbook.add_worksheet(title[:31], constant_memory=True)
    for index, header in enumerate(headers):
        sheet.set_column_width(index, max(12, min(len(str(header)) + 4, 40)))
        if index in text:
            sheet.set_column_format(index, text_format)
        sheet.write(0, index, _text(str(header)), bold)
    return sheet


def write_xlsx(path, headers, rows, *, text_columns=(), sheet_title="Data", progress=None):
    """Stream rows to an XLSX file (a path, or a BytesIO for a small export answered at once) in constant memory;
    identifier columns stay text, dates are dates, nothing is ever written as a formula. Rows past Excel's limit
    of a sheet go on in "<title> (2)", "(3)", … under the same header: nothing is cut. Returns the row count."""
    workbook = Workbook()
    formats = tuple(_format(workbook, p) for p in (BOLD, {"num_format": DATE}, {"num_format": TEXT}))
    date_format, text = formats[1], frozenset(text_columns)
    sheets = 1
    sheet = _stream_sheet(workbook, sheet_title, headers, text, formats)
    write_row, write, line = sheet.write_row, sheet.write, 0
    count = 0
    for count, row in enumerate(rows, start=1):
        if line == SHEET_ROWS:
            sheets += 1
            sheet = _stream_sheet(workbook, f"{sheet_title[:25]} ({sheets})", headers, text, formats)
            write_row, write, line = sheet.write_row, sheet.write, 0
        line += 1
        cells, dates = _stream_row(row, text)
        write_row(line, 0, cells)
        for column, value in dates:
            write(line, column, value, date_format)
        if progress and count % PROGRESS_ROWS == 0:
            progress(count)
    if isinstance(path, str | os.PathLike):
        workbook.close(os.fspath(path))
    else:
        path.write(workbook.save_to_buffer())
    return count
