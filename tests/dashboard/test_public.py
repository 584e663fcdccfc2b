"""The public progress page (/publik/, no login): headline cards and the map, counts only."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.access import PERSONAS
from tests.dashboard.conftest import NIK, PERSON_NAME, PHONE, grow

pytestmark = pytest.mark.django_db
URL = "/publik/"


@pytest.mark.parametrize("persona", PERSONAS)
def test_everyone_may_open_it(persona, as_persona):
    assert as_persona(persona).get(URL).status_code == 200


def test_post_is_not_allowed(client):
    assert client.post(URL).status_code == 405


def test_cards_equal_the_hand_count(hand_counted, client):
    response = client.get(URL)
    assert {c.indicator.kode: c.realised for c in response.context["cards"]} == {
        "santripreneur": 4,
        "produk-unggulan": 3,
        "sociopreneur": 3,
        "pesantren-opop": 3,
    }
    html = response.content.decode()
    assert "1.000.000" in html and "WIB" in html


def test_map_has_38_regions_and_its_numbers_in_a_table(hand_counted, client):
    html = client.get(URL).content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert len(re.findall(r"<path ", svg)) == 38
    table = html[html.index('id="tabel-publik"') :]
    assert table.count('<th scope="row">') == 38


def test_aggregates_only_no_personal_data_and_no_plan_data(hand_counted, client):
    html = client.get(URL).content.decode()
    assert NIK not in html and PHONE not in html and PERSON_NAME not in html
    assert "Rp " not in html and "Dinas Kominfo" not in html and "Dinas Pendidikan" not in html
    for private in ('href="/santripreneur/', 'href="/pesantren/', 'href="/sociopreneur/', 'href="/produk/'):
        assert private not in html  # lists that need a login are not linked
    assert 'href="/katalog/?kabkota=35.17"' in html


def test_indicator_choice_changes_the_map(hand_counted, client):
    response = client.get(f"{URL}?indikator=produk-unggulan")
    regions = {r["kode"]: r["value"] for r in response.context["map"]["regions"]}
    assert (regions["35.17"], regions["35.78"], regions["35.01"]) == (2, 1, 0)


def _count(client):
    with CaptureQueriesContext(connection) as queries:
        client.get(URL)
    return len(queries)


def test_query_count_is_bounded_and_independent_of_the_data_size(
    hand_counted, client, admin, django_assert_max_num_queries
):
    small = _count(client)
    grow(admin, n=20)
    with django_assert_max_num_queries(14):
        client.get(URL)
    assert _count(client) == small
