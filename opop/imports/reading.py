"""Turn an uploaded CSV or XLSX file into header + rows, keeping the raw cell types so that identifiers
Excel turned into numbers can be recognised and refused.

Limits protect the worker: a sheet whose declared size (XLSX `<dimension>`, the zip's unpacked sizes, the CSV's
line count) or real used range goes beyond `Limits` is refused before any row is parsed — a 5 KB workbook whose
one cell sits at XFD1048576 would otherwise make openpyxl fill a million rows of 16 384 cells. The declared size
may refuse a sheet, never shape its reading: the sheet's XML is read row by row and only the cells it holds are
parsed, none made up to pad a row (a forged `<dimension>` of A1:M1 over rows that each end in an empty XFD cell
costs one cell per row, not 16 384). Every read has a `Budget` of cells parsed and of seconds."""

import csv
import io
import time
import zipfile
from dataclasses import dataclass, field
from functools import partial

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._reader import CELL_TAG, FORMULA_TAG, ROW_TAG, WorkSheetParser
from openpyxl.xml.functions import iterparse

from opop.common.formatting import ribuan
from opop.imports.columns import header_map
from opop.imports.layout import locate
from opop.imports.mapping import as_stored

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
    return ribuan(n)


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


class ReadingStopped(FileProblem):
    """The read ran out of its cell budget or its time: the whole file is refused, whichever sheet it was in."""


class Budget:
    """What one read of a file may cost: `cells` cells parsed (every cell the file's XML holds, empty or not, counts
    once; a CSV's fields likewise) and `seconds` of time. The read ends, with a FileProblem, when either runs out."""

    CLOCK_EVERY = 4096  # cells between looks at the clock

    def __init__(self, cells=None, seconds=None):
        self.max_cells = settings.IMPORT_MAX_CELLS if cells is None else cells
        self.seconds = settings.IMPORT_READ_SECONDS if seconds is None else seconds
        self.deadline = time.monotonic() + self.seconds
        self.cells = 0  # parsed so far
        self._next_clock = self.CLOCK_EVERY

    def take(self, cells, row):
        """Count `cells` more cells, read at sheet `row`; refuse once over budget or past the deadline."""
        self.cells += cells
        if self.cells > self.max_cells:
            raise ReadingStopped(
                _(
                    "Berkas berisi terlalu banyak sel (lebih dari %(max)s sel, sudah sampai baris %(row)s), batasnya "
                    "%(max)s sel. Biasanya sel kosong di luar tabel ikut tersimpan: hapus kolom dan baris di luar "
                    "tabel, atau pecah menjadi beberapa berkas; tidak ada baris yang dibaca."
                )
                % {"max": _thousands(self.max_cells), "row": _thousands(row)}
            )
        if self.cells >= self._next_clock:
            self._next_clock = self.cells + self.CLOCK_EVERY
            self.check_clock()

    def check_clock(self):
        if time.monotonic() > self.deadline:
            raise ReadingStopped(
                _(
                    "Berkas terlalu lama dibaca: lebih dari %(seconds)s detik (%(cells)s sel sudah dibaca), batasnya "
                    "%(seconds)s detik. Simpan ulang dari Excel tanpa sel kosong di luar tabel, atau pecah menjadi "
                    "beberapa berkas; tidak ada baris yang dibaca."
                )
                % {"seconds": _thousands(self.seconds), "cells": _thousands(self.cells)}
            )


class _Clocked(io.BytesIO):
    """The uploaded bytes as openpyxl reads them: every read of the zip looks at the budget's clock, so the time
    limit holds in openpyxl's own passes too (a sheet without `<dimension>` is scanned whole to size it)."""

    def __init__(self, data, budget):
        super().__init__(data)
        self.budget = budget

    def read(self, size=-1):
        self.budget.check_clock()
        return super().read(size)


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
    title: str = ""  # the sheet's name (XLSX)
    others: list = field(default_factory=list)  # [(name, Table or FileProblem)]: the workbook's other sheets
    hidden: list = field(default_factory=list)  # [(row, cells)] of the rows hidden in Excel, read or not
    sheets: list = field(default_factory=list)  # [[name, data rows, problem or ""]] of every other sheet
    problems: list = field(default_factory=list)  # a chosen sheet that cannot be read: blocks the import
    cells: int = 0  # cells parsed to read the file (every sheet): what the read cost, see Budget


