import datetime
import io

from openpyxl import load_workbook

from opop.common.spreadsheet import csv_bytes, safe_cell, xlsx_bytes


def test_formula_like_text_is_neutralised_and_numbers_stay_numbers():
    assert safe_cell("=cmd|' /C calc'!A0") == "'=cmd|' /C calc'!A0"
    assert safe_cell("+62812") == "'+62812"
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_cell("Pondok") == "Pondok"
    assert safe_cell(1250000) == 1250000
    assert safe_cell(None) == ""


def test_csv_has_bom_and_keeps_identifiers():
    content = csv_bytes(["NSPP", "Nama"], [["510035170239", "=HYPERLINK(1)"]]).decode("utf-8")
    assert content.startswith("\ufeffNSPP,Nama")
    assert "510035170239,'=HYPERLINK(1)" in content


def test_xlsx_stores_identifier_columns_as_text():
    content = xlsx_bytes(["NIK", "Tanggal"], [["0035170101900001", datetime.date(2024, 1, 2)]], text_columns=[0])
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet["A2"].value == "0035170101900001" and sheet["A2"].data_type == "s"
    assert sheet["B2"].value.date() == datetime.date(2024, 1, 2)
