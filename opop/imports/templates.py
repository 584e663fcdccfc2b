"""Downloadable import templates: the header row, one example row, and (XLSX) identifier and phone columns typed as
text. The XLSX example row says CONTOH in its leading "No" column, so an example left in the file is recognised and
skipped (layout.py); the CSV template's example is recognised by its values."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill

from opop.common.spreadsheet import csv_bytes

EXAMPLE_MARK = "CONTOH"
TEXT_ROWS = 5002  # rows typed as text in the identifier columns


def template_bytes(spec, fmt):
    headers = [c.header + ("*" if c.required else "") for c in spec.columns]
    example = [c.example for c in spec.columns]
    if fmt == "csv":
        return csv_bytes(headers, [example])
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(spec.label)[:31]
    sheet.append(["No", *headers])  # "No" (nomor urut), as agency lists have it; not read by the import
    sheet.append([EXAMPLE_MARK, *example])
    mark = sheet.cell(row=2, column=1)
    mark.comment = Comment(_("Baris contoh: dilewati saat impor. Boleh dihapus."), "OPOP")
    for cell in sheet[2]:
        cell.font = Font(italic=True, color="6C757D")
    sheet.cell(row=1, column=1).font = Font(bold=True)
    sheet.column_dimensions["A"].width = 10
    for index, column in enumerate(spec.columns, start=2):
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBE5")
        sheet.column_dimensions[cell.column_letter].width = max(14, len(column.header) + 4)
        if column.typed_as_text:
            # Text format for the whole column so Excel keeps leading zeros and all 16 digits of a NIK.
            for row in range(2, TEXT_ROWS):
                sheet.cell(row=row, column=index).number_format = "@"
            cell.comment = Comment(_("Kolom teks: ketik angka apa adanya, jangan diubah menjadi angka."), "OPOP")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
