import csv
import io

import pytest
from openpyxl import load_workbook

from tests.access import PERSONAS, assert_access
from tests.pesantren.conftest import make_pesantren, make_santri, read_matrix

URL = "/pesantren/"


@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix(persona, as_persona, pesantren):
    assert_access(as_persona(persona).get(URL), read_matrix()[persona])


@pytest.mark.parametrize("persona", PERSONAS)
def test_export_access_matrix(persona, as_persona, pesantren):
    assert_access(as_persona(persona).get(URL + "?format=csv"), read_matrix()[persona])


def test_post_is_not_allowed(as_persona, pesantren):
    assert as_persona("staf").post(URL).status_code == 405


def test_list_shows_pesantren_with_santripreneur_counts(as_persona, pesantren, pesantren_malang):
    make_santri(pesantren)
    make_santri(pesantren, nama="Budi")
    response = as_persona("petugas_a").get(URL)
    rows = {p.nama: p.jumlah_santripreneur for p in response.context["page"]}
    assert rows == {"Pondok Pesantren Al-Hikmah": 0, "Pondok Pesantren Tebuireng": 2}
    assert "510035170239" in response.content.decode()


def test_search_by_name_or_nspp_prefix(as_persona, pesantren, pesantren_malang):
    client = as_persona("staf")
    assert [p.nama for p in client.get(URL, {"q": "tebu"}).context["page"]] == ["Pondok Pesantren Tebuireng"]
    assert [p.nspp for p in client.get(URL, {"q": "51003507"}).context["page"]] == ["510035070001"]


def test_filters_by_kabkota_kecamatan_tipologi_cohort_and_status(as_persona, pesantren, pesantren_malang):
    make_pesantren(
        nspp="510035170300",
        nama="PP Darul Ulum",
        kecamatan_id="35.17.09",
        tahun_kohort=None,
        tipologi="salafiyah",
        status="tidak_aktif",
    )
    client = as_persona("pimpinan")

    def names(**params):
        return sorted(p.nama for p in client.get(URL, params).context["page"])

    assert names(kabkota="35.17") == ["PP Darul Ulum", "Pondok Pesantren Tebuireng"]
    assert names(kabkota="35.17", kecamatan="35.17.08") == ["Pondok Pesantren Tebuireng"]
    assert names(tipologi="salafiyah") == ["PP Darul Ulum"]
    assert names(kohort="2021") == ["Pondok Pesantren Al-Hikmah", "Pondok Pesantren Tebuireng"]
    assert names(kohort="bukan") == ["PP Darul Ulum"]
    assert names(status="tidak_aktif") == ["PP Darul Ulum"]


def test_kecamatan_of_another_kabkota_is_ignored_and_not_offered(as_persona, pesantren, pesantren_malang):
    response = as_persona("staf").get(URL, {"kabkota": "35.17", "kecamatan": "35.07.01"})
    assert [p.nama for p in response.context["page"]] == ["Pondok Pesantren Tebuireng"]
    offered = {k.kode for k in response.context["form"].fields["kecamatan"].queryset}
    assert "35.07.01" not in offered and "35.17.08" in offered


def test_unknown_filter_values_are_ignored(as_persona, pesantren):
    response = as_persona("staf").get(URL, {"kabkota": "99.99", "kohort": "abc", "sort": "bogus", "halaman": "x"})
    assert response.status_code == 200
    assert [p.nama for p in response.context["page"]] == ["Pondok Pesantren Tebuireng"]


def test_sorting_by_column_both_ways(as_persona, pesantren, pesantren_malang):
    client = as_persona("staf")
    assert [p.nspp for p in client.get(URL, {"sort": "nspp"}).context["page"]] == ["510035070001", "510035170239"]
    assert [p.nspp for p in client.get(URL, {"sort": "-nspp"}).context["page"]] == ["510035170239", "510035070001"]
    html = client.get(URL, {"sort": "nspp"}).content.decode()
    assert 'aria-sort="ascending"' in html and "sort=-nspp" in html


def test_pagination_pages_through_every_row_once(as_persona, pesantren):
    for i in range(30):
        make_pesantren(nspp=f"5100351710{i:02d}", nama=f"PP Nomor {i:02d}")
    client = as_persona("staf")
    first = client.get(URL).context["page"]
    second = client.get(URL, {"halaman": 2}).context["page"]
    assert first.paginator.count == 31 and len(first) == 25 and len(second) == 6
    assert not {p.pk for p in first} & {p.pk for p in second}


def test_list_query_count_is_bounded(as_persona, pesantren, django_assert_max_num_queries):
    for i in range(30):
        p = make_pesantren(nspp=f"5100351710{i:02d}", nama=f"PP Nomor {i:02d}")
        make_santri(p)
    client = as_persona("staf")
    # session, user, navbar, permissions (2), choices (2), filter check, count, page, santripreneur counts
    with django_assert_max_num_queries(11):
        client.get(URL, {"kabkota": "35.17"})


def test_nspp_region_mismatch_is_flagged(as_persona, db):
    make_pesantren(nspp="510035070239")  # Malang digits on a Jombang pesantren
    html = as_persona("staf").get(URL).content.decode()
    assert "Kode wilayah NSPP tidak sama dengan kab/kota" in html


def test_csv_export_follows_the_filters_and_keeps_nspp_as_text(as_persona, pesantren, pesantren_malang):
    response = as_persona("petugas_a").get(URL, {"kabkota": "35.17", "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="pesantren-')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["NSPP", "Nama pesantren"]
    assert [r[0] for r in rows[1:]] == ["510035170239"]


def test_xlsx_export_stores_identifiers_as_text(as_persona, pesantren):
    response = as_persona("pimpinan").get(URL, {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value == "510035170239" and sheet["A2"].data_type == "s"
    assert sheet["C2"].value == "35.17"


def test_add_button_only_for_writers(as_persona, pesantren):
    assert "Tambah pesantren" in as_persona("staf").get(URL).content.decode()
    assert "Tambah pesantren" not in as_persona("pimpinan").get(URL).content.decode()


def test_import_link_only_for_writers(as_persona, pesantren):
    assert "/impor/pesantren/" in as_persona("staf").get(URL).content.decode()
    assert "/impor/pesantren/" not in as_persona("pimpinan").get(URL).content.decode()
