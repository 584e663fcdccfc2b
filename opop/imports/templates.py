"""Downloadable import templates: the header row, one example row, and (XLSX) identifier and phone columns typed as
text. The XLSX example row says CONTOH in its leading "No" column, so an example left in the file is recognised and
skipped (layout.py); the CSV template's example is recognised by its values."""

from django.utils.translation import gettext as _

from opop.common.spreadsheet import BOLD, XlsxBook, csv_bytes

EXAMPLE_MARK = "CONTOH"
TEXT_ROWS = 5002  # rows typed as text in the identifier columns (to row 5001, as Excel numbers them)
HEADER = {"bold": True, "bg_color": "#DDEBE5"}
EXAMPLE = {"italic": True, "font_color": "#6C757D"}


def template_bytes(spec, fmt):
    headers = [c.header + ("*" if c.required else "") for c in spec.columns]
    example = [c.example for c in spec.columns]
    if fmt == "csv":
        return csv_bytes(headers, [example])
    book = XlsxBook()
    text_columns = [index for index, column in enumerate(spec.columns, start=1) if column.typed_as_text]
    sheet = book.add_sheet(
        spec.label,
        widths=[10, *(max(14, len(column.header) + 4) for column in spec.columns)],
        text_columns=text_columns,  # so Excel keeps leading zeros and all 16 digits of a NIK
    )
    # "No" (nomor urut), as agency lists have it; not read by the import
    sheet.append(["No", *headers], style=HEADER, cell_styles={0: BOLD})
    sheet.append([EXAMPLE_MARK, *example], style=EXAMPLE)
    sheet.comment(1, 0, _("Baris contoh: dilewati saat impor. Boleh dihapus."))
    for index in text_columns:
        sheet.comment(0, index, _("Kolom teks: ketik angka apa adanya, jangan diubah menjadi angka."))
    sheet.reserve_text_rows(TEXT_ROWS - 2)
    return book.getvalue()