HIDDEN_OPTION, SHEETS_OPTION = "baris_tersembunyi", "lembar"  # the officer's choices, in ImportBatch.options
READING_OPTIONS = (HIDDEN_OPTION, SHEETS_OPTION)


@dataclass(frozen=True)
class Reading:
    """What of the file the officer chose to read besides the first sheet's visible rows: the rows hidden in Excel
    (`hidden`), and other sheets by name (`sheets`), read into the same batch. The default reads as before."""

    hidden: bool = False
    sheets: tuple = ()

    @classmethod
    def from_options(cls, options):
        options = options or {}
        return cls(hidden=bool(options.get(HIDDEN_OPTION)), sheets=tuple(options.get(SHEETS_OPTION) or ()))


def sheet_row(sheet, number):
    """A row's label when several sheets are read into one batch: "Angkatan II baris 5"."""
    return _("%(sheet)s baris %(row)d") % {"sheet": sheet, "row": number}


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileProblem(_("Berkas CSV tidak dapat dibaca: simpan ulang sebagai CSV UTF-8."))


def read_csv(data: bytes, limits: Limits | None = None, budget: Budget | None = None) -> Table:
    budget = budget or Budget()
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
    rows = []
    try:
        headers = _within(limits, budget, next(reader), 1)
        for number, row in enumerate(reader, start=2):
            row = _within(limits, budget, row, number)
            if any(cell.strip() for cell in row):
                rows.append((number, row))
    except StopIteration:
        raise FileProblem(_("Berkas kosong: baris pertama harus berisi judul kolom.")) from None
    except csv.Error as error:
        message = _("Berkas CSV rusak di baris %(line)d; simpan ulang dari Excel sebagai CSV UTF-8.")
        raise FileProblem(message % {"line": reader.line_num}) from error
    return Table(headers=[h.strip() for h in headers], rows=rows, cells=budget.cells)


def _within(limits, budget, cells, number):
    """A CSV line's fields, counted against the budget, refused when a field beyond the limits' columns is filled,
    and cut to those columns (the empty fields after them are not kept)."""
    budget.take(len(cells), number)
    if limits and len(cells) > limits.columns:
        if any(cell not in (None, "") for cell in cells[limits.columns :]):
            raise _too_many_columns(limits, len(cells))
        return cells[: limits.columns]
    return cells


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


def _xml_rows(sheet, budget, limits):
    """(row number, {column index from 1: value}, last column, hidden, {column index: formula cell reference}) of
    every row the sheet's XML holds, straight from the XML: only the cells present are parsed, each counted against
    the budget; no cell is made up to fill a row to a declared or last width; past the limits' columns only the
    widest non-empty column is kept (under key 0). Each cell is typed by openpyxl's own cell parser (shared
    strings, dates, numbers, cached results of formulas), as its read-only reader does."""
    parent = sheet.parent
    cells_parser = WorkSheetParser(
        None,
        sheet._shared_strings,
        data_only=True,
        epoch=parent.epoch,
        date_formats=parent._date_formats,
        timedelta_formats=parent._timedelta_formats,
    )
    width = limits.columns if limits else None
    with sheet._get_source() as source:
        open_elements, in_cell, row, number = [], 0, None, 0
        for event, element in iterparse(source, events=("start", "end")):
            tag = element.tag
            if event == "start":
                open_elements.append(element)
                if tag == CELL_TAG:
                    in_cell += 1
                elif tag == ROW_TAG:
                    row = element
                    attribute = element.get("r")
                    number = int(float(attribute)) if attribute else number + 1
                    if limits and number > limits.rows + 1:
                        raise _too_many_rows(limits, number - 1)
                    cells_parser.row_counter, cells_parser.col_counter = number, 0
                    values, formulas, last = {}, {}, 0
                continue
            open_elements.pop()
            if tag == CELL_TAG:
                in_cell -= 1
                budget.take(1, number)
                if row is not None:
                    cell = cells_parser.parse_cell(element)
                    column, value = cell["column"], cell["value"]
                    if width is None or column <= width:
                        values[column] = value
                        if width or value not in (None, ""):  # unlimited: a row ends at its last value
                            last = max(last, column)
                        if element.find(FORMULA_TAG) is not None:
                            formulas[column] = f"{get_column_letter(column)}{number}"
                    elif value not in (None, ""):
                        values[0] = max(values.get(0, 0), column)
            elif tag == ROW_TAG and row is not None:
                budget.check_clock()
                row = None
                yield number, values, last, element.get("hidden") in ("1", "true"), formulas
            if not in_cell and open_elements:  # the tree keeps nothing parsed: a row of a million cells costs no memory
                open_elements[-1].remove(element)


