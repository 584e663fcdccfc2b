"""Done-when 4 of issue 31: a partner system writes a quarter's realisation through the quarter grid's form and
service: If-Match/ETag concurrency (stale: 412, nothing written), a closed report (409 with the reason), field errors
naming the field (nothing written), and a valid write seen on the grid and in the history "via API token …"."""

import datetime

import pytest

from programs import services as plan_services
from programs.models import Realisasi

BODY = {"output": 25, "fisik_persen": "55.50", "anggaran_terserap": "70000000", "permasalahan": "Lewat API."}


def _url(kegiatan, triwulan=1):
    return f"/api/v1/kegiatan/{kegiatan.pk}/realisasi/{triwulan}/"


def _stored(kegiatan, triwulan=1):
    return Realisasi.objects.filter(kegiatan=kegiatan, triwulan=triwulan).first()


def _snapshot(kegiatan):
    return [
        (r.triwulan, r.output, r.fisik_persen, r.diubah_pada, r.history.count())
        for r in Realisasi.objects.filter(kegiatan=kegiatan).order_by("triwulan")
    ]


def test_a_valid_write_is_on_the_quarter_grid_and_in_history_via_the_token(world, api_as, client, petugas_a):
    api = api_as("petugas_a")
    read = api.get(_url(world.kegiatan_a))
    assert read.status_code == 200 and read["ETag"].startswith('"')
    response = api.put(_url(world.kegiatan_a), BODY, format="json", HTTP_IF_MATCH=read["ETag"])
    assert response.status_code == 200, response.content
    assert response.json()["output"] == 25
    assert response["ETag"] != read["ETag"]
    stored = _stored(world.kegiatan_a)
    assert (stored.output, str(stored.fisik_persen), stored.diisi_oleh) == (25, "55.50", petugas_a)
    assert stored.history.first().history_change_reason == "Realisasi TW I diisi (via API token uji dina)"
    client.force_login(petugas_a)
    grid = client.get(f"/program/{world.rencana_a.pk}/realisasi/1/")
    row = next(r for r in grid.context["rows"] if r["kegiatan"].pk == world.kegiatan_a.pk)
    assert row["realisasi"].output == 25
    page = client.get(f"/program/kegiatan/{world.kegiatan_a.pk}/realisasi/1/")
    assert "via API token uji dina" in page.content.decode()


def test_a_new_quarter_is_created_without_if_match(world, api_as):
    response = api_as("petugas_a").put(_url(world.kegiatan_a, 2), {**BODY, "output": 30}, format="json")
    assert response.status_code == 201, response.content
    assert _stored(world.kegiatan_a, 2).output == 30


