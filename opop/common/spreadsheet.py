"""CSV and XLSX exports. Every cell passes `safe_cell`, so identifiers stay text and nothing a user typed
can run as a spreadsheet formula when the file is opened in Excel."""

import csv
import datetime
import io
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value):
    """Numbers and dates stay typed; text that a spreadsheet would read as a formula gets a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, (int, float, Decimal, datetime.date)):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def csv_bytes(headers, rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel opens UTF-8 correctly


def xlsx_bytes(headers, rows, *, text_columns=(), sheet_title="Data") -> bytes:
    """`text_columns`: indexes of identifier columns (NSPP, NIK, NIB) stored as text so zeros survive."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title[:31])
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, min(len(str(header)) + 4, 40))
    sheet.append(headers)
    for row in rows:
        cells = [safe_cell(v) for v in row]
        for i in text_columns:
            if cells[i] != "":
                cells[i] = str(cells[i])
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_response(*, filename, headers, rows, fmt, text_columns=()):
    """An attachment response in `fmt` ('csv' or 'xlsx')."""
    if fmt == "xlsx":
        content, content_type, ext = xlsx_bytes(headers, rows, text_columns=text_columns), XLSX_TYPE, "xlsx"
    else:
        content, content_type, ext = csv_bytes(headers, rows), "text/csv; charset=utf-8", "csv"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{ext}"'
    return response
