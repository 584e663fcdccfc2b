"""Peta sinergi (/dasbor/sinergi/): kab/kota × pillar of the year's plan lines, overlaps and gaps ranked, checked
against the hand-made plans of tests/dashboard/sinergi_data.py and against the plan lines themselves."""

from collections import defaultdict
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from programs.models import Kegiatan
from tests.access import LOGIN, PERSONAS, assert_access
from tests.dashboard.sinergi_data import (
    BANGKALAN,
    JOMBANG,
    JT,
    KEDIRI,
    MALANG,
    PACITAN,
    SAMPANG,
    SURABAYA,
    TAHUN,
    build_sinergi,
    grow_sinergi,
)

pytestmark = pytest.mark.django_db
URL = "/dasbor/sinergi/"


@pytest.fixture
def sinergi(admin, staf, pimpinan, petugas_a, petugas_b):
    build_sinergi(admin=admin, staf=staf, petugas_a=petugas_a, petugas_b=petugas_b)


def _peta(client, query=""):
    return client.get(f"{URL}?tahun={TAHUN}{query}").context["peta"]


def _cell(peta, kode, pilar):
    row = next(r for r in (*peta.rows, peta.provinsi) if r.kode == kode)
    return next(c for c in row.cells if c.pilar == pilar)


@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix(persona, as_persona):
    assert_access(as_persona(persona).get(URL), LOGIN if persona == "anonymous" else 200)


def test_post_is_not_allowed(as_persona):
    assert as_persona("staf").post(URL).status_code == 405


def test_opens_on_the_latest_plan_year(sinergi, as_persona):
    assert as_persona("staf").get(URL).context["tahun"] == TAHUN


def test_overlaps_of_three_or_more_opds_are_found_and_ranked_by_opds_then_pagu(sinergi, as_persona):
    peta = _peta(as_persona("staf"))
    ranked = [(o.peringkat, o.row.kode, o.cell.pilar, o.cell.opd_count, o.cell.pagu) for o in peta.overlaps]
    assert ranked == [
        (1, MALANG, "pesantrenpreneur", 4, 4 * JT),
        (2, JOMBANG, "santripreneur", 3, 570 * JT),
        (3, SURABAYA, "santripreneur", 3, 200 * JT),
    ]
    assert peta.overlaps[1].cell.opds == ("Dinas Kominfo", "Dinas Pendidikan", "Disperindag")
    # Two OPDs on the province-wide row: neither an overlap nor spread over the kab/kota.
    provinsi = _cell(peta, "35", "pesantrenpreneur")
    assert (provinsi.kegiatan, provinsi.opd_count, provinsi.overlap) == (2, 2, False)
    assert _cell(peta, BANGKALAN, "pesantrenpreneur").kegiatan == 0


def test_gaps_are_kabkota_with_opop_pesantren_and_no_line_ranked_by_those_pesantren(sinergi, as_persona):
    peta = _peta(as_persona("staf"))
    assert [(g.peringkat, g.row.kode, g.row.pesantren_opop) for g in peta.gaps] == [(1, BANGKALAN, 2), (2, SAMPANG, 1)]
    rows = {r.kode: r for r in peta.rows}
    assert rows[JOMBANG].pesantren_opop == 1 and not rows[JOMBANG].gap  # it has lines
    assert rows[KEDIRI].pesantren_opop == 0 and not rows[KEDIRI].gap  # its pesantren joins in 2025
    assert rows[PACITAN].pesantren_opop == 0 and not rows[PACITAN].gap  # not an OPOP pesantren
    # Bangkalan stays a gap although two province-wide lines exist: they are not spread over the kab/kota.
    assert rows[BANGKALAN].kegiatan == 0 and peta.provinsi.kegiatan == 2


def test_a_cell_holds_its_lines_sums_hand_counted(sinergi, as_persona):
    peta = _peta(as_persona("staf"))
    jombang = _cell(peta, JOMBANG, "santripreneur")
    assert (jombang.kegiatan, jombang.pagu, jombang.targets) == (4, 570 * JT, (("kelompok", 5), ("orang", 350)))
    assert _cell(peta, MALANG, "santripreneur").opds == ("Disperindag",)
    assert peta.kegiatan == 12 and peta.pagu == 744 * JT and peta.opd_count == 5


