"""Publishing a version (/data-terbuka/terbitkan/): a Staf action with a preview of what changes; refused input saves
nothing; every earlier version stays downloadable with the numbers it had."""

import csv
import io

import pytest

from opop.opendata.models import Publikasi
from opop.opendata.services import publikasi_preview
from pesantren.models import Pesantren
from tests.access import LOGIN, PERSONAS, assert_access
from tests.dashboard.conftest import _santri

pytestmark = pytest.mark.django_db
URL = "/data-terbuka/terbitkan/"
MAY_PUBLISH = {"admin", "staf"}


def _expected(persona):
    return LOGIN if persona == "anonymous" else 200 if persona in MAY_PUBLISH else 403


@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix_of_the_preview(persona, as_persona):
    assert_access(as_persona(persona).get(URL), _expected(persona))


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p not in MAY_PUBLISH])
def test_a_post_by_anyone_else_publishes_nothing(persona, as_persona):
    response = as_persona(persona).post(URL, {"catatan": "x", "sidik": "0" * 64})  # refused before any check
    assert_access(response, _expected(persona))
    assert not Publikasi.objects.exists()


def test_put_is_not_allowed(as_persona):
    assert as_persona("staf").put(URL).status_code == 405


def test_the_staf_publishes_the_first_version(as_persona, staf):
    client = as_persona("staf")
    page = client.get(URL)
    assert "Terbitkan versi 1" in page.content.decode()
    response = client.post(URL, {"catatan": "Rilis pertama", "sidik": page.context["preview"].sidik}, follow=True)
    assert response.redirect_chain[-1][0] == "/data-terbuka/"
    assert "Versi 1 data terbuka diterbitkan." in response.content.decode()
    publikasi = Publikasi.objects.get()
    assert (publikasi.nomor, publikasi.diterbitkan_oleh, publikasi.catatan) == (1, staf, "Rilis pertama")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"catatan": "   "}, "Tulis catatan"),
        ({"catatan": "Rilis", "sidik": "0" * 64}, "Angka berubah sejak pratinjau dibuka"),
    ],
)
def test_bad_input_publishes_nothing(data, message, as_persona):
    client = as_persona("staf")
    data = {"sidik": publikasi_preview().sidik, **data}
    response = client.post(URL, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Publikasi.objects.exists()


def _cell(client, nomor, kode, tahun, region):
    text = client.get(f"/data-terbuka/unduh/v{nomor}/{kode}.csv").content.decode("utf-8-sig")
    for row in csv.DictReader(io.StringIO(text)):
        if row["tahun"] == str(tahun) and row["kode_kabupaten_kota"] == region:
            return row["nilai"]
    return None


def test_a_change_is_previewed_and_version_two_sits_beside_version_one(published, as_persona):
    client = as_persona("staf")
    year = 2024
    before = _cell(client, 1, "santripreneur-kabkota", year, "3578")
    surabaya = Pesantren.objects.get(nspp="510035780004")
    for i in range(6):
        _santri(surabaya, f"Santri Baru {i}", year)

    page = client.get(URL)
    preview = page.context["preview"]
    change = next(p for p in preview.perubahan if p.dataset.kode == "santripreneur-kabkota")
    assert ((year, "tahunan", "3578", "santripreneur"), before, 7) in change.diubah
    html = page.content.decode()
    assert "Terbitkan versi 2" in html and "3578" in html

    response = client.post(URL, {"catatan": "Enam santri Surabaya", "sidik": preview.sidik})
    assert response.status_code == 302
    assert before == "<5"  # one person in Surabaya by 2024: hidden in version 1 ...
    assert _cell(client, 1, "santripreneur-kabkota", year, "3578") == "<5"  # ... and still so in version 1
    assert _cell(client, 2, "santripreneur-kabkota", year, "3578") == "7"
    assert list(Publikasi.objects.values_list("nomor", flat=True)) == [2, 1]


def test_nothing_changed_publishes_nothing(published, as_persona):
    client = as_persona("staf")
    response = client.post(URL, {"catatan": "Sama", "sidik": publikasi_preview().sidik})
    assert response.status_code == 400
    assert "Tidak ada angka yang berubah sejak versi 1" in response.content.decode()
    assert Publikasi.objects.count() == 1
