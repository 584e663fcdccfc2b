import pytest

from pesantren.pagination import decode_cursor
from tests.access import PERSONAS, assert_access
from tests.pesantren.conftest import NIK, NIK_MASKED, make_santri, read_matrix

URL = "/santripreneur/"


@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix(persona, as_persona, santri):
    assert_access(as_persona(persona).get(URL), read_matrix()[persona])


def test_post_is_not_allowed(as_persona, santri):
    assert as_persona("staf").post(URL).status_code == 405


def names(response):
    return [s.nama for s in response.context["page"].items]


def test_search_by_name_ignores_case_and_extra_spaces(as_persona, santri, pesantren):
    make_santri(pesantren, nama="Budi Santoso")
    assert names(as_persona("petugas_a").get(URL, {"q": "  SITI   amin "})) == ["Siti Aminah"]


def test_a_nik_typed_in_the_name_search_finds_nothing(as_persona, santri):
    """NIK search is a separate POST form (tested in test_santripreneur_nik_search.py), never a URL parameter."""
    assert names(as_persona("staf").get(URL, {"q": NIK})) == []


def test_filters_by_kabkota_pesantren_status_year_and_sex(as_persona, santri, pesantren, pesantren_malang):
    make_santri(pesantren_malang, nama="Budi Santoso", tahun_terdaftar=2020, status="tidak_aktif")
    make_santri(pesantren, nama="Cahyo Nugroho", tahun_terdaftar=2020)
    client = as_persona("pimpinan")
    assert names(client.get(URL, {"kabkota": "35.07"})) == ["Budi Santoso"]
    assert names(client.get(URL, {"kabkota": "35.17", "pesantren": pesantren.pk})) == ["Cahyo Nugroho", "Siti Aminah"]
    assert names(client.get(URL, {"pesantren": pesantren_malang.pk})) == ["Budi Santoso"]
    assert names(client.get(URL, {"status": "tidak_aktif"})) == ["Budi Santoso"]
    assert names(client.get(URL, {"tahun_terdaftar": "2020", "status": "aktif"})) == ["Cahyo Nugroho"]
    assert names(client.get(URL, {"jenis_kelamin": "P"})) == ["Siti Aminah"]


def test_pesantren_of_another_kabkota_is_not_offered_and_is_ignored(as_persona, santri, pesantren, pesantren_malang):
    response = as_persona("staf").get(URL, {"kabkota": "35.07", "pesantren": pesantren.pk})
    assert list(response.context["form"].fields["pesantren"].queryset) == [pesantren_malang]
    assert names(response) == []  # the kab/kota still applies


def test_sorting_by_name_descending_and_by_newest(as_persona, santri, pesantren):
    make_santri(pesantren, nama="Budi Santoso")
    client = as_persona("staf")
    assert names(client.get(URL, {"sort": "-nama"})) == ["Siti Aminah", "Budi Santoso"]
    assert names(client.get(URL, {"sort": "-id"})) == ["Budi Santoso", "Siti Aminah"]
    assert 'aria-sort="descending"' in client.get(URL, {"sort": "-nama"}).content.decode()


def test_keyset_pages_walk_forward_and_back_without_gaps_or_repeats(as_persona, pesantren):
    for i in range(60):
        make_santri(pesantren, nama=f"Santri {i % 7}")  # many equal names: the id breaks ties
    client = as_persona("staf")
    seen, cursor, pages = [], None, []
    while True:
        response = client.get(URL, {"kursor": cursor} if cursor else {})
        page = response.context["page"]
        pages.append(page)
        seen += [s.pk for s in page.items]
        if not page.has_next:
            break
        cursor = page.next_cursor
    assert len(pages) == 3 and len(seen) == 60 == len(set(seen))
    back = client.get(URL, {"kursor": pages[2].previous_cursor}).context["page"]
    assert [s.pk for s in back.items] == [s.pk for s in pages[1].items]
    assert decode_cursor(pages[0].next_cursor)[0] == "n"


def test_tampered_cursor_falls_back_to_the_first_page(as_persona, santri):
    response = as_persona("staf").get(URL, {"kursor": "!!bukan-kursor"})
    assert response.status_code == 200 and names(response) == ["Siti Aminah"]


def test_total_is_counted_only_up_to_a_cap(as_persona, santri, pesantren, monkeypatch):
    monkeypatch.setattr("pesantren.pagination.COUNT_CAP", 1)
    make_santri(pesantren, nama="Budi")
    response = as_persona("staf").get(URL)
    assert (response.context["total"], response.context["total_more"]) == (1, True)
    assert "Lebih dari 1 orang" in response.content.decode()


def test_nik_column_follows_the_viewer(as_persona, santri):
    assert NIK in as_persona("staf").get(URL).content.decode()
    pimpinan = as_persona("pimpinan").get(URL).content.decode()
    assert NIK_MASKED in pimpinan and NIK not in pimpinan


def test_petugas_sees_no_nik_column_at_all(client, petugas_a, santri):
    client.force_login(petugas_a)
    html = client.get(URL).content.decode()
    assert NIK not in html and NIK_MASKED not in html and ">NIK<" not in html and "Cari NIK" not in html


def test_nik_search_box_only_for_roles_allowed(as_persona, santri):
    assert "Cari NIK" in as_persona("staf").get(URL).content.decode()
    assert "Cari NIK" not in as_persona("pimpinan").get(URL).content.decode()


def test_list_query_count_is_bounded(as_persona, pesantren, django_assert_max_num_queries):
    for i in range(40):
        make_santri(pesantren, nama=f"Santri {i:02d}", nik=f"35170101019{i:05d}")
    client = as_persona("staf")
    with django_assert_max_num_queries(12):
        client.get(URL, {"kabkota": "35.17", "pesantren": pesantren.pk, "sort": "-nama"})


def test_only_index_backed_sorts_are_offered(as_persona, santri, pesantren):
    make_santri(pesantren, nama="Budi Santoso", tahun_terdaftar=2019)
    response = as_persona("staf").get(URL, {"sort": "tahun"})  # not a keyset sort: falls back to name
    assert response.context["form"].sort_value == "nama"
    assert names(response) == ["Budi Santoso", "Siti Aminah"]


def test_the_dashboard_tally_link_opens_the_matching_list(as_persona, santri, pesantren):
    from pesantren.models import SantripreneurTally

    make_santri(pesantren, nama="Budi Santoso", tahun_terdaftar=2020)
    tally = SantripreneurTally.objects.get(kabkota_id="35.17", tahun=2020, aktif=True)
    assert names(as_persona("pimpinan").get(tally.get_absolute_url())) == ["Budi Santoso"]