def _read_sheet(sheet, limits, budget, *, first=True):
    """One worksheet: row 1 as `headers`, the filled rows after it, each as wide as its last cell in the XML (up to
    the limits' columns). An empty first sheet is a problem; an empty other sheet is just empty."""
    if limits:  # what the sheet declares (its <dimension>, read without parsing a row) may refuse it, never size it
        if sheet.max_row and sheet.max_row > limits.rows + 1:
            raise _too_many_rows(limits, sheet.max_row - 1)
        if sheet.max_column and sheet.max_column > limits.columns:
            raise _too_many_columns(limits, sheet.max_column)
    headers, rows, hidden, formulas, seen = None, [], set(), {}, 0
    for number, values, last, is_hidden, marks in _xml_rows(sheet, budget, limits):
        if number <= seen:  # a row written twice or out of order: read once, as openpyxl does
            continue
        seen = number
        if values.get(0):
            raise _too_many_columns(limits, values[0])
        if is_hidden:
            hidden.add(number)
        cells = [values.get(column) for column in range(1, last + 1)]
        formulas.update({(number, column - 1): reference for column, reference in marks.items()})
        if number == 1:
            headers = cells
            continue
        if headers is None:
            headers = []
        if any(cell not in (None, "") for cell in cells):
            rows.append((number, cells))
    if headers is None:
        if not first:
            return Table(headers=[], rows=[], title=sheet.title)
        raise FileProblem(_("Berkas kosong: baris pertama harus berisi judul kolom."))
    return Table(
        headers=[str(h or "").strip() for h in headers],
        rows=rows,
        hidden_rows=frozenset(hidden),
        formulas=formulas,
        title=sheet.title,
    )


def read_xlsx(data: bytes, limits: Limits | None = None, budget: Budget | None = None) -> Table:
    """The first sheet; every other sheet is read too, into `others` (its problem instead, when it cannot be read):
    the preview offers them for import into the same batch. One `budget` of cells and time covers the workbook."""
    budget = budget or Budget()
    if limits:
        _check_unpacked_size(data, limits)
    try:
        workbook = load_workbook(_Clocked(data, budget), read_only=True, data_only=True)
    except ReadingStopped:
        raise
    except Exception:
        raise FileProblem(_("Berkas XLSX tidak dapat dibuka; pastikan formatnya Excel .xlsx yang utuh.")) from None
    try:
        sheets = workbook.worksheets
        table = _read_sheet(sheets[0], limits, budget)
        for sheet in sheets[1:]:
            try:
                table.others.append((sheet.title, _read_sheet(sheet, limits, budget, first=False)))
            except ReadingStopped:
                raise
            except FileProblem as problem:
                table.others.append((sheet.title, problem))
    except FileProblem:
        raise
    except Exception:  # XML that no spreadsheet program writes: a cell reference that is not one, a broken part
        raise FileProblem(_("Berkas XLSX tidak dapat dibuka; pastikan formatnya Excel .xlsx yang utuh.")) from None
    finally:
        workbook.close()
    table.cells = budget.cells
    return table


