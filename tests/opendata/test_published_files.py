"""Issue 30, Done-when 4: every published file of every dataset holds no personal data, no person count under 5
other than "<5", and totals equal to the dashboards' figures for the same year (angka sementara: live)."""

import csv
import io
import json
import re

import openpyxl
import pytest
from django.test import Client
from django.utils import timezone

from opop.common.years import FIRST_YEAR
from opop.dashboard import boards
from opop.opendata.datasets import COLUMNS, DATASETS
from tests.dashboard.conftest import NIK, PERSON_NAME, PHONE

pytestmark = pytest.mark.django_db
FORMATS = ("csv", "json", "xlsx")
PERSONS = {"santripreneur-kabkota": "santripreneur", "sociopreneur-kabkota": "sociopreneur"}
REGISTRY = {
    **PERSONS,
    "pesantren-peserta-kabkota": "pesantren-opop",
    "produk-unggulan-kategori-kabkota": "produk-unggulan",
}
# What would name a person: the fixture's NIK, phone and birth date in every spelling, and the people's names.
SECRETS = (NIK, PHONE, PERSON_NAME, "2001-02-03", "03-02-2001", "03/02/2001", "Santri Satu", "Socio Satu", "Tambahan")
NIK_LIKE = re.compile(r"\b\d{16}\b")
PHONE_LIKE = re.compile(r"\b(\+62|62|0)8\d{7,11}\b")


def _cell_text(value):
    if value is None:
        return ""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _read(client, nomor, kode, fmt):
    """(the file's whole text, its rows as {column: value as text})."""
    response = client.get(f"/data-terbuka/unduh/v{nomor}/{kode}.{fmt}")
    assert response.status_code == 200, (kode, fmt)
    content = response.content
    if fmt == "csv":
        text = content.decode("utf-8-sig")
        reader = csv.reader(io.StringIO(text))
        header = next(reader)
        rows = list(reader)
    elif fmt == "json":
        text = content.decode("utf-8")
        document = json.loads(text)
        header = document["kolom"]
        rows = [[record[c] for c in COLUMNS] for record in document["data"]]
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(content), read_only=True)["Data"]
        # XLSX has one number type (a double): the writer stores 2019 as "2019.0", which openpyxl reads as a float
        table = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        header, rows = table[0], table[1:]
        text = "\n".join(",".join(str(v) for v in row) for row in table)
    assert tuple(header) == COLUMNS, (kode, fmt)
    return text, [dict(zip(COLUMNS, [str(v) for v in row], strict=True)) for row in rows]


@pytest.fixture(scope="module")
def downloaded(open_data_once, django_db_blocker):
    """{(dataset, format): (text, rows)} of version 1, as an anonymous visitor downloads them: once per module (the
    files are read, never changed)."""
    with django_db_blocker.unblock():
        client = Client()
        return {(d.kode, fmt): _read(client, 1, d.kode, fmt) for d in DATASETS for fmt in FORMATS}


@pytest.fixture
def files(downloaded, published):
    return downloaded


def test_no_file_holds_personal_data(files):
    for (kode, fmt), (text, _rows) in files.items():
        for secret in SECRETS:
            assert secret not in text, (kode, fmt, secret)
        assert not NIK_LIKE.search(text), (kode, fmt)
        assert not PHONE_LIKE.search(text), (kode, fmt)


def test_the_three_formats_of_a_dataset_hold_the_same_rows(files):
    for dataset in DATASETS:
        csv_rows = files[(dataset.kode, "csv")][1]
        assert csv_rows, dataset.kode
        assert files[(dataset.kode, "json")][1] == csv_rows
        assert files[(dataset.kode, "xlsx")][1] == csv_rows


def test_no_person_count_under_five_is_published(files):
    checked = 0
    for (kode, fmt), (_text, rows) in files.items():
        for row in rows:
            if row["satuan"] != "orang" or (
                kode == "komitmen-opd-triwulan" and "realisasi" not in row["kode_indikator"]
            ):
                continue  # a target is a plan, not persons
            checked += 1
            assert row["nilai"] in ("<5", "x") or int(row["nilai"]) == 0 or int(row["nilai"]) >= 5, (kode, fmt, row)
    assert checked > 38 * 2 * 3


