"""Milestones 2019–2024 (/dasbor/tonggak/): target vs realised per year, registry and recorded figures apart."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.access import LOGIN, PERSONAS, assert_access
from tests.dashboard.conftest import NIK, PERSON_NAME, grow

pytestmark = pytest.mark.django_db
URL = "/dasbor/tonggak/"


def _section(response, kode):
    return next(s for s in response.context["sections"] if s["card"].indicator.kode == kode)


def _by_year(section, key):
    return {row["tahun"]: row[key] for row in section["rows"]}


@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix(persona, as_persona):
    assert_access(as_persona(persona).get(URL), LOGIN if persona == "anonymous" else 200)


def test_post_is_not_allowed(as_persona):
    assert as_persona("pimpinan").post(URL).status_code == 405


def test_years_run_from_2019_to_the_deadline(hand_counted, as_persona):
    response = as_persona("staf").get(f"{URL}?tahun=2023")
    assert response.context["years"] == [2019, 2020, 2021, 2022, 2023, 2024]


def test_registry_series_per_year_equals_the_hand_count(hand_counted, as_persona):
    response = as_persona("staf").get(f"{URL}?tahun=2023")
    santri = _section(response, "santripreneur")
    assert _by_year(santri, "realisasi") == {2019: 1, 2020: 2, 2021: 2, 2022: 3, 2023: 4, 2024: 4}
    assert _by_year(santri, "tambahan") == {2019: 1, 2020: 1, 2021: 0, 2022: 1, 2023: 1, 2024: 0}
    socio = _section(response, "sociopreneur")
    assert _by_year(socio, "realisasi") == {2019: 1, 2020: 1, 2021: 2, 2022: 2, 2023: 3, 2024: 3}
    assert _by_year(_section(response, "produk-unggulan"), "realisasi") == {
        2019: 1,
        2020: 1,
        2021: 1,
        2022: 2,
        2023: 3,
        2024: 3,
    }
    assert _by_year(_section(response, "pesantren-opop"), "realisasi") == {
        2019: 1,
        2020: 1,
        2021: 2,
        2022: 3,
        2023: 3,
        2024: 3,
    }


def test_targets_per_year_come_from_the_register(hand_counted, as_persona):
    response = as_persona("staf").get(f"{URL}?tahun=2024")
    assert _by_year(_section(response, "produk-unggulan"), "target") == {
        2019: 150,
        2020: 200,
        2021: 200,
        2022: 200,
        2023: 250,
        2024: 1000,
    }
    assert _by_year(_section(response, "pesantren-opop"), "target")[2021] == 550


def test_historic_product_figures_are_recorded_with_their_source(hand_counted, as_persona):
    response = as_persona("pimpinan").get(f"{URL}?tahun=2023")
    produk = _section(response, "produk-unggulan")
    recorded = {y: [(f.nilai, f.jenis_sumber) for f in figures] for y, figures in _by_year(produk, "tercatat").items()}
    assert recorded == {
        2019: [(150, "fgd")],
        2020: [(200, "fgd")],
        2021: [(200, "fgd")],
        2022: [(200, "fgd")],
        2023: [],
        2024: [],
    }
    html = response.content.decode()
    assert "FGD Diskop UKM Jatim dengan Perangkat Daerah, 2 Februari 2023" in html
    assert "239.993" in html and "1.029" in html  # press-reported end of 2022
    santri = _section(response, "santripreneur")
    assert _by_year(santri, "realisasi")[2022] == 3  # the press figure is never added to the registry


def test_chart_has_a_table_and_a_text_alternative(hand_counted, as_persona):
    html = as_persona("staf").get(f"{URL}?tahun=2023").content.decode()
    assert html.count('class="ms-chart"') == 4 and html.count("<table") == 4
    assert "Ringkasan grafik:" in html
    assert "registri mencatat 4 s.d. 2023" in html


def test_yearly_numbers_link_to_that_years_records(hand_counted, as_persona):
    html = as_persona("staf").get(f"{URL}?tahun=2023").content.decode()
    assert 'href="/santripreneur/?status=aktif&amp;tahun_terdaftar=2022"' in html
    assert 'href="/produk/?status=unggulan&amp;tahun=2019"' in html
    assert 'href="/pesantren/?kohort=2021"' in html


def test_no_personal_data(hand_counted, as_persona):
    html = as_persona("pimpinan").get(URL).content.decode()
    assert NIK not in html and PERSON_NAME not in html


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def test_query_count_is_bounded_and_independent_of_the_data_size(
    hand_counted, as_persona, admin, django_assert_max_num_queries
):
    client = as_persona("staf")
    small = _count(client, URL)
    grow(admin, n=20)
    with django_assert_max_num_queries(12):
        client.get(URL)
    assert _count(client, URL) == small
