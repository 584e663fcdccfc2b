"""CSV and XLSX exports shared by every app. Every cell passes `safe_cell`: numbers and dates stay typed,
identifiers with leading zeros or dots (NSPP, NIK, SIPD codes) stay text, and text a spreadsheet would run as a
formula (= + - @, or a tab/carriage return first — OWASP "CSV injection") gets a leading apostrophe, and control
characters openpyxl cannot write are dropped."""

import csv
import datetime
import io
import os
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.http import HttpResponse
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

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
    text = without_control_characters(str(value))  # openpyxl refuses them; rows stored before the rule may hold some
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


class TextCell:
    """Marks an identifier to be stored as text (cell format "@"), e.g. "2.17.07.1.01.0002" or "510035170239"."""

    def __init__(self, value):
        self.value = value


def append_row(sheet, values, *, bold=False):
    """Append one row: TextCell values get the text format, everything else goes through `safe_cell`."""
    row, text_columns = [], []
    for index, value in enumerate(values, start=1):
        if isinstance(value, TextCell):
            text_columns.append(index)
            row.append(safe_cell("" if value.value is None else str(value.value)))
        else:
            row.append(safe_cell(value))
    sheet.append(row)
    current = sheet.max_row
    for index in text_columns:
        sheet.cell(row=current, column=index).number_format = "@"
    if bold:
        for cell in sheet[current]:
            cell.font = Font(bold=True)


def style_header(sheet, row=1):
    for cell in sheet[row]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="0B5D45")
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def set_widths(sheet, widths):
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def xlsx_response(workbook, filename):
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


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


def export_response(*, filename, headers, rows, fmt, text_columns=()):
    """A list export as an attachment in `fmt` ('csv' or 'xlsx')."""
    if fmt == "xlsx":
        content, content_type, ext = xlsx_bytes(headers, rows, text_columns=text_columns), XLSX_TYPE, "xlsx"
    else:
        content, content_type, ext = csv_bytes(headers, rows), "text/csv; charset=utf-8", "csv"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{ext}"'
    return response


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
    import xlsxwriter

    options = {
        "in_memory": not isinstance(path, str | os.PathLike),
        "constant_memory": True,
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "strings_to_numbers": False,
        "remove_timezone": True,
    }
    workbook = xlsxwriter.Workbook(path, options)
    sheet = workbook.add_worksheet(sheet_title[:31])
    bold = workbook.add_format({"bold": True})
    date_format = workbook.add_format({"num_format": "dd-mm-yyyy"})
    text_format = workbook.add_format({"num_format": "@"})
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
