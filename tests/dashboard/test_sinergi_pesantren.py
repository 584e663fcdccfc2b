"""Which OPDs reached each pesantren (/dasbor/sinergi/pesantren/): participations of the year per OPD, most OPDs
first; a Petugas OPD sees their own OPD's participations."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.access import LOGIN, PERSONAS, assert_access
from tests.dashboard.sinergi_data import BANGKALAN, TAHUN, build_sinergi, grow_sinergi

pytestmark = pytest.mark.django_db
URL = "/dasbor/sinergi/pesantren/"


@pytest.fixture
def sinergi(admin, staf, pimpinan, petugas_a, petugas_b):
    build_sinergi(admin=admin, staf=staf, petugas_a=petugas_a, petugas_b=petugas_b)


def _reach(response):
    return [(row["nama"], row["jumlah_opd"], row["jumlah"], row["opd"]) for row in response.context["reach"]]


@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix(persona, as_persona):
    assert_access(as_persona(persona).get(URL), LOGIN if persona == "anonymous" else 200)


def test_participations_are_counted_per_opd_for_the_year(sinergi, as_persona):
    assert _reach(as_persona("staf").get(f"{URL}?tahun={TAHUN}")) == [
        ("PP Jombang", 2, 3, [("Dinas Kominfo", 2), ("Dinas Pendidikan", 1)]),
        ("PP Bangkalan Satu", 1, 1, [("Disnakertrans", 1)]),
    ]  # PP Sampang's participation is of 2023


def test_another_year_counts_its_own_participations(sinergi, as_persona):
    assert _reach(as_persona("pimpinan").get(f"{URL}?tahun=2023")) == [("PP Sampang", 1, 1, [("Dinas Kominfo", 1)])]


def test_one_kabkota(sinergi, as_persona):
    response = as_persona("staf").get(f"{URL}?tahun={TAHUN}&kabkota={BANGKALAN}")
    assert _reach(response) == [("PP Bangkalan Satu", 1, 1, [("Disnakertrans", 1)])]


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("petugas_a", [("PP Jombang", 1, 2, [("Dinas Kominfo", 2)])]),
        ("petugas_b", [("PP Jombang", 1, 1, [("Dinas Pendidikan", 1)])]),
    ],
)
def test_petugas_sees_their_own_opds_participations(sinergi, as_persona, persona, expected):
    response = as_persona(persona).get(f"{URL}?tahun={TAHUN}")
    assert _reach(response) == expected
    assert "Disnakertrans" not in response.content.decode()


def test_no_personal_data(sinergi, as_persona):
    html = as_persona("staf").get(f"{URL}?tahun={TAHUN}").content.decode()
    assert "Santri Jombang A" not in html and 'scope="col"' in html and "<caption" in html


def test_post_is_not_allowed(as_persona):
    assert as_persona("staf").post(URL).status_code == 405


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def test_query_count_is_bounded_and_equal_at_two_data_sizes(sinergi, as_persona, admin, django_assert_max_num_queries):
    client = as_persona("staf")
    url = f"{URL}?tahun={TAHUN}"
    small = _count(client, url)
    grow_sinergi(admin, n=15)
    assert client.get(url).context["reach"].paginator.count == 17
    with django_assert_max_num_queries(15):
        client.get(url)
    assert _count(client, url) == small
