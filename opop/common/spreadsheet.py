"""CSV and XLSX exports shared by every app. Every cell passes `safe_cell`: numbers and dates stay typed,
identifiers with leading zeros or dots (NSPP, NIK, SIPD codes) stay text, and text a spreadsheet would run as a
formula (= + - @, or a tab/carriage return first — OWASP "CSV injection") gets a leading apostrophe, and control
characters openpyxl cannot write are dropped."""

import csv
import datetime
import io
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook
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
    """A streamed (write-only) workbook; `text_columns` are indexes of identifier columns kept as text."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title[:31])
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, min(len(str(header)) + 4, 40))
    sheet.append(headers)
    for row in rows:
        cells = [safe_cell(v) for v in row]
        for i in text_columns:
            if cells[i] is not None:
                cells[i] = str(cells[i])
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
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
