"""Registry people written by a Staf system (issue 31): one person per request through the person forms and services
of the pages, NIK rules as the import's (the same person is not created twice: 409; another name with that NIK is
refused on the field), Idempotency-Key for a retried POST, If-Match for a change; only Staf and Admin write."""

import pytest

from opop.api.models import ApiToken
from pesantren.models import Santripreneur, Sociopreneur
from tests.pesantren.conftest import NIK

NEW = {
    "nama": "Ahmad Zainuri",
    "nik": "3517031203990004",
    "jenis_kelamin": "L",
    "tanggal_lahir": "1999-03-12",
    "telepon": "081355556666",
    "bidang_usaha": "Konveksi",
    "tahun_terdaftar": 2024,
}


def _new(world, **changes):
    return {**NEW, "pesantren": world.pesantren.pk, **changes}


def test_staf_creates_a_santripreneur_with_history_via_the_token(world, api_as):
    response = api_as("staf").post("/api/v1/santripreneur/", _new(world), format="json")
    assert response.status_code == 201, response.content
    person = Santripreneur.objects.get(nik=NEW["nik"])
    assert response.json()["id"] == person.pk and response["ETag"]
    assert person.history.first().history_change_reason == "Dikirim lewat API (via API token uji bob)"


@pytest.mark.parametrize(("persona", "expected"), [("pimpinan", 403), ("petugas_a", 403), ("anonymous", 401)])
def test_only_staf_and_admin_write_the_registry(world, api_as, persona, expected):
    before = Santripreneur.objects.count()
    assert api_as(persona).post("/api/v1/santripreneur/", _new(world), format="json").status_code == expected
    response = api_as(persona).put(f"/api/v1/santripreneur/{world.santri.pk}/", _new(world), format="json")
    assert response.status_code == expected
    assert Santripreneur.objects.count() == before


def test_a_read_only_staf_token_cannot_write(world, api_as):
    client = api_as("staf", akses=ApiToken.Akses.BACA)
    assert client.post("/api/v1/santripreneur/", _new(world), format="json").status_code == 403
    assert not Santripreneur.objects.filter(nik=NEW["nik"]).exists()


def test_a_retried_post_with_the_same_idempotency_key_creates_one_person(world, api_as):
    client = api_as("staf")
    first = client.post("/api/v1/santripreneur/", _new(world), format="json", HTTP_IDEMPOTENCY_KEY="kirim-0001")
    again = client.post("/api/v1/santripreneur/", _new(world), format="json", HTTP_IDEMPOTENCY_KEY="kirim-0001")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert Santripreneur.objects.filter(nik=NEW["nik"]).count() == 1


def test_the_same_person_by_nik_is_not_created_twice(world, api_as):
    before = Santripreneur.objects.count()
    response = api_as("staf").post("/api/v1/santripreneur/", _new(world, nik=NIK, nama="Siti Aminah"), format="json")
    assert response.status_code == 409
    assert f"#{world.santri.pk}" in response.json()["detail"]
    assert Santripreneur.objects.count() == before


def test_a_registered_nik_under_another_name_is_refused_on_the_field(world, api_as):
    response = api_as("staf").post("/api/v1/santripreneur/", _new(world, nik=NIK), format="json")
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["nik"]
    assert not Santripreneur.objects.filter(nama=NEW["nama"]).exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"nik": "12345"}, "nik"),
        ({"telepon": "12"}, "telepon"),
        ({"pesantren": 999999}, "pesantren"),
        ({"tahun_terdaftar": 2010}, "tahun_terdaftar"),
        ({"nama": ""}, "nama"),
    ],
)
def test_invalid_people_name_the_field_and_save_nothing(world, api_as, change, field):
    before = Santripreneur.objects.count()
    response = api_as("admin").post("/api/v1/santripreneur/", _new(world, **change), format="json")
    assert response.status_code == 400, response.content
    assert field in [e["field"] for e in response.json()["errors"]]
    assert Santripreneur.objects.count() == before


def test_a_change_needs_the_current_etag(world, api_as):
    client = api_as("staf")
    url = f"/api/v1/santripreneur/{world.santri.pk}/"
    etag = client.get(url)["ETag"]
    body = _new(world, nik=NIK, nama="Siti Aminah Zahra")
    assert client.put(url, body, format="json").status_code == 428
    stale = client.put(url, body, format="json", HTTP_IF_MATCH='"2001-01-01T00:00:00+00:00"')
    assert stale.status_code == 412
    assert Santripreneur.objects.get(pk=world.santri.pk).nama == "Siti Aminah"
    done = client.put(url, body, format="json", HTTP_IF_MATCH=etag)
    assert done.status_code == 200, done.content
    assert Santripreneur.objects.get(pk=world.santri.pk).nama == "Siti Aminah Zahra"


def test_staf_creates_a_sociopreneur(world, api_as):
    body = {
        "nama": "Nur Hidayah",
        "jenis_kelamin": "P",
        "pesantren_asal": world.pesantren.pk,
        "nama_usaha": "Batik Tulis Hidayah",
        "kabkota": "35.17",
        "tahun_mulai": 2021,
        "jumlah_pekerja": 3,
    }
    response = api_as("staf").post("/api/v1/sociopreneur/", body, format="json")
    assert response.status_code == 201, response.content
    assert Sociopreneur.objects.get(nama="Nur Hidayah").kabkota_id == "35.17"
