import csv
import io

import pytest

from tests.access import PERSONAS, assert_access
from tests.pesantren.conftest import NIK_MASKED, PHONE, make_socio, read_matrix

URL = "/sociopreneur/"
SOCIO_NIK = "3517020202850002"


@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix(persona, as_persona, socio):
    assert_access(as_persona(persona).get(URL), read_matrix()[persona])


def test_post_is_not_allowed(as_persona, socio):
    assert as_persona("staf").post(URL).status_code == 405


def names(response):
    return [s.nama for s in response.context["page"]]


def test_search_by_person_or_business_name_and_filters(as_persona, socio, pesantren_malang):
    make_socio(
        pesantren_malang,
        nama="Budi Santoso",
        nama_usaha="Kopi Santri Dampit",
        kabkota_id="35.07",
        status="tidak_aktif",
        jenis_kelamin="L",
    )
    client = as_persona("pimpinan")
    assert names(client.get(URL, {"q": "kopi santri"})) == ["Budi Santoso"]
    assert names(client.get(URL, {"q": "laila"})) == ["Laila Hasanah"]
    assert names(client.get(URL, {"kabkota": "35.07"})) == ["Budi Santoso"]
    assert names(client.get(URL, {"status": "aktif", "jenis_kelamin": "P"})) == ["Laila Hasanah"]


def test_sorting_by_workers_descending(as_persona, socio, pesantren):
    make_socio(pesantren, nama="Budi", jumlah_pekerja=40)
    assert names(as_persona("staf").get(URL, {"sort": "-pekerja"})) == ["Budi", "Laila Hasanah"]


def test_nik_column_follows_the_viewer(as_persona, socio):
    assert SOCIO_NIK in as_persona("admin").get(URL).content.decode()
    assert "3517********0002" in as_persona("pimpinan").get(URL).content.decode()
    petugas = as_persona("petugas_b").get(URL).content.decode()
    assert SOCIO_NIK not in petugas and "3517********" not in petugas and NIK_MASKED not in petugas


@pytest.mark.parametrize(
    ("persona", "present", "absent"),
    [
        ("staf", [SOCIO_NIK, PHONE], []),
        ("pimpinan", ["3517********0002", "0812******90"], [SOCIO_NIK, PHONE]),
        ("petugas_a", [], [SOCIO_NIK, "3517********0002", PHONE, "NIK", "Telepon"]),
    ],
)
def test_export_follows_the_viewer(persona, present, absent, as_persona, socio):
    response = as_persona(persona).get(URL, {"format": "csv"})
    content = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    assert len(rows) == 2 and "Rumah Jahit Berkah" in content and "510035170239" in content
    for value in present:
        assert value in content
    for value in absent:
        assert value not in content


def test_list_query_count_is_bounded(as_persona, pesantren, django_assert_max_num_queries):
    for i in range(30):
        make_socio(pesantren, nama=f"Alumni {i:02d}")
    client = as_persona("staf")
    with django_assert_max_num_queries(10):
        client.get(URL, {"kabkota": "35.17"})