def test_some_cells_are_suppressed_and_stated_so(files, client):
    values = {row["nilai"] for _text, rows in files.values() for row in rows}
    assert "<5" in values
    page = client.get("/data-terbuka/santripreneur-kabkota/").content.decode()
    assert "&quot;&lt;5&quot;" in page and "penekanan sekunder" in page


def _by_region(rows, tahun, kode_indikator):
    return {
        row["kode_kabupaten_kota"]: row["nilai"]
        for row in rows
        if row["tahun"] == str(tahun) and row["kode_indikator"] == kode_indikator
    }


def _equal_or_hidden(published, actual):
    """A published cell equals the dashboard's number, or hides a small one ("<5") or protects one ("x")."""
    if published == "<5":
        return 0 < actual < 5
    if published == "x":
        return True
    return int(published) == actual


def test_every_number_and_total_equals_the_kabkota_dashboard(files, staf):
    compared = suppressed = 0
    for tahun in range(FIRST_YEAR, timezone.localdate().year + 1):
        board = boards.kabkota(staf, tahun, "santripreneur")
        for kode, indicator in REGISTRY.items():
            rows = files[(kode, "csv")][1]
            published = _by_region(rows, tahun, indicator)
            assert len(published) == 39, (kode, tahun)  # 38 kab/kota and the province
            for row in board["rows"]:
                cell = published[row["kode"].replace(".", "")]
                assert _equal_or_hidden(cell, row[indicator]), (kode, tahun, row["kode"], cell, row[indicator])
                compared += 1
                suppressed += not cell.lstrip("-").isdigit()
            total = published[""]
            assert _equal_or_hidden(total, board["totals"][indicator]), (kode, tahun, total)
            if kode not in PERSONS:
                assert int(total) == board["totals"][indicator], (kode, tahun)
    assert compared == 38 * len(REGISTRY) * (timezone.localdate().year - FIRST_YEAR + 1)
    assert 0 < suppressed < compared


def test_pesantren_are_not_persons_and_are_shown_however_few(files):
    pesantren = files[("pesantren-peserta-kabkota", "csv")][1]
    assert _by_region(pesantren, 2023, "pesantren-opop")["3578"] == "1"  # pesantren are not persons: shown


def test_categories_add_up_to_each_kabkota_and_certificates_are_counted(files):
    rows = files[("produk-unggulan-kategori-kabkota", "csv")][1]
    for tahun in (2019, 2023):
        totals = _by_region(rows, tahun, "produk-unggulan")
        per_category = {}
        for row in rows:
            if row["tahun"] == str(tahun) and row["kode_indikator"].startswith("produk-unggulan-"):
                region = row["kode_kabupaten_kota"]
                per_category[region] = per_category.get(region, 0) + int(row["nilai"])
        assert {k: v for k, v in totals.items() if v != "0"} == {k: str(v) for k, v in per_category.items()}
    certificates = files[("produk-unggulan-sertifikat-kabkota", "csv")][1]
    assert _by_region(certificates, 2023, "produk-unggulan-sertifikat-nib") == {"3517": "1", "": "1"}


def test_commitments_equal_the_opd_board_of_verified_plans(files, staf):
    rows = files[("komitmen-opd-triwulan", "csv")][1]
    board = boards.opd(staf, 2023, verified_only=True)
    published = {(row["kode_indikator"], row["periode"]): row["nilai"] for row in rows if row["tahun"] == "2023"}
    checked = 0
    for line in board["matrix"]["rows"]:
        kode = line["indicator"].kode
        if not line["komitmen"]:
            assert (f"komitmen-opd-{kode}", "triwulan-4") not in published
            continue
        assert published[(f"komitmen-opd-{kode}", "triwulan-4")] == str(line["komitmen"])
        assert _equal_or_hidden(published[(f"realisasi-opd-{kode}", "triwulan-4")], line["realisasi"])
        checked += 1
    assert checked == 2  # santripreneur 100 (realised 60) and produk unggulan 10 (4) of kominfo's verified plan
    assert published[("realisasi-opd-santripreneur", "triwulan-2")] == "60"
    assert published[("target-opd-santripreneur", "triwulan-4")] == "100"
    assert ("komitmen-opd-sociopreneur", "triwulan-4") not in published  # dindik's plan is a draft