def test_a_stale_if_match_is_412_and_nothing_is_written(world, api_as):
    api = api_as("petugas_a")
    etag = api.get(_url(world.kegiatan_a))["ETag"]
    assert api.put(_url(world.kegiatan_a), BODY, format="json", HTTP_IF_MATCH=etag).status_code == 200
    before = _snapshot(world.kegiatan_a)
    response = api.put(_url(world.kegiatan_a), {**BODY, "output": 33}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 412
    assert response["Content-Type"] == "application/problem+json"
    assert "sudah diubah oleh" in response.json()["detail"]
    assert _snapshot(world.kegiatan_a) == before


@pytest.mark.parametrize("if_match", [None, '"1999-01-01T00:00:00+00:00"', "*", 'W/"x"'])
def test_an_existing_row_needs_its_current_etag(world, api_as, if_match):
    before = _snapshot(world.kegiatan_a)
    headers = {} if if_match is None else {"HTTP_IF_MATCH": if_match}
    response = api_as("petugas_a").put(_url(world.kegiatan_a), BODY, format="json", **headers)
    assert response.status_code == (428 if if_match is None else 412)
    assert _snapshot(world.kegiatan_a) == before


def test_if_match_on_a_row_not_yet_written_is_412(world, api_as):
    response = api_as("petugas_a").put(_url(world.kegiatan_a, 3), BODY, format="json", HTTP_IF_MATCH='"x"')
    assert response.status_code == 412
    assert _stored(world.kegiatan_a, 3) is None


def test_a_submitted_report_is_409_with_the_reason_and_nothing_is_written(world, api_as, petugas_a):
    plan_services.laporan_submit(actor=petugas_a, rencana=world.rencana_a, triwulan=1)
    api = api_as("petugas_a")
    before = _snapshot(world.kegiatan_a)
    response = api.put(
        _url(world.kegiatan_a), BODY, format="json", HTTP_IF_MATCH=api.get(_url(world.kegiatan_a))["ETag"]
    )
    assert response.status_code == 409
    assert response.json()["detail"] == "Laporan TW I sudah diajukan; realisasinya tidak dapat diubah."
    assert _snapshot(world.kegiatan_a) == before


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"fisik_persen": "150"}, "fisik_persen"),
        ({"output": -1}, "output"),
        ({"output": "banyak"}, "output"),
        ({"anggaran_terserap": "1e400"}, "anggaran_terserap"),
        ({"kategori_kendala": 999999}, "kategori_kendala"),
        ({"anggaran_terserap": "900000000"}, "penjelasan_anggaran"),  # beyond the pagu, unexplained: the form's rule
    ],
)
def test_invalid_input_names_the_field_and_nothing_is_written(world, api_as, change, field):
    api = api_as("petugas_a")
    before = _snapshot(world.kegiatan_a)
    etag = api.get(_url(world.kegiatan_a))["ETag"]
    response = api.put(_url(world.kegiatan_a), {**BODY, **change}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert field in [error["field"] for error in response.json()["errors"]]
    assert _snapshot(world.kegiatan_a) == before


def test_cumulative_output_going_down_is_refused_by_the_grids_service(world, api_as, petugas_a):
    plan_services.realisasi_save(
        actor=petugas_a, kegiatan=world.kegiatan_a, triwulan=2, data={**BODY, "output": 40, "fisik_persen": 60}
    )
    api = api_as("petugas_a")
    etag = api.get(_url(world.kegiatan_a, 2))["ETag"]
    before = _snapshot(world.kegiatan_a)
    response = api.put(_url(world.kegiatan_a, 2), {**BODY, "output": 5}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["output"]
    assert "tidak boleh turun" in response.json()["errors"][0]["detail"]
    assert _snapshot(world.kegiatan_a) == before


@pytest.mark.parametrize("body", [[], "x", {"output": {"a": 1}}, None])
def test_no_500_for_odd_bodies(world, api_as, body):
    api = api_as("petugas_a")
    etag = api.get(_url(world.kegiatan_a))["ETag"]
    response = api.put(_url(world.kegiatan_a), body, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 400


def test_a_body_that_is_not_json_is_a_problem_not_a_500(world, api_as):
    api = api_as("petugas_a")
    response = api.put(_url(world.kegiatan_a), "{bukan json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["status"] == 400


def test_etag_is_the_rows_version(world, api_as):
    stored = _stored(world.kegiatan_a)
    etag = api_as("petugas_a").get(_url(world.kegiatan_a))["ETag"]
    assert etag == f'"{stored.diubah_pada.astimezone(datetime.UTC).isoformat()}"'


def test_a_closed_year_is_409_with_the_freeze_message_and_nothing_is_written(world, api_as, admin):
    """Issue 30: a year closed as angka tetap refuses the API's writes as it refuses the pages'."""
    from programs import angka_services

    api = api_as("petugas_a")
    etag = api.get(_url(world.kegiatan_a))["ETag"]
    angka_services.angka_tetap_freeze(actor=admin, tahun=world.rencana_a.tahun)
    before = _snapshot(world.kegiatan_a)
    response = api.put(_url(world.kegiatan_a), {**BODY, "output": 41}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 409, response.content
    assert "angka tetap" in response.json()["detail"].lower()
    assert _snapshot(world.kegiatan_a) == before
