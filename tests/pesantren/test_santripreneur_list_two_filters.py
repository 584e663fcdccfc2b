"""Issue 18, lists: every two-filter combination of the santripreneur list (each backed by an index on PostgreSQL)
shows exactly the people matching both filters, in name order, with the right total."""

import itertools

import pytest

from tests.pesantren.conftest import make_santri

URL = "/santripreneur/"


@pytest.fixture
def registry(pesantren, pesantren_malang):
    people = []
    for i, (where, status, year, sex) in enumerate(
        itertools.product([pesantren, pesantren_malang], ["aktif", "tidak_aktif"], [2021, 2023], ["L", "P"])
    ):
        people.append(make_santri(where, nama=f"Orang {i:02d}", status=status, tahun_terdaftar=year, jenis_kelamin=sex))
    return people


def _matches(person, query, pesantren):
    checks = {
        "kabkota": lambda v: person.pesantren.kabkota_id == v,
        "pesantren": lambda v: str(person.pesantren_id) == v,
        "status": lambda v: person.status == v,
        "tahun_terdaftar": lambda v: str(person.tahun_terdaftar) == v,
        "jenis_kelamin": lambda v: person.jenis_kelamin == v,
    }
    return all(checks[k](v) for k, v in query.items())


FILTERS = {
    "kabkota": "35.17",
    "pesantren": None,  # the Tebuireng fixture's id
    "status": "tidak_aktif",
    "tahun_terdaftar": "2021",
    "jenis_kelamin": "P",
}


@pytest.mark.parametrize(
    "pair", [p for p in itertools.combinations(FILTERS, 2) if set(p) != {"kabkota", "pesantren"}], ids="+".join
)
def test_two_filters_show_exactly_the_people_matching_both(pair, as_persona, registry, pesantren):
    query = {name: FILTERS[name] or str(pesantren.pk) for name in pair}
    response = as_persona("staf").get(URL, query)
    expected = sorted(p.nama for p in registry if _matches(p, query, pesantren))
    assert [p.nama for p in response.context["page"].items] == expected
    assert response.context["total"] == len(expected) and len(expected) >= 2


def test_kabkota_with_a_name_search_shows_only_that_name_in_that_kabkota(as_persona, pesantren, pesantren_malang):
    """kab/kota + name search is filtered by the kab/kota's pesantren ids (so PostgreSQL can AND two indexes):
    the same people as the join would give."""
    make_santri(pesantren, nama="Ahmad Fauzi")
    make_santri(pesantren, nama="Muhammad Fauzi Rahman")
    make_santri(pesantren, nama="Siti Aminah")
    make_santri(pesantren_malang, nama="Ahmad Fauzi")  # same name, other kab/kota
    response = as_persona("staf").get(URL, {"kabkota": pesantren.kabkota_id, "q": "FAUZI"})
    people = response.context["page"].items
    assert [(p.nama, p.pesantren_id) for p in people] == [
        ("Ahmad Fauzi", pesantren.pk),
        ("Muhammad Fauzi Rahman", pesantren.pk),
    ]
    assert response.context["total"] == 2


def test_the_filter_bar_reads_its_options_without_a_server_side_cursor(as_persona, pesantren, pesantren_malang):
    """ModelChoiceField reads options through queryset.iterator(): on PostgreSQL a DECLARE/FETCH/CLOSE cursor per
    select, three round trips on every list page. The registry filters read them in one plain query (CI runs this
    on PostgreSQL, where the cursor would show)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_santri(pesantren, nama="Ahmad Fauzi")
    client = as_persona("staf")
    with CaptureQueriesContext(connection) as queries:
        html = client.get(URL, {"kabkota": pesantren.kabkota_id}).content.decode()
    assert not [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith("DECLARE")]
    assert f'<option value="{pesantren.pk}">' in html and "Kabupaten Jombang" in html
