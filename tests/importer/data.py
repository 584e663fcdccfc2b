"""Builders of import files for the tests: real-format NSPP/NIK, deterministic."""

import csv
import io

from openpyxl import Workbook

SANTRI_HEADERS = [
    "Nama lengkap",
    "NIK",
    "Jenis kelamin",
    "Tanggal lahir",
    "Telepon",
    "NSPP pesantren",
    "Bidang usaha",
    "Status",
    "Tahun terdaftar",
]


def nspp(i, kab="3517"):
    return f"5100{kab}{i:04d}"


def nik(i):
    return f"3517{i:012d}"


def santri_rows(count, nspps, *, start=0):
    rows = []
    for i in range(start, start + count):
        rows.append(
            [
                f"Santri Nomor {i}",
                nik(i),
                "L" if i % 2 else "P",
                f"{1 + i % 28:02d}-{1 + i % 12:02d}-{1995 + i % 10}",
                "",
                nspps[i % len(nspps)],
                "Kuliner",
                "Aktif",
                "2023",
            ]
        )
    return rows


def to_csv(headers, rows, delimiter=","):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def to_xlsx(headers, rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def agency_xlsx(headers, rows, *, title="DAFTAR PESERTA PELATIHAN KEWIRAUSAHAAN SANTRI TAHUN 2023", sheet=None):
    """A list the way an OPD keeps it: a title row, a blank row, then the header and the rows (header in row 3,
    the first person in row 4). `sheet(ws)` may touch the sheet up before it is saved (formulas, formats)."""
    workbook = Workbook()
    ws = workbook.active
    ws.title = "Peserta"
    ws["A1"] = title
    ws.append([])
    ws.append(headers)
    for row in rows:
        ws.append(row)
    if sheet:
        sheet(ws)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def santri(name, nik_value, sex, born, nspp_value, *, phone="", bidang="Kuliner"):
    """One row in SANTRI_HEADERS order."""
    return [name, nik_value, sex, born, phone, nspp_value, bidang, "Aktif", "2023"]


def values_read(spec, data, filename, reading=None):
    """The file's rows as the check parses them (read_table, then parse_rows), each with its parsed `values`: a
    row the check has classified lets go of them (engine.RowResult.settle)."""
    from opop.imports.engine import parse_rows
    from opop.imports.reading import Limits, read_table

    table = read_table(data, filename, Limits.from_settings(), columns=spec.columns, reading=reading)
    rows, problems = parse_rows(spec, table)
    assert not problems, problems
    return rows
