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
from django.utils.translation import gettext, gettext_lazy
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._reader import CELL_TAG, FORMULA_TAG, ROW_TAG, WorkSheetParser
from openpyxl.xml.functions import iterparse

from opop.common.formatting import ribuan
from opop.common.reader_language import deferred as _
from opop.common.reader_language import listed
from opop.imports.columns import header_map
from opop.imports.layout import _filled, locate
from opop.imports.mapping import as_stored

UNPACKED_PER_ROW = 4096  # bytes of sheet XML a row may take on average (a zip bomb takes far more)


class FileProblem(Exception):
    """The file as a whole cannot be read (wrong type, empty, no header)."""


@dataclass(frozen=True)
class Limits:
    """How many data rows a file may hold (header not counted). A sheet may be any width: every cell it holds, and
    every empty one a row is filled up with, counts against the cell budget (Budget)."""

    rows: int

    @classmethod
    def from_settings(cls):
        return cls(rows=settings.IMPORT_MAX_ROWS)


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
    cell_problems: dict = field(default_factory=dict)  # (sheet row, column index) -> why the cell holds no value
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
    """A row's label when several sheets are read into one batch: "Angkatan II baris 5". Plain text, written once in
    the language of the check: it is the row's key too (messages, the failed-rows file)."""
    return gettext("%(sheet)s baris %(row)d") % {"sheet": sheet, "row": number}


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileProblem(_("Berkas CSV tidak dapat dibaca: simpan ulang sebagai CSV UTF-8."))


DELIMITERS = ",;\t"
SNIFFED_LINES = 50  # lines looked at to choose the delimiter
SHIFTED_NAMED = 10  # rows named when a CSV's rows and header differ in cell count


class RFC4180(csv.Dialect):
    """CSV as RFC 4180 writes it, whatever the delimiter: fields quoted with '"', a quote inside a quoted field
    doubled (`"PP ""Nurul Huda"", Putri"`), as Excel and Python write it. Only the delimiter is chosen per file."""

    delimiter = ","
    quotechar = '"'
    doublequote = True
    skipinitialspace = False
    lineterminator = "\r\n"
    quoting = csv.QUOTE_MINIMAL
    strict = False


def _delimiter(text):
    """The delimiter whose first lines split most alike into more than one field (",", ";" from an Indonesian
    Excel, or a tab), each line read with RFC 4180 quoting; "," when none splits anything."""
    lines = text.splitlines()[:SNIFFED_LINES]
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        try:
            counts = [len(row) for row in csv.reader(lines, RFC4180, delimiter=delimiter) if len(row) > 1]
        except csv.Error:
            continue
        if not counts:
            continue
        width = max(set(counts), key=counts.count)
        score = (counts.count(width), width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _unequal_rows(rows, width):
    """Sheet rows whose cell count differs from the header's: more cells, filled, after the header's last column
    (a quote or delimiter the row does not balance shifts the columns after it), or fewer (a quote left open swallows
    the delimiters after it). A line of one cell (a title, a note) is left to the layout."""
    unequal = []
    for number, row in rows:
        filled = len(row)
        while filled > width and row[filled - 1].strip() == "":
            filled -= 1
        if filled > width or 1 < len(row) < width:
            unequal.append((number, len(row)))
    return unequal


def read_csv(data: bytes, limits: Limits | None = None, budget: Budget | None = None) -> Table:
    budget = budget or Budget()
    if limits:  # a line break inside a quoted cell counts too: the cap errs on the safe side
        data_lines = data.count(b"\n") - (1 if data.endswith(b"\n") else 0)  # the header line not counted
        if data_lines > limits.rows:
            raise _too_many_rows(limits, data_lines)
    text = _decode(data)
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), RFC4180, delimiter=delimiter)
    rows = []
    try:
        headers = next(reader)
        budget.take(len(headers), 1)
        for number, row in enumerate(reader, start=2):  # records, as Excel numbers them (a cell may hold line breaks)
            budget.take(len(row), number)
            if any(cell.strip() for cell in row):
                rows.append((number, row))
    except StopIteration:
        raise FileProblem(_("Berkas kosong: baris pertama harus berisi judul kolom.")) from None
    except csv.Error as error:
        message = _("Berkas CSV rusak di baris %(line)d; simpan ulang dari Excel sebagai CSV UTF-8.")
        raise FileProblem(message % {"line": reader.line_num}) from error
    width = _header_width(headers, rows)
    if unequal := _unequal_rows([(1, headers), *rows], width):
        named = listed(
            _("baris %(row)d (%(n)d sel)") % {"row": number, "n": cells} for number, cells in unequal[:SHIFTED_NAMED]
        )
        more = len(unequal) - SHIFTED_NAMED
        raise FileProblem(
            _(
                "Jumlah sel tidak sama dengan judul kolom (%(width)d kolom) di %(rows)s%(more)s: tanda kutip atau "
                "pemisah (%(sep)s) di baris itu tidak seimbang, sehingga kolom sesudahnya akan bergeser. Perbaiki "
                "barisnya, atau simpan ulang dari Excel sebagai CSV UTF-8; tidak ada baris yang dibaca."
            )
            % {
                "width": width,
                "rows": named,
                "more": (_(" dan %(n)d baris lain") % {"n": more}) if more > 0 else "",
                "sep": {"\t": "tab"}.get(delimiter, delimiter),
            }
        )
    return Table(headers=[h.strip() for h in headers], rows=rows, cells=budget.cells)