def read_table(
    data: bytes,
    filename: str,
    limits: Limits | None = None,
    columns=None,
    mapping=None,
    remembered=None,
    reading=None,
):
    """With the kind's `columns`, the header is looked for below title rows and totals and signatures are left
    out (see layout.py), and the column mapping is applied (`mapping`, else `remembered`, see mapping.py); without,
    row 1 is the header. `reading` (the officer's choices): hidden rows read too, other sheets read into the same
    table, each located on its own, its rows labelled with its sheet's name. Without `reading` the caller offers no
    such choice (a plan's own upload page): the notices say how to change the file instead."""
    offered = reading is not None
    reading = reading or Reading()
    name = filename.lower()
    if name.endswith(".xlsx"):
        table = read_xlsx(data, limits)
    elif name.endswith(".csv") or name.endswith(".txt"):
        table = read_csv(data, limits)
    else:
        raise FileProblem(_("Jenis berkas tidak didukung: unggah .csv atau .xlsx."))
    if columns is None:
        table.notices.extend(_other_sheets_notices(table, chosen=()))
        return table
    found = locate(
        columns,
        table.headers,
        table.rows,
        hidden=table.hidden_rows,
        include_hidden=reading.hidden,
        offer_hidden=offered,
        mapping=mapping,
        remembered=remembered,
    )
    names = [title for title, _other in table.others]
    problems = [
        _("Lembar “%(sheet)s” tidak ada di berkas ini; lembar yang ada: %(sheets)s. Pilih lagi di pratinjau.")
        % {"sheet": sheet, "sheets": ", ".join([table.title, *names]) if table.title else _("(satu lembar)")}
        for sheet in reading.sheets
        if sheet not in names
    ]
    chosen = [title for title in names if title in reading.sheets]
    ours = partial(sheet_row, table.title) if chosen else (lambda number: number)  # rows say their sheet, or as before
    rows = [(ours(number), cells) for number, cells in found.rows]
    formulas = {(ours(number), position): cell for (number, position), cell in table.formulas.items()}
    hidden = [(ours(number), cells) for number, cells in found.hidden]
    notices = [_prefixed(table.title, notice) for notice in found.notices] if chosen else list(found.notices)
    sheets = []
    for title, other in table.others:
        located, problem = _other_sheet(columns, found, title, other, reading, offered)
        sheets.append([title, len(located.rows) if located else 0, problem])
        if title not in chosen:
            continue
        if problem:
            problems.append(problem)
            continue
        if limits and len(rows) + len(located.rows) > limits.rows:
            problems.append(
                _(
                    "Lembar “%(sheet)s” tidak dibaca: bersama lembar sebelumnya barisnya melewati batas %(max)s baris "
                    "data. Impor lembar itu sebagai berkas tersendiri, atau jangan centang lembar itu."
                )
                % {"sheet": title, "max": _thousands(limits.rows)}
            )
            continue
        moved, width = _positions_moved(columns, located, found), len(found.headers)
        label = partial(sheet_row, title)
        rows.extend((label(number), _moved_cells(cells, moved, width)) for number, cells in located.rows)
        hidden.extend((label(number), _moved_cells(cells, moved, width)) for number, cells in located.hidden)
        formulas.update(
            {(label(n), moved[position]): cell for (n, position), cell in other.formulas.items() if position in moved}
        )
        notices.extend(_prefixed(title, notice) for notice in located.notices)
    return Table(
        headers=found.headers,
        rows=rows,
        header_rows=found.header_rows,
        notices=[*notices, *table.notices, *_other_sheets_notices(table, chosen=chosen, offered=offered)],
        formulas=formulas,
        chosen=found.chosen,
        read=found.read,
        title=table.title,
        hidden=hidden,
        sheets=sheets,
        problems=problems,
        cells=table.cells,
    )


def _prefixed(sheet, notice):
    return _("Lembar “%(sheet)s”: %(notice)s") % {"sheet": sheet, "notice": notice}


