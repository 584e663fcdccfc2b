"""Turn an uploaded CSV or XLSX file into header + rows, keeping the raw cell types so that identifiers
Excel turned into numbers can be recognised and refused.

Limits protect the worker: a sheet whose declared size (XLSX `<dimension>`, the zip's unpacked sizes, the CSV's
line count) or real used range goes beyond `Limits` is refused before any row is parsed — a 5 KB workbook whose
one cell sits at XFD1048576 would otherwise make openpyxl fill a million rows of 16 384 cells."""

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, get_column_letter

from opop.common.importer.layout import locate

EXTRA_COLUMNS = 5  # beyond the template's columns: room for the user's own notes
UNPACKED_PER_ROW = 4096  # bytes of sheet XML a row may take on average (a zip bomb takes far more)


class FileProblem(Exception):
    """The file as a whole cannot be read (wrong type, empty, no header)."""


@dataclass(frozen=True)
class Limits:
    rows: int  # data rows, header not counted
    columns: int

    @classmethod
    def for_columns(cls, template_columns):
        return cls(rows=settings.IMPORT_MAX_ROWS, columns=template_columns + EXTRA_COLUMNS)


def _thousands(n):
    return f"{n:,}".replace(",", ".")


def _too_many_rows(limits, found):
    return FileProblem(
        _(
            "Berkas terlalu besar: %(found)s baris data, batasnya %(max)s. Pecah menjadi beberapa berkas; "
            "tidak ada baris yang dibaca."
        )
        % {"found": _thousands(found), "max": _thousands(limits.rows)}
    )


def _too_many_columns(limits, found):
    return FileProblem(
        _(
            "Lembar kerja memakai kolom sampai %(col)s (%(found)s kolom), padahal templat hanya %(max)s kolom. "
            "Hapus kolom di luar templat lalu unggah ulang; tidak ada baris yang dibaca."
        )
        % {"col": get_column_letter(min(found, 16384)), "found": _thousands(found), "max": limits.columns}
    )


@dataclass
class Table:
    headers: list
    rows: list  # (row number as the user sees it in the sheet, list of raw cell values)
    header_rows: tuple = (1,)
    hidden_rows: frozenset = frozenset()  # sheet rows hidden in Excel (e.g. participants who dropped out)
    notices: list = field(default_factory=list)  # said to the officer: header row, rows left out, other sheets
    formulas: dict = field(default_factory=dict)  # (sheet row, column index) -> cell reference of a formula cell
    chosen: dict = field(default_factory=dict)  # {position: field key or ""} over the titles (mapping.py)
    read: list = field(default_factory=list)  # [[title, field key or "", how]]: the column mapping as read


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileProblem(_("Berkas CSV tidak dapat dibaca: simpan ulang sebagai CSV UTF-8."))


def read_csv(data: bytes, limits: Limits | None = None) -> Table:
    if limits:  # a line break inside a quoted cell counts too: the cap errs on the safe side
        data_lines = data.count(b"\n") - (1 if data.endswith(b"\n") else 0)  # the header line not counted
        if data_lines > limits.rows:
            raise _too_many_rows(limits, data_lines)
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
    if limits:
        _check_widths(limits, [headers, *(cells for _n, cells in rows)])
    return Table(headers=[h.strip() for h in headers], rows=rows)


def _check_widths(limits, rows):
    for cells in rows:
        if len(cells) > limits.columns and any(cell not in (None, "") for cell in cells[limits.columns :]):
            raise _too_many_columns(limits, len(cells))


