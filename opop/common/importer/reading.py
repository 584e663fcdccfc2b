"""Turn an uploaded CSV or XLSX file into header + rows, keeping the raw cell types so that identifiers
Excel turned into numbers can be recognised and refused."""

import csv
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl import load_workbook


class FileProblem(Exception):
    """The file as a whole cannot be read (wrong type, empty, no header)."""


@dataclass
class Table:
    headers: list
    rows: list  # (row number as the user sees it in the sheet, list of raw cell values)


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileProblem(_("Berkas CSV tidak dapat dibaca: simpan ulang sebagai CSV UTF-8."))


def read_csv(data: bytes) -> Table:
    text = _decode(data)
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        headers = next(reader)
        rows = [(number, row) for number, row in enumerate(reader, start=2) if any(cell.strip() for cell in row)]
    except StopIteration:
        raise FileProblem(_("Berkas kosong: baris pertama harus berisi judul kolom.")) from None
    except csv.Error as error:
        message = _("Berkas CSV rusak di baris %(line)d; simpan ulang dari Excel sebagai CSV UTF-8.")
        raise FileProblem(message % {"line": reader.line_num}) from error
    return Table(headers=[h.strip() for h in headers], rows=rows)


def read_xlsx(data: bytes) -> Table:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        raise FileProblem(_("Berkas XLSX tidak dapat dibuka; pastikan formatnya Excel .xlsx yang utuh.")) from None
    sheet = workbook.worksheets[0]
    values = sheet.iter_rows(values_only=True)
    try:
        headers = next(values)
    except StopIteration:
        raise FileProblem(_("Berkas kosong: baris pertama harus berisi judul kolom.")) from None
    rows = []
    for number, row in enumerate(values, start=2):
        if any(cell not in (None, "") for cell in row):
            rows.append((number, list(row)))
    workbook.close()
    return Table(headers=[str(h or "").strip() for h in headers], rows=rows)


def read_table(data: bytes, filename: str) -> Table:
    name = filename.lower()
    if name.endswith(".xlsx"):
        return read_xlsx(data)
    if name.endswith(".csv") or name.endswith(".txt"):
        return read_csv(data)
    raise FileProblem(_("Jenis berkas tidak didukung: unggah .csv atau .xlsx."))