def _other_sheets_notices(table, chosen, offered=False):
    others = [title for title, _other in table.others if title not in chosen]
    notices = []
    if others and not offered:
        return [
            _(
                "Hanya lembar pertama (%(first)s) yang dibaca; lembar lain di berkas ini tidak diimpor: %(others)s. "
                "Pindahkan barisnya ke lembar pertama atau unggah sebagai berkas tersendiri."
            )
            % {"first": table.title, "others": ", ".join(others)}
        ]
    if chosen:
        notices.append(
            _("Lembar yang dibaca ke batch ini, atas pilihan Anda: %(sheets)s; setiap baris ditandai nama lembarnya.")
            % {"sheets": ", ".join([table.title, *chosen])}
        )
        if others:
            notices.append(
                _("Lembar lain tidak diimpor: %(others)s. Centang lembarnya di pratinjau bila harus ikut.")
                % {"others": ", ".join(others)}
            )
    elif others:
        notices.append(
            _(
                "Hanya lembar pertama (%(first)s) yang dibaca; lembar lain di berkas ini tidak diimpor: %(others)s. "
                "Bila harus ikut, centang lembarnya di pratinjau (baris perintah: --lembar) lalu periksa ulang."
            )
            % {"first": table.title, "others": ", ".join(others)}
        )
    return notices


def _other_sheet(columns, found, title, other, reading, offered):
    """(layout or None, problem or ""): another sheet located on its own, titles mapped as the first sheet's were,
    and why it cannot be read into the first sheet's batch."""
    if isinstance(other, FileProblem):
        return None, _("Lembar “%(sheet)s” tidak dapat dibaca: %(problem)s") % {"sheet": title, "problem": other}
    if not other.rows and not any(other.headers):
        return None, _("Lembar “%(sheet)s” kosong; tidak ada yang dibaca.") % {"sheet": title}
    located = locate(
        columns,
        other.headers,
        other.rows,
        hidden=other.hidden_rows,
        include_hidden=reading.hidden,
        offer_hidden=offered,
        mapping=as_stored(found.read),
    )
    return located, _sheet_mismatch(title, _fields(columns, found), _fields(columns, located), columns)


def _fields(columns, found):
    """{field key: read from a combined title} of the columns a located sheet feeds."""
    combined = set()
    positions, _missing, _unknown = header_map(columns, found.headers, combined, found.chosen)
    return {key: key in combined for key in positions}


def _sheet_mismatch(title, first, other, columns):
    """Why another sheet cannot be read into the batch the first sheet's columns shape, or ""."""
    if first == other:
        return ""
    labels = {column.key: column.header for column in columns}
    missing = [labels[key] for key in first if key not in other]
    extra = [labels[key] for key in other if key not in first]
    differ = [labels[key] for key in first if key in other and first[key] != other[key]]
    parts = []
    if missing:
        parts.append(_("tidak ada kolom %(columns)s") % {"columns": ", ".join(missing)})
    if extra:
        parts.append(_("ada kolom %(columns)s yang tidak ada di lembar pertama") % {"columns": ", ".join(extra)})
    if differ:
        parts.append(_("kolom %(columns)s ditulis dengan cara lain") % {"columns": ", ".join(differ)})
    return _(
        "Lembar “%(sheet)s” tidak diimpor: kolomnya tidak sama dengan lembar pertama (%(why)s); tidak ada baris dari "
        "lembar itu yang dibaca. Samakan judul kolomnya dengan lembar pertama lalu unggah ulang, atau jangan "
        "centang lembar itu."
    ) % {"sheet": title, "why": "; ".join(parts)}


def _positions_moved(columns, located, found):
    """{position in the other sheet: position in the first} of the columns both feed."""
    theirs, _m, _u = header_map(columns, located.headers, set(), located.chosen)
    ours, _m, _u = header_map(columns, found.headers, set(), found.chosen)
    return {theirs[key]: ours[key] for key in ours if key in theirs}


def _moved_cells(cells, moved, width):
    """Another sheet's row laid out in the first sheet's columns (columns no field reads stay empty)."""
    laid = [None] * width
    for theirs, ours in moved.items():
        if theirs < len(cells):
            laid[ours] = cells[theirs]
    return laid