def _expected_cells(lines):
    """Each cell recomputed from the plan lines themselves: {(kode, pilar): (count, pagu, {satuan: target}, OPDs)}."""
    cells = defaultdict(lambda: [0, Decimal(0), defaultdict(int), set()])
    for line in lines:
        places = [kk.kode for kk in line.lokasi.all()] or ["35"]
        for kode in [*places, "total"]:
            cell = cells[(kode, line.pilar)]
            cell[0] += 1
            cell[1] += line.pagu
            cell[2][line.satuan] += line.target
            cell[3].add(line.rencana.opd.singkatan)
    return {key: (n, pagu, dict(targets), opds) for key, (n, pagu, targets, opds) in cells.items()}


def _shown_cells(peta):
    shown = {}
    for row in (*peta.rows, peta.provinsi, peta.totals):
        for cell in row.cells:
            if cell.kegiatan:
                shown[(row.kode or "total", cell.pilar)] = (
                    cell.kegiatan,
                    cell.pagu,
                    dict(cell.targets),
                    set(cell.opds),
                )
    return shown


@pytest.mark.parametrize("query", ["", "&terverifikasi=1"])
def test_every_cell_and_the_totals_equal_the_sums_of_their_plan_lines(sinergi, as_persona, admin, query):
    grow_sinergi(admin, n=6)
    lines = Kegiatan.objects.filter(rencana__tahun=TAHUN).select_related("rencana__opd").prefetch_related("lokasi")
    if query:
        lines = lines.filter(rencana__status="diverifikasi")
    assert _shown_cells(_peta(as_persona("staf"), query)) == _expected_cells(lines)


def test_verified_only_counts_the_verified_plans(sinergi, as_persona):
    peta = _peta(as_persona("pimpinan"), "&terverifikasi=1")
    assert peta.overlaps == () and peta.kegiatan == 3 and peta.opd_count == 1


def test_petugas_sees_their_own_opds_lines_only(sinergi, as_persona):
    response = as_persona("petugas_a").get(f"{URL}?tahun={TAHUN}")
    peta = response.context["peta"]
    assert {cell.opds for row in peta.rows for cell in row.cells if cell.kegiatan} == {("Dinas Kominfo",)}
    assert peta.overlaps == () and peta.kegiatan == 3
    html = response.content.decode()
    assert 'data-scope="petugas"' in html
    assert "Dinas Pendidikan" not in html and "Disperindag" not in html and "D1 Kewirausahaan" not in html


def test_petugas_b_sees_nothing_of_opd_a(sinergi, as_persona):
    peta = _peta(as_persona("petugas_b"))
    assert {cell.opds for row in peta.rows for cell in row.cells if cell.kegiatan} == {("Dinas Pendidikan",)}
    assert _cell(peta, "35", "pesantrenpreneur").kegiatan == 0  # Kominfo's province-wide line is not theirs


def test_the_page_marks_overlaps_and_gaps_in_words_and_links_each_cell_to_its_lines(sinergi, as_persona):
    html = as_persona("staf").get(f"{URL}?tahun={TAHUN}").content.decode()
    assert "<caption" in html and 'scope="row"' in html and 'scope="col"' in html
    assert html.count("sinergi-overlap-badge") == 3 and html.count("sinergi-gap-badge") == 2
    assert f"/dasbor/sinergi/kegiatan/?tahun={TAHUN}&amp;kabkota={JOMBANG}&amp;pilar=santripreneur" in html
    assert f"/dasbor/sinergi/kegiatan/?tahun={TAHUN}&amp;kabkota=35&amp;pilar=pesantrenpreneur" in html
    assert "Seluruh Jawa Timur" in html and "tidak disebar ke 38 kab/kota" in html
    assert 'id="peta-celah-title"' in html  # the gaps on the SVG map


def test_the_fgd_recap_and_the_staf_navigation_link_to_the_map(sinergi, as_persona):
    client = as_persona("staf")
    assert f'href="/dasbor/sinergi/?tahun={TAHUN}"' in client.get(f"/program/rekap-fgd/?tahun={TAHUN}").content.decode()
    assert 'href="/dasbor/sinergi/">Peta sinergi' in client.get("/").content.decode()


def test_english_page(sinergi, as_persona):
    client = as_persona("staf")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get(f"{URL}?tahun={TAHUN}").content.decode()
    assert "Synergy map" in html and "Overlaps" in html and "Gaps" in html and "Whole of East Java" in html


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def test_query_count_is_bounded_and_equal_at_two_data_sizes(sinergi, as_persona, admin, django_assert_max_num_queries):
    client = as_persona("staf")
    url = f"{URL}?tahun={TAHUN}"
    small = _count(client, url)
    grow_sinergi(admin, n=15)
    with django_assert_max_num_queries(15):
        client.get(url)
    assert _count(client, url) == small
