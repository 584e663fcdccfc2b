"""Issue 16, template fixes: the XLSX template types NIK, NSPP, NIB and phone columns as text and marks its example
row, which is skipped (and named) when left in a file; CSV files arrive in UTF-8 with BOM, in Windows-1252 and with
`;` separators, and are read."""

import io

import pytest
from openpyxl import load_workbook

from opop.imports.engine import run_import
from opop.imports.registry import get_spec
from opop.imports.templates import template_bytes
from pesantren.models import Santripreneur, Sociopreneur
from tests.importer.data import SANTRI_HEADERS, nik, santri, to_csv


def _sheet(kind):
    return load_workbook(io.BytesIO(template_bytes(get_spec(kind), "xlsx"))).active


@pytest.mark.parametrize(
    ("kind", "text_headers"),
    [
        ("santripreneur", {"NIK", "Telepon", "NSPP pesantren*"}),
        ("sociopreneur", {"NIK", "Telepon", "NSPP pesantren asal", "NIB"}),
        ("pesantren", {"NSPP*"}),
    ],
)
def test_the_xlsx_template_types_identifier_and_phone_columns_as_text(kind, text_headers, db):
    sheet = _sheet(kind)
    headers = [cell.value for cell in sheet[1]]
    typed = {headers[i] for i in range(len(headers)) if sheet.cell(row=3, column=i + 1).number_format == "@"}
    assert typed == text_headers
    assert all(sheet.cell(row=2, column=headers.index(h) + 1).number_format == "@" for h in text_headers)


def test_the_xlsx_templates_example_row_is_marked(db):
    sheet = _sheet("santripreneur")
    assert sheet["A1"].value == "No" and sheet["A2"].value == "CONTOH"
    assert sheet["B2"].value == "Ahmad Fauzi"


def test_an_example_row_left_above_the_data_is_skipped_and_named(pesantren_nspps):
    sheet_data = template_bytes(get_spec("santripreneur"), "xlsx")
    workbook = load_workbook(io.BytesIO(sheet_data))
    workbook.active.append([1, *santri("Siti Aminah", nik(2), "P", "02-02-2003", pesantren_nspps[0])])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = run_import(get_spec("santripreneur"), buffer.getvalue(), "t.xlsx", actor=None, commit=True)
    assert result.committed, result.error_list()
    assert "Baris contoh dari templat dilewati: baris 2." in result.notices
    assert list(Santripreneur.objects.values_list("nama", flat=True)) == ["Siti Aminah"]


def test_the_csv_templates_example_is_recognised_by_its_values(pesantren_nspps):
    template = template_bytes(get_spec("sociopreneur"), "csv").decode("utf-8-sig").splitlines()
    data = "\n".join([*template, "Budi Santoso,,L,01-01-1990,,,Batik Budi,,Jombang,,2020,,"]).encode("utf-8")
    result = run_import(get_spec("sociopreneur"), data, "t.csv", actor=None, commit=True)
    assert result.committed, result.error_list()
    assert "Baris contoh dari templat dilewati: baris 2." in result.notices
    assert list(Sociopreneur.objects.values_list("nama", flat=True)) == ["Budi Santoso"]


def test_a_person_who_only_shares_some_example_values_is_imported(pesantren_nspps):
    rows = [santri("Ahmad Fauzi", nik(1), "L", "17-08-2004", pesantren_nspps[0])]  # the example's name, not its NIK
    result = run_import(get_spec("santripreneur"), to_csv(SANTRI_HEADERS, rows), "s.csv", actor=None, commit=True)
    assert result.committed and Santripreneur.objects.get().nama == "Ahmad Fauzi"


def _rows(nspps):
    return [
        santri("Siti Aminah", nik(1), "P", "02-02-2003", nspps[0]),
        santri("José Ramírez Ñoño", nik(2), "L", "12 Mei 2001", nspps[1]),
    ]


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8-sig", ","), ("utf-8-sig", ";"), ("utf-8", ";"), ("cp1252", ";"), ("cp1252", ",")],
)
def test_csv_files_as_excel_saves_them_are_read(encoding, delimiter, pesantren_nspps):
    text = to_csv(SANTRI_HEADERS, _rows(pesantren_nspps), delimiter=delimiter).decode("utf-8")
    data = text.encode(encoding)
    result = run_import(get_spec("santripreneur"), data, "peserta.csv", actor=None, commit=True)
    assert result.committed, (result.file_errors, result.error_list())
    assert sorted(Santripreneur.objects.values_list("nama", flat=True)) == ["José Ramírez Ñoño", "Siti Aminah"]
    assert Santripreneur.objects.get(nik=nik(1)).jenis_kelamin == "P"  # the first header read despite the BOM


def test_a_csv_in_an_unreadable_encoding_writes_nothing(pesantren_nspps):
    data = to_csv(SANTRI_HEADERS, _rows(pesantren_nspps)).decode("utf-8").encode("utf-16")
    result = run_import(get_spec("santripreneur"), data, "peserta.csv", actor=None, commit=True)
    assert result.file_errors and not result.committed
    assert Santripreneur.objects.count() == 0
