"""The XLSX writers side by side on the santripreneur export (issue 32): the same rows (the bench's Staf Diskop
export, in the job's order), the same columns and the same typed cells — identifiers as text ("@"), birth dates
as dates in dd-mm-yyyy, numbers as numbers — each written by one writer in a fresh process, with its rows/s and
peak RSS, and its file read back to check those cells.

- rvgsrust-xlsxwriter: ours, `opop.common.spreadsheet.write_xlsx` exactly as the export job runs it;
- XlsxWriter, constant_memory: the portal's writer before issue 32, one call per cell;
- openpyxl, write-only mode: `WriteOnlyCell` for the text and date cells;
- rustpy-xlsxwriter: rust_xlsxwriter too, through its records (dict per row) API.

Every writer gets the rows through the same conversion (`spreadsheet._stream_row`: the formula guard, control
characters), so the numbers compare writers, not conversions. The one module outside opop/common that imports
spreadsheet writers (tests/common/test_one_xlsx_writer.py): it writes nothing anyone downloads.

    python -m opop.bench.xlsx_writers WRITER ROWS OUT.xlsx   # one writer, its numbers as JSON in OUT.xlsx.json
"""

import datetime
import itertools
import json
import os
import sys
import tempfile
import time
from pathlib import Path

DATE_FORMAT = "dd-mm-yyyy"


def export_sheet():
    """The santripreneur export the bench's export job writes (Staf Diskop: every column, every row)."""
    from django.http import QueryDict

    from opop.accounts.models import User
    from pesantren.exports import santripreneur_sheet

    return santripreneur_sheet(User.objects.get(username="bench-staf_diskop"), QueryDict(""))


class Converted:
    """The rows with the export's conversion, dates back in place (each writer formats them its own way);
    `count` is how many were read."""

    def __init__(self, rows, text):
        self.rows, self.text, self.count = rows, text, 0

    def __iter__(self):
        from opop.common.spreadsheet import _stream_row

        for row in self.rows:
            self.count += 1
            cells, dates = _stream_row(row, self.text)
            for column, value in dates:
                cells[column] = value
            yield cells


def ours(path, headers, rows, text):
    from opop.common.spreadsheet import write_xlsx

    return write_xlsx(path, headers, rows, text_columns=text)


def xlsxwriter_constant_memory(path, headers, rows, text):
    import xlsxwriter

    options = {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    workbook = xlsxwriter.Workbook(path, {**options, "strings_to_numbers": False})
    sheet = workbook.add_worksheet("Data")
    date_format = workbook.add_format({"num_format": DATE_FORMAT})
    text_format = workbook.add_format({"num_format": "@"})
    for column in text:
        sheet.set_column(column, column, None, text_format)
    sheet.write_row(0, 0, headers)
    count = 0
    for count, cells in enumerate(Converted(rows, text), start=1):
        for column, value in enumerate(cells):
            if value is None:
                continue
            if isinstance(value, str):
                sheet.write_string(count, column, value)
            elif isinstance(value, datetime.date):
                sheet.write_datetime(count, column, value, date_format)
            else:
                sheet.write_number(count, column, value)
    workbook.close()
    return count


def openpyxl_write_only(path, headers, rows, text):
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Data")
    sheet.append(headers)

    def cell(column, value):
        if value is None or not (column in text or isinstance(value, datetime.date)):
            return value
        typed = WriteOnlyCell(sheet, value=value)
        typed.number_format = "@" if column in text else DATE_FORMAT
        return typed

    converted = Converted(rows, text)
    for cells in converted:
        sheet.append([cell(column, value) for column, value in enumerate(cells)])
    workbook.save(path)
    return converted.count


def rustpy_xlsxwriter(path, headers, rows, text):
    from rustpy_xlsxwriter import Format, write_worksheet

    formats = {headers[column]: Format().set_num_format("@") for column in text}  # the rest: its own typing
    converted = Converted(rows, text)
    records = (dict(zip(headers, cells, strict=True)) for cells in converted)
    write_worksheet(
        records, path, sheet_name="Data", datetime_format=DATE_FORMAT, column_formats=formats, bold_headers=True
    )
    return converted.count


WRITERS = {
    "rvgsrust-xlsxwriter (kita)": ours,
    "XlsxWriter constant_memory": xlsxwriter_constant_memory,
    "openpyxl write-only": openpyxl_write_only,
    "rustpy-xlsxwriter": rustpy_xlsxwriter,
}


def cells_correct(path, headers, text):
    """Whether the first data rows read back typed: text columns text in "@", a birth date a date in dd-mm-yyyy,
    the ID a number. (openpyxl reads it: this runs in the bench, never in the portal.)"""
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True)
    rows = list(workbook.worksheets[0].iter_rows(min_row=1, max_row=50))
    workbook.close()
    if [c.value for c in rows[0]][: len(headers)] != list(headers):
        return False
    birth = headers.index("Tanggal lahir")
    return all(_typed(list(row), text, birth) for row in rows[1:])


def _typed(cells, text, birth):
    identifiers = [cells[c] for c in text if cells[c].value is not None]
    if any((c.data_type, c.number_format) != ("s", "@") for c in identifiers):
        return False
    if cells[0].data_type != "n" or not isinstance(cells[0].value, int | float):
        return False
    date = cells[birth]
    return date.value is None or (isinstance(date.value, datetime.datetime) and date.number_format == DATE_FORMAT)


def _resident_mb():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) / 1024 for line in status if line.startswith("VmRSS:"))


def main(name, limit, path):
    """Read the rows first (not timed: the query is the same for every writer and the export job's number
    beside these includes it), then time the writer alone."""
    import django

    django.setup()
    sheet = export_sheet()
    text = frozenset(sheet.text_columns)
    rows = list(itertools.islice(sheet.rows(), limit))
    loaded = _resident_mb()
    started, cpu = time.perf_counter(), time.process_time()
    count = WRITERS[name](path, sheet.headers, iter(rows), text)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    result = {
        "rows": count,
        "seconds": seconds,
        "cpu": cpu,
        "loaded_mb": loaded,
        "correct": cells_correct(path, sheet.headers, sorted(text)),
        "mb": os.path.getsize(path) / 2**20,
    }
    Path(f"{path}.json").write_text(json.dumps(result))


def measure_writers(bench, rows):
    """Each writer in a fresh process on the first `rows` rows of the export, read into memory before the
    clock starts (its RSS is the process's before writing; the note gives what writing added); one row each."""
    from django.conf import settings

    from opop.bench.floors import load_average
    from opop.bench.measure import run_watched

    with tempfile.TemporaryDirectory() as tmp:
        for name in WRITERS:
            path = Path(tmp) / "writer.xlsx"
            argv = [sys.executable, "-m", "opop.bench.xlsx_writers", name, str(rows), str(path)]
            _seconds, peak, _cpu = run_watched(argv, cwd=settings.BASE_DIR)
            result = json.loads(Path(f"{path}.json").read_text())
            rate = result["rows"] / result["seconds"]
            bench.record(
                f"Penulis XLSX berdampingan, {result['rows']:,} baris ekspor santripreneur: {name}",
                f"{rate:,.0f} baris/dtk ({result['seconds']:.1f} dtk)",
                notes=f"CPU {result['cpu']:.1f} dtk; RSS puncak proses {peak:.0f} MB, menulis menambah "
                f"{peak - result['loaded_mb']:.0f} MB; berkas {result['mb']:.0f} MB; "
                f"sel bertipe benar: {'ya' if result['correct'] else 'TIDAK'}; beban {load_average():.1f}",
            )
            path.unlink()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
