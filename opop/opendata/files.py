"""The files of a published version: CSV (UTF-8), JSON and XLSX of one dataset from its stored rows, and the
metadata workbook (MS-Keg and MS-Ind). Written by the shared writers of opop/common/spreadsheet.py."""

import json

from opop.common.spreadsheet import BOLD, XlsxBook, csv_bytes, xlsx_bytes
from opop.opendata.datasets import COLUMNS, TEXT_COLUMNS

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def file_name(dataset, nomor, fmt):
    return f"opop-jatim-{dataset.kode}-v{nomor}.{fmt}"


def dataset_file(dataset, publikasi, fmt) -> bytes:
    rows = publikasi.isi.get(dataset.kode, [])
    if fmt == "csv":
        return csv_bytes(COLUMNS, rows)
    if fmt == "xlsx":
        return xlsx_bytes(COLUMNS, rows, text_columns=TEXT_COLUMNS, sheet_title="Data")
    document = {
        "dataset": dataset.kode,
        "judul": str(dataset.judul),
        "versi": publikasi.nomor,
        "diterbitkan": publikasi.diterbitkan_pada.isoformat(),
        "kolom": list(COLUMNS),
        "data": [dict(zip(COLUMNS, row, strict=True)) for row in rows],
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def metadata_file(ms_keg, ms_ind, element_label, content_label) -> bytes:
    """MS-Keg and MS-Ind, each a sheet of (element, content) rows."""
    book = XlsxBook()
    for title, rows in (("MS-Keg", ms_keg), ("MS-Ind", ms_ind)):
        sheet = book.add_sheet(title, [element_label, content_label], widths=[30, 100], freeze=(1, 0))
        for element, content in rows:
            sheet.append([str(element), str(content)], cell_styles={0: BOLD})
    return book.getvalue()