def _header_width(headers, rows):
    """The header's cell count: the first line's, or where title lines come first, the count most lines share."""
    counts = [len(headers), *(len(row) for _number, row in rows)]
    counts = [n for n in counts if n > 1] or [len(headers)]
    return max(set(counts), key=lambda n: (counts.count(n), n))


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
    """(row number, {column index from 1: value}, last filled column, hidden, {column index: formula cell
    reference}) of every row the sheet's XML holds, straight from the XML: only the cells present are parsed, each
    counted against the budget; no cell is made up to fill a row to a declared width, and an empty cell does not
    widen its row. Each cell is typed by openpyxl's own cell parser (shared strings, dates, numbers, cached results
    of formulas), as its read-only reader does."""
    parent = sheet.parent
    cells_parser = WorkSheetParser(
        None,
        sheet._shared_strings,
        data_only=True,
        epoch=parent.epoch,
        date_formats=parent._date_formats,
        timedelta_formats=parent._timedelta_formats,
    )
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
                    if value not in (None, ""):  # a row ends at its last value
                        values[column] = value
                        last = max(last, column)
                    if element.find(FORMULA_TAG) is not None:
                        formulas[column] = f"{get_column_letter(column)}{number}"
            elif tag == ROW_TAG and row is not None:
                budget.check_clock()
                row = None
                yield number, values, last, element.get("hidden") in ("1", "true"), formulas
            if not in_cell and open_elements:  # the tree keeps nothing parsed: a row of a million cells costs no memory
                open_elements[-1].remove(element)


def _read_sheet(sheet, limits, budget, *, first=True):
    """One worksheet: row 1 as `headers`, the filled rows after it, each as wide as its last filled cell, whatever
    the width; the empty cells a row is filled up with count against the budget, as the cells read do. An empty
    first sheet is a problem; an empty other sheet is just empty."""
    if limits:  # what the sheet declares (its <dimension>, read without parsing a row) may refuse it, never size it
        if sheet.max_row and sheet.max_row > limits.rows + 1:
            raise _too_many_rows(limits, sheet.max_row - 1)
    headers, rows, hidden, formulas, seen = None, [], set(), {}, 0
    for number, values, last, is_hidden, marks in _xml_rows(sheet, budget, limits):
        if number <= seen:  # a row written twice or out of order: read once, as openpyxl does
            continue
        seen = number
        if is_hidden:
            hidden.add(number)
        budget.take(last - len(values), number)  # the empty cells made up between the filled ones
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


SAVE_AS = {
    ".xls": gettext_lazy("Excel 97–2003"),
    ".ods": gettext_lazy("LibreOffice/OpenDocument"),
    ".xlsm": gettext_lazy("Excel dengan makro"),
    ".xlsb": gettext_lazy("Excel biner"),
}


