"""A cell of the synergy map drilled down (/dasbor/sinergi/kegiatan/): its plan lines, linked to their plans, with
the same sums as the cell; scoped to the viewer (a Petugas OPD lists their own OPD's lines only)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from programs.models import Kegiatan
from tests.access import LOGIN, assert_access
from tests.dashboard.sinergi_data import JOMBANG, JT, TAHUN, build_sinergi, grow_sinergi

pytestmark = pytest.mark.django_db
URL = "/dasbor/sinergi/kegiatan/"
JOMBANG_SANTRI = f"{URL}?tahun={TAHUN}&kabkota={JOMBANG}&pilar=santripreneur"


@pytest.fixture
def sinergi(admin, staf, pimpinan, petugas_a, petugas_b):
    build_sinergi(admin=admin, staf=staf, petugas_a=petugas_a, petugas_b=petugas_b)


def _uraian(response):
    return sorted(line.uraian for line in response.context["lines"])


@pytest.mark.parametrize(
    ("persona", "expected", "lines"),
    [
        ("anonymous", LOGIN, None),
        ("admin", 200, 4),
        ("staf", 200, 4),
        ("pimpinan", 200, 4),
        ("petugas_a", 200, 1),  # own OPD: Kominfo's K1
        ("petugas_b", 200, 2),  # own OPD: Dindik's D1, D2; nothing of Kominfo's
    ],
)
def test_access_matrix(sinergi, persona, expected, lines, as_persona):
    response = as_persona(persona).get(JOMBANG_SANTRI)
    assert_access(response, expected)
    if lines is not None:
        assert len(response.context["lines"]) == lines


def test_petugas_sees_their_own_lines_and_not_the_other_opds(sinergi, as_persona):
    assert _uraian(as_persona("petugas_a").get(JOMBANG_SANTRI)) == ["K1 Pelatihan digital santri"]
    html = as_persona("petugas_b").get(JOMBANG_SANTRI).content.decode()
    assert "D1 Kewirausahaan SMK pesantren" in html and "K1 Pelatihan digital santri" not in html


def test_the_cell_lists_its_lines_with_the_cells_sums_and_links_to_their_plans(sinergi, as_persona):
    response = as_persona("staf").get(JOMBANG_SANTRI)
    assert _uraian(response) == [
        "D1 Kewirausahaan SMK pesantren",
        "D2 Kelompok usaha santri",
        "K1 Pelatihan digital santri",
        "P1 Pelatihan produksi santri",
    ]
    context = response.context
    assert (context["pagu"], context["targets"]) == (570 * JT, [("kelompok", 5), ("orang", 350)])
    assert context["opds"] == ["Dinas Kominfo", "Dinas Pendidikan", "Disperindag"]
    k1 = Kegiatan.objects.get(uraian="K1 Pelatihan digital santri")
    html = response.content.decode()
    assert f'href="{k1.get_absolute_url()}"' in html and "Kota Surabaya" in html  # its other place is named
    assert as_persona("staf").get(k1.get_absolute_url().split("#")[0]).status_code == 200


def test_the_province_row_lists_the_lines_without_kabkota(sinergi, as_persona):
    response = as_persona("staf").get(f"{URL}?tahun={TAHUN}&kabkota=35&pilar=pesantrenpreneur")
    assert _uraian(response) == ["K2 Promosi digital produk OPOP", "N3 Pendampingan pesantren se-Jatim"]
    assert response.context["kabkota_nama"] == "Seluruh Jawa Timur"


def test_without_a_pillar_every_pillar_of_the_kabkota(sinergi, as_persona):
    response = as_persona("staf").get(f"{URL}?tahun={TAHUN}&kabkota=35.07")
    assert len(response.context["lines"]) == 5  # P1 santripreneur and four pesantrenpreneur lines


def test_verified_only_keeps_the_verified_plans(sinergi, as_persona):
    assert _uraian(as_persona("staf").get(JOMBANG_SANTRI + "&terverifikasi=1")) == ["K1 Pelatihan digital santri"]


@pytest.mark.parametrize("query", ["kabkota=99.99&pilar=santripreneur", "kabkota=35.17&pilar=lain", "kabkota="])
def test_an_unknown_kabkota_or_pillar_is_not_found(sinergi, as_persona, query):
    assert as_persona("staf").get(f"{URL}?tahun={TAHUN}&{query}").status_code == 404


def test_post_is_not_allowed(as_persona):
    assert as_persona("staf").post(JOMBANG_SANTRI).status_code == 405


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def test_query_count_is_bounded_and_equal_at_two_data_sizes(sinergi, as_persona, admin, django_assert_max_num_queries):
    client = as_persona("staf")
    small = _count(client, JOMBANG_SANTRI)
    grow_sinergi(admin, n=15)
    assert len(client.get(JOMBANG_SANTRI).context["lines"]) > 4
    with django_assert_max_num_queries(15):
        client.get(JOMBANG_SANTRI)
    assert _count(client, JOMBANG_SANTRI) == small