def _check_unpacked_size(data, limits):
    """The zip directory says how big each part unpacks to: refuse a bomb before inflating anything."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        return
    if unpacked > (limits.rows + 1) * UNPACKED_PER_ROW:
        raise FileProblem(
            _(
                "Berkas XLSX terlalu besar: isinya %(mb)s MB setelah dibuka, lebih dari yang mungkin untuk %(max)s "
                "baris data. Pecah menjadi beberapa berkas; tidak ada baris yang dibaca."
            )
            % {"mb": _thousands(unpacked // 1024 // 1024), "max": _thousands(limits.rows)}
        )


HIDDEN_ROW = re.compile(rb'<(?:\w+:)?row\b[^>]*?\bhidden="(?:1|true)"[^>]*>')
ROW_NUMBER = re.compile(rb'\br="(\d+)"')
ANY_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
FORMULA_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3})(\d+)"[^>]*(?<!/)>\s*<(?:\w+:)?f[\s>/]')


def _sheet_marks(sheet):
    """From the sheet's XML (read-only openpyxl keeps no row dimensions, and reads formulas or their cached results,
    not both): the rows marked hidden, and {(row, column index): "B5"} of the cells holding a formula. One regex
    pass each, and only when the XML has any."""
    with sheet._get_source() as source:
        xml = source.read()
    hidden, formulas = set(), {}
    if b'hidden="' in xml:
        for match in HIDDEN_ROW.finditer(xml):
            if number := ROW_NUMBER.search(match.group(0)):
                hidden.add(int(number.group(1)))
    if ANY_FORMULA.search(xml):
        for match in FORMULA_CELL.finditer(xml):
            letters, number = match.group(1).decode(), int(match.group(2))
            formulas[(number, column_index_from_string(letters) - 1)] = f"{letters}{number}"
    return frozenset(hidden), formulas


def read_xlsx(data: bytes, limits: Limits | None = None) -> Table:
    if limits:
        _check_unpacked_size(data, limits)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        raise FileProblem(_("Berkas XLSX tidak dapat dibuka; pastikan formatnya Excel .xlsx yang utuh.")) from None
    sheet = workbook.worksheets[0]
    others = workbook.sheetnames[1:]
    if limits:
        # The declared size first (read from the sheet's <dimension>, nothing parsed yet) ...
        if sheet.max_row and sheet.max_row > limits.rows + 1:
            raise _too_many_rows(limits, sheet.max_row - 1)
        if sheet.max_column and sheet.max_column > limits.columns:
            raise _too_many_columns(limits, sheet.max_column)
        # ... then the real used range, with rows never padded to a declared width.
        sheet.reset_dimensions()
    hidden, formulas = _sheet_marks(sheet)
    values = sheet.iter_rows(values_only=True)
    try:
        headers = next(values)
    except StopIteration:
        raise FileProblem(_("Berkas kosong: baris pertama harus berisi judul kolom.")) from None
    if limits:
        _check_widths(limits, [headers])
        headers = headers[: limits.columns]
    rows = []
    for number, row in enumerate(values, start=2):
        if limits:
            if number > limits.rows + 1:
                raise _too_many_rows(limits, number - 1)
            if len(row) > limits.columns:
                _check_widths(limits, [row])
                row = row[: limits.columns]
        if any(cell not in (None, "") for cell in row):
            rows.append((number, list(row)))
    workbook.close()
    table = Table(headers=[str(h or "").strip() for h in headers], rows=rows, hidden_rows=hidden, formulas=formulas)
    if others:
        table.notices.append(
            _(
                "Hanya lembar pertama (%(first)s) yang dibaca; lembar lain di berkas ini tidak diimpor: %(others)s. "
                "Pindahkan barisnya ke lembar pertama atau unggah sebagai berkas tersendiri."
            )
            % {"first": sheet.title, "others": ", ".join(others)}
        )
    return table


def read_table(data: bytes, filename: str, limits: Limits | None = None, columns=None, mapping=None, remembered=None):
    """With the kind's `columns`, the header is looked for below title rows and totals and signatures are left
    out (see layout.py), and the column mapping is applied (`mapping`, else `remembered`, see mapping.py); without,
    row 1 is the header."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        table = read_xlsx(data, limits)
    elif name.endswith(".csv") or name.endswith(".txt"):
        table = read_csv(data, limits)
    else:
        raise FileProblem(_("Jenis berkas tidak didukung: unggah .csv atau .xlsx."))
    if columns is None:
        return table
    found = locate(columns, table.headers, table.rows, hidden=table.hidden_rows, mapping=mapping, remembered=remembered)
    return Table(
        headers=found.headers,
        rows=found.rows,
        header_rows=found.header_rows,
        notices=[*found.notices, *table.notices],
        formulas=table.formulas,
        chosen=found.chosen,
        read=found.read,
    )
