"""Exports of the santripreneur list: as filtered, identifiers as text, personal data per role."""

import csv
import io

import pytest
from openpyxl import load_workbook

from tests.pesantren.conftest import NIK, NIK_MASKED, PHONE, make_santri

URL = "/santripreneur/"


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_staf_export_has_full_personal_data_and_follows_filters(as_persona, santri, pesantren_malang):
    make_santri(pesantren_malang, nama="Budi Santoso")
    rows = csv_rows(as_persona("staf").get(URL, {"kabkota": "35.17", "format": "csv"}))
    header, data = rows[0], rows[1:]
    assert header[:3] == ["ID", "NIK", "Nama"] and "Tanggal lahir" in header and "Telepon" in header
    assert len(data) == 1
    row = dict(zip(header, data[0], strict=True))
    assert (row["NIK"], row["Telepon"], row["Tanggal lahir"], row["NSPP pesantren"]) == (
        NIK,
        PHONE,
        "1990-01-01",
        "510035170239",
    )


def test_pimpinan_export_is_masked(as_persona, santri):
    response = as_persona("pimpinan").get(URL, {"format": "csv"})
    content = response.content.decode("utf-8-sig")
    row = dict(zip(*csv_rows(response), strict=True))
    assert row["NIK"] == NIK_MASKED and row["Tanggal lahir"] == "**-**-1990" and row["Telepon"] == "0812******90"
    assert NIK not in content and PHONE not in content


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_petugas_export_has_no_personal_columns(fmt, as_persona, santri):
    response = as_persona("petugas_a").get(URL, {"format": fmt})
    if fmt == "csv":
        text = response.content.decode("utf-8-sig")
    else:
        sheet = load_workbook(io.BytesIO(response.content)).active
        text = "\n".join(",".join(str(c) for c in row if c is not None) for row in sheet.iter_rows(values_only=True))
    assert "Siti Aminah" in text
    for forbidden in (NIK, NIK_MASKED, PHONE, "1990", "NIK", "Tanggal lahir", "Telepon"):
        assert forbidden not in text


def test_xlsx_keeps_nik_and_nspp_as_text(as_persona, pesantren):
    make_santri(pesantren, nama="Nol Di Depan", nik="0017010101900001")
    sheet = load_workbook(io.BytesIO(as_persona("admin").get(URL, {"format": "xlsx"}).content)).active
    header = [c.value for c in sheet[1]]
    nik, nspp = sheet.cell(2, header.index("NIK") + 1), sheet.cell(2, header.index("NSPP pesantren") + 1)
    assert (nik.value, nik.data_type) == ("0017010101900001", "s")
    assert (nspp.value, nspp.data_type) == ("510035170239", "s")


def test_export_ignores_the_page_cursor_and_includes_every_match(as_persona, pesantren):
    for i in range(30):
        make_santri(pesantren, nama=f"Santri {i:02d}")
    client = as_persona("staf")
    cursor = client.get(URL).context["page"].next_cursor
    assert len(csv_rows(client.get(URL, {"kursor": cursor, "format": "csv"}))) == 31


def test_export_query_count_does_not_grow_with_rows(as_persona, pesantren, django_assert_max_num_queries):
    for i in range(30):
        make_santri(pesantren, nama=f"Santri {i:02d}")
    client = as_persona("staf")
    with django_assert_max_num_queries(9):
        client.get(URL, {"format": "xlsx"})
