"""XLSX export of every dashboard table (/dasbor/ekspor/<table>.xlsx): the page's numbers, the viewer's scope."""

import io

import pytest
from openpyxl import load_workbook

from opop.common.spreadsheet import XLSX_TYPE
from opop.dashboard.exports import TABLES
from tests.access import LOGIN, PERSONAS, assert_access
from tests.dashboard.conftest import NIK, PERSON_NAME

pytestmark = pytest.mark.django_db


def _sheet(response):
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == XLSX_TYPE
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    return rows[0], [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


@pytest.mark.parametrize("table", sorted(TABLES))
@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix(persona, table, as_persona):
    assert_access(as_persona(persona).get(f"/dasbor/ekspor/{table}.xlsx"), LOGIN if persona == "anonymous" else 200)


def test_unknown_table_is_404(as_persona):
    assert as_persona("staf").get("/dasbor/ekspor/rahasia.xlsx").status_code == 404


def test_post_is_not_allowed(as_persona):
    assert as_persona("staf").post("/dasbor/ekspor/ringkasan.xlsx").status_code == 405


def test_summary_equals_the_cards(hand_counted, as_persona):
    response = as_persona("pimpinan").get("/dasbor/ekspor/ringkasan.xlsx?tahun=2023")
    assert response["Content-Disposition"] == 'attachment; filename="dasbor-ringkasan-2023.xlsx"'
    _headers, rows = _sheet(response)
    by_name = {r["Indikator"]: r for r in rows}
    assert {k: v["Realisasi (registri) s.d. tahun"] for k, v in by_name.items()} == {
        "Santripreneur": 4,
        "Produk unggulan": 3,
        "Sociopreneur": 3,
        "Pesantren peserta OPOP": 3,
    }
    produk = by_name["Produk unggulan"]
    assert (produk["Target"], produk["Tahun target"], produk["Capaian (%)"]) == (1000, 2024, 0.3)
    assert produk["Status laju"] == "Lambat" and produk["Predikat"] == "Sangat rendah"
    assert by_name["Santripreneur"]["Angka tercatat terakhir (FGD/pers)"] == "239993 (2022)"


def test_milestones_export_marks_recorded_figures_with_their_source(hand_counted, as_persona):
    _headers, rows = _sheet(as_persona("staf").get("/dasbor/ekspor/tonggak.xlsx?tahun=2023"))
    produk = [r for r in rows if r["Indikator"] == "Produk unggulan"]
    assert [(r["Tahun"], r["Target"], r["Realisasi registri (kumulatif)"], r["Angka tercatat"]) for r in produk] == [
        (2019, 150, 1, 150),
        (2020, 200, 1, 200),
        (2021, 200, 1, 200),
        (2022, 200, 2, 200),
        (2023, 250, 3, None),
        (2024, 1000, 3, None),
    ]
    assert produk[0]["Sumber angka tercatat"] == "FGD Diskop UKM Jatim dengan Perangkat Daerah, 2 Februari 2023"


def test_kabkota_export_keeps_codes_as_text_and_ranks_by_gap(hand_counted, as_persona):
    headers, rows = _sheet(as_persona("staf").get("/dasbor/ekspor/kabkota.xlsx?tahun=2023&indikator=santripreneur"))
    assert len(rows) == 38
    assert rows[0]["Kode"] == "35.17" and rows[0]["Peringkat kesenjangan"] == 1
    assert (rows[0]["Santripreneur"], rows[0]["Kesenjangan"]) == (3, 749_997)
    assert "Alokasi target Santripreneur 2024" in headers


def test_opd_exports_are_scoped_to_the_petugas(hand_counted, as_persona):
    client = as_persona("petugas_a")
    for table in ("opd-matriks", "opd-komitmen", "opd-anggaran", "opd-kepatuhan", "opd-partisipasi"):
        _headers, rows = _sheet(client.get(f"/dasbor/ekspor/{table}.xlsx?tahun=2023"))
        assert rows, table
        assert all(r["OPD"] in ("Dinas Kominfo", "Jumlah") for r in rows), (table, rows)


def test_opd_matrix_export_carries_the_totals_and_the_warning(hand_counted, as_persona):
    _headers, rows = _sheet(as_persona("staf").get("/dasbor/ekspor/opd-matriks.xlsx?tahun=2023"))
    total = next(r for r in rows if r["Indikator"] == "Santripreneur" and r["OPD"] == "Jumlah")
    assert (total["Komitmen (satuan indikator)"], total["Kebutuhan tahun ini"], total["Komitmen tidak cukup"]) == (
        300,
        499_999,
        "ya",
    )
    budget = _sheet(as_persona("staf").get("/dasbor/ekspor/opd-anggaran.xlsx?tahun=2023"))[1]
    # A past year: the anggaran kas due to date is the whole pagu, so both shares are the same; a plan never
    # verified (Pendidikan's draft) is not judged against its kas, as its output is not.
    kas = "Serapan thd anggaran kas s.d. triwulan (%)"
    assert {r["OPD"]: (r["Pagu (Rp)"], r[kas], r["Serapan thd pagu (%)"]) for r in budget} == {
        "Dinas Kominfo": (200_000_000, 50.0, 50.0),
        "Dinas Pendidikan": (320_000_000, None, 0.0),
    }


def test_commitment_summary_export(hand_counted, as_persona):
    _headers, rows = _sheet(as_persona("staf").get("/dasbor/ekspor/ringkasan-komitmen.xlsx?tahun=2023"))
    assert {r["Indikator"]: (r["Komitmen (target kegiatan)"], r["Realisasi"]) for r in rows} == {
        "Santripreneur": (300, 60),
        "Produk unggulan": (10, 4),
    }


@pytest.mark.parametrize("table", sorted(TABLES))
def test_no_personal_data_in_any_export(hand_counted, as_persona, table):
    content = as_persona("staf").get(f"/dasbor/ekspor/{table}.xlsx?tahun=2023").content
    text = " ".join(
        str(v) for row in load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True) for v in row
    )
    assert NIK not in text and PERSON_NAME not in text


@pytest.mark.parametrize("table", ["ringkasan", "kabkota", "opd-matriks"])
def test_export_query_count_is_bounded_and_independent_of_the_data_size(
    hand_counted, as_persona, admin, table, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.dashboard.conftest import grow

    client = as_persona("staf")
    url = f"/dasbor/ekspor/{table}.xlsx?tahun=2023"
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    grow(admin, n=15)
    with django_assert_max_num_queries(22), CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large) == len(small)
