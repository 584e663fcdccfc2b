"""XLSX helpers shared by every export: safe cell values, identifiers kept as text, a tidy header row.

Spreadsheet programs run a cell that starts with = + - @ (or a tab/carriage return followed by one) as a formula;
exported text typed by users must never do that (OWASP "CSV/formula injection"), so such text gets a leading
apostrophe. Numbers stay numbers; identifiers with leading zeros or dots (SIPD codes, NSPP, NIK) are written as text."""

import io
from decimal import Decimal

from django.http import HttpResponse

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value):
    """A value that a spreadsheet shows as typed and never evaluates."""
    if value is None:
        return None
    if isinstance(value, bool | int | float | Decimal):
        return value
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


class TextCell:
    """Marks an identifier to be stored as text (cell format "@"), e.g. "2.17.07.1.01.0002" or "510035170239"."""

    def __init__(self, value):
        self.value = value


def append_row(sheet, values, *, bold=False):
    """Append one row: TextCell values get the text format, everything else goes through `safe_cell`."""
    from openpyxl.styles import Font

    row = []
    text_columns = []
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
    from openpyxl.styles import Alignment, Font, PatternFill

    for cell in sheet[row]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="0B5D45")
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def set_widths(sheet, widths):
    from openpyxl.utils import get_column_letter

    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def xlsx_response(workbook, filename):
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
