"""By kab/kota (/dasbor/kabkota/): table, allocation of the provincial target, gap ranking, the SVG map."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.access import LOGIN, PERSONAS, assert_access
from tests.dashboard.conftest import NIK, PERSON_NAME, PHONE, grow

pytestmark = pytest.mark.django_db
URL = "/dasbor/kabkota/"
COLUMNS = ("pesantren", "pesantren-opop", "santripreneur", "sociopreneur", "produk-unggulan")


def _rows(response):
    return {r["kode"]: r for r in response.context["rows"]}


@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix(persona, as_persona):
    assert_access(as_persona(persona).get(URL), LOGIN if persona == "anonymous" else 200)


def test_post_is_not_allowed(as_persona):
    assert as_persona("staf").post(URL).status_code == 405


def test_table_equals_the_hand_count(hand_counted, as_persona):
    rows = _rows(as_persona("staf").get(f"{URL}?tahun=2023"))
    assert len(rows) == 38
    assert {c: rows["35.17"][c] for c in COLUMNS} == {
        "pesantren": 3,
        "pesantren-opop": 2,
        "santripreneur": 3,
        "sociopreneur": 2,
        "produk-unggulan": 2,
    }
    assert {c: rows["35.78"][c] for c in COLUMNS} == dict.fromkeys(COLUMNS, 1)
    assert all(rows["35.01"][c] == 0 for c in COLUMNS)


def test_an_earlier_year_counts_only_what_existed_then(hand_counted, as_persona):
    rows = _rows(as_persona("staf").get(f"{URL}?tahun=2021"))
    assert {c: rows["35.17"][c] for c in COLUMNS} == {
        "pesantren": 3,
        "pesantren-opop": 2,
        "santripreneur": 2,
        "sociopreneur": 2,
        "produk-unggulan": 1,
    }
    assert {c: rows["35.78"][c] for c in COLUMNS} == {
        "pesantren": 1,
        "pesantren-opop": 0,
        "santripreneur": 0,
        "sociopreneur": 0,
        "produk-unggulan": 0,
    }


def test_target_is_allocated_by_share_of_pesantren_and_ranked_by_gap(hand_counted, as_persona):
    response = as_persona("pimpinan").get(f"{URL}?tahun=2023&indikator=santripreneur")
    rows = _rows(response)
    # 4 registered pesantren: Jombang 3/4, Surabaya 1/4 of 1 000 000; everyone else has none.
    assert (rows["35.17"]["alokasi"], rows["35.17"]["gap"], rows["35.17"]["peringkat"]) == (750_000, 749_997, 1)
    assert (rows["35.78"]["alokasi"], rows["35.78"]["gap"], rows["35.78"]["peringkat"]) == (250_000, 249_999, 2)
    assert rows["35.01"]["alokasi"] == 0 and rows["35.01"]["gap"] == 0
    assert sum(r["alokasi"] for r in rows.values()) == 1_000_000
    assert response.context["totals"]["gap"] == 749_997 + 249_999
    html = response.content.decode()
    assert "Aturan alokasi" in html and "sebanding dengan jumlah pesantren" in html


def test_the_indicator_choice_changes_allocation_and_map(hand_counted, as_persona):
    response = as_persona("staf").get(f"{URL}?tahun=2023&indikator=pesantren-opop")
    rows = _rows(response)
    assert (rows["35.17"]["alokasi"], rows["35.17"]["nilai"], rows["35.17"]["gap"]) == (750, 2, 748)
    assert (rows["35.78"]["alokasi"], rows["35.78"]["nilai"], rows["35.78"]["gap"]) == (250, 1, 249)
    assert rows["35.17"]["pace"] is not None
    regions = {r["kode"]: r for r in response.context["map"]["regions"]}
    assert regions["35.17"]["value"] == 2 and regions["35.78"]["value"] == 1 and regions["35.01"]["klass"] == 0


def test_an_unknown_indicator_falls_back_to_the_first(hand_counted, as_persona):
    response = as_persona("staf").get(f"{URL}?indikator=tidak-ada")
    assert response.context["card"].indicator.kode == "santripreneur"


def test_map_draws_38_regions_with_titles_legend_and_links(hand_counted, as_persona):
    html = as_persona("staf").get(f"{URL}?tahun=2023").content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert len(re.findall(r"<path ", svg)) == 38
    assert 'viewBox="0 0 800 ' in svg and "," not in svg.split('viewBox="')[1].split('"')[0]
    assert "Kabupaten Jombang: 3 orang; alokasi target 750.000; kesenjangan 749.997; peringkat 1" in svg
    assert 'href="/santripreneur/?status=aktif&amp;kabkota=35.17"' in svg
    assert "Legenda" in html and "Ringkasan peta:" in html


def test_numbers_link_to_the_filtered_lists(hand_counted, as_persona):
    html = as_persona("staf").get(f"{URL}?tahun=2023").content.decode()
    urls = [
        "/pesantren/?kabkota=35.17",
        "/pesantren/?kohort=peserta&amp;kabkota=35.17",
        "/sociopreneur/?status=aktif&amp;kabkota=35.78",
        "/produk/?status=unggulan&amp;kabkota=35.78",
    ]
    for url in urls:
        assert f'href="{url}"' in html


@pytest.mark.parametrize("persona", ["pimpinan", "petugas_b"])
def test_no_personal_data(hand_counted, as_persona, persona):
    html = as_persona(persona).get(URL).content.decode()
    assert NIK not in html and PHONE not in html and PERSON_NAME not in html


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def test_query_count_is_bounded_and_independent_of_the_data_size(
    hand_counted, as_persona, admin, django_assert_max_num_queries
):
    client = as_persona("staf")
    small = _count(client, URL)
    grow(admin, n=25)
    with django_assert_max_num_queries(17):
        client.get(URL)
    assert _count(client, URL) == small