def unsupported_file(name):
    """What to do with a file the importer does not read: an older or other spreadsheet format is saved again as
    .xlsx (the officer has it open in Excel or LibreOffice anyway); anything else is named as unsupported."""
    ext = "." + name.lower().rsplit(".", 1)[-1] if "." in name else ""
    if ext in SAVE_AS:
        return _(
            "Berkas %(ext)s (%(kind)s) belum dapat dibaca. Buka berkas itu di Excel atau LibreOffice, pilih "
            "Simpan Sebagai → Buku Kerja Excel (.xlsx), lalu unggah berkas .xlsx itu."
        ) % {"ext": ext, "kind": SAVE_AS[ext]}
    return _("Jenis berkas tidak didukung: unggah .csv atau .xlsx.")


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
        raise FileProblem(unsupported_file(name))
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
    found.notices.extend(_outside_table(table.rows, found))
    found.notices.extend(_not_imported(found))
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
    cell_problems = {(ours(number), position): why for (number, position), why in found.cell_problems.items()}
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
        _append_sheet(columns, found, title, other, located, (rows, hidden, formulas, cell_problems, notices))
    return Table(
        headers=found.headers,
        rows=rows,
        header_rows=found.header_rows,
        notices=[*notices, *table.notices, *_other_sheets_notices(table, chosen=chosen, offered=offered)],
        formulas=formulas,
        cell_problems=cell_problems,
        chosen=found.chosen,
        read=found.read,
        title=table.title,
        hidden=hidden,
        sheets=sheets,
        problems=problems,
        cells=table.cells,
    )


def _append_sheet(columns, found, title, other, located, into):
    """One chosen other sheet's rows, hidden rows, formulas, cell problems and notices added to the first sheet's
    (`into`), its columns moved to the first sheet's positions and its rows labelled with its sheet's name."""
    rows, hidden, formulas, cell_problems, notices = into
    moved, width = _positions_moved(columns, located, found), len(found.headers)
    label = partial(sheet_row, title)
    rows.extend((label(number), _moved_cells(cells, moved, width)) for number, cells in located.rows)
    hidden.extend((label(number), _moved_cells(cells, moved, width)) for number, cells in located.hidden)
    formulas.update(
        {(label(n), moved[position]): cell for (n, position), cell in other.formulas.items() if position in moved}
    )
    cell_problems.update({(label(n), moved[p]): why for (n, p), why in located.cell_problems.items() if p in moved})
    notices.extend(_prefixed(title, notice) for notice in located.notices)


def _outside_table(rows, found):
    """Filled cells right of the table's last titled column, below its header (another list kept beside the table):
    named by their range, and the rows holding nothing else left out of the table."""
    titled = [index for index, title in enumerate(found.headers) if _filled(title)]
    if not titled:
        return []
    width, below = titled[-1] + 1, max(found.header_rows)
    numbers, first, last = [], None, None
    for number, cells in rows:
        if number <= below or len(cells) <= width:
            continue
        outside = [index for index in range(width, len(cells)) if _filled(cells[index])]
        if outside:
            numbers.append(number)
            first = min(outside[0], first if first is not None else outside[0])
            last = max(outside[-1], last or 0)
    if not numbers:
        return []
    found.rows = [(n, cells) for n, cells in found.rows if any(_filled(cell) for cell in cells[:width])]
    cells = f"{get_column_letter(first + 1)}{numbers[0]}:{get_column_letter(last + 1)}{numbers[-1]}"
    return [
        _(
            "%(range)s berisi %(n)d baris data di luar tabel (di kanan kolom berjudul terakhir, %(column)s); isinya "
            "tidak diimpor. Bila harus ikut, pindahkan ke bawah tabel dengan judul kolom yang sama, atau unggah "
            "sebagai berkas tersendiri."
        )
        % {"range": cells, "n": len(numbers), "column": get_column_letter(width)}
    ]


def _not_imported(found):
    """The titled columns no field reads, by title: the mapping on the preview may still assign them."""
    titles = [title for title, key, _how in found.read if not key]
    if not titles:
        return []
    return [
        _("%(n)d kolom tidak diimpor (tidak dipetakan ke field mana pun): %(titles)s.")
        % {"n": len(titles), "titles": ", ".join(titles)}
    ]


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
        return None, _("Lembar “%(sheet)s” tidak dapat dibaca: %(problem)s") % {
            "sheet": title,
            "problem": other.args[0],
        }
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
        parts.append(_("tidak ada kolom %(columns)s") % {"columns": listed(missing)})
    if extra:
        parts.append(_("ada kolom %(columns)s yang tidak ada di lembar pertama") % {"columns": listed(extra)})
    if differ:
        parts.append(_("kolom %(columns)s ditulis dengan cara lain") % {"columns": listed(differ)})
    return _(
        "Lembar “%(sheet)s” tidak diimpor: kolomnya tidak sama dengan lembar pertama (%(why)s); tidak ada baris dari "
        "lembar itu yang dibaca. Samakan judul kolomnya dengan lembar pertama lalu unggah ulang, atau jangan "
        "centang lembar itu."
    ) % {"sheet": title, "why": listed(parts, "; ")}


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
