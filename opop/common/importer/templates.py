"""Downloadable import templates: the header row, one example row, and (XLSX) identifier columns typed as text."""

import io

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill

from opop.common.importer.columns import IdentifierColumn
from opop.common.spreadsheet import csv_bytes


def template_bytes(spec, fmt):
    headers = [c.header + ("*" if c.required else "") for c in spec.columns]
    example = [c.example for c in spec.columns]
    if fmt == "csv":
        return csv_bytes(headers, [example])
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(spec.label)[:31]
    sheet.append(headers)
    sheet.append(example)
    for index, column in enumerate(spec.columns, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBE5")
        sheet.column_dimensions[cell.column_letter].width = max(14, len(column.header) + 4)
        if isinstance(column, IdentifierColumn):
            # Text format for the whole column so Excel keeps leading zeros and all 16 digits of a NIK.
            for row in range(2, 5002):
                sheet.cell(row=row, column=index).number_format = "@"
            cell.comment = Comment("Kolom teks: ketik angka apa adanya, jangan diubah menjadi angka.", "OPOP")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
