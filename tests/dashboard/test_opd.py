"""By OPD (/dasbor/opd/): traceability matrix, commitments vs realisation, budget, participations, compliance —
all scoped to the viewer: a Petugas OPD sees their own OPD's plans and nothing of another OPD's."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opop.accounts.models import PerangkatDaerah
from opop.dashboard.services import target_set
from opop.indicators.models import Indicator
from tests.access import LOGIN, PERSONAS, assert_access
from tests.dashboard.conftest import NIK, PERSON_NAME, grow
from tests.programs.factories import make_plan

pytestmark = pytest.mark.django_db
URL = "/dasbor/opd/"


def _matrix(response):
    return {line["indicator"].kode: line for line in response.context["matrix"]["rows"]}


def _cells(line):
    return {c["opd"]: (c["komitmen"], c["realisasi"]) for c in line["cells"] if c["komitmen"] or c["lain"]}


@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix(persona, as_persona):
    assert_access(as_persona(persona).get(URL), LOGIN if persona == "anonymous" else 200)


def test_post_is_not_allowed(as_persona):
    assert as_persona("staf").post(URL).status_code == 405


def test_opens_on_the_latest_plan_year(hand_counted, as_persona):
    assert as_persona("staf").get(URL).context["tahun"] == 2023


def test_traceability_matrix_equals_the_hand_count(hand_counted, as_persona):
    matrix = _matrix(as_persona("staf").get(f"{URL}?tahun=2023"))
    santri = matrix["santripreneur"]
    assert _cells(santri) == {"Dinas Kominfo": (100, 60), "Dinas Pendidikan": (200, 0)}
    assert (santri["komitmen"], santri["realisasi"], santri["target"], santri["target_tahun"]) == (300, 60, 10**6, 2024)
    # Registry at the end of 2022: 3 active santripreneur; (1 000 000 - 3) over 2023 and 2024 = 499 999 a year.
    assert (santri["sebelum"], santri["kebutuhan"], santri["kurang"], santri["selisih"]) == (3, 499_999, True, 499_699)
    kominfo = next(c for c in santri["cells"] if c["opd"] == "Dinas Kominfo")
    assert str(kominfo["porsi"]) == "0.01"  # 100 of 1 000 000
    produk = matrix["produk-unggulan"]
    assert _cells(produk) == {"Dinas Kominfo": (10, 4)}
    assert (produk["target"], produk["target_tahun"], produk["sebelum"], produk["kebutuhan"]) == (250, 2023, 2, 248)
    assert str(produk["porsi"]) == "4.00" and str(produk["cakupan"]) == "4.03" and produk["kurang"]
    socio = matrix["sociopreneur"]
    assert socio["komitmen"] == 0  # 5 kelompok is another unit: shown beside, not counted
    assert [c["lain"] for c in socio["cells"] if c["lain"]] == [[{"satuan": "kelompok", "target": 5, "realisasi": 0}]]
    assert (socio["sebelum"], socio["kebutuhan"]) == (2, 499)
    assert matrix["pesantren-opop"]["kebutuhan"] == 997


def test_warning_only_when_commitments_cannot_reach_the_need(hand_counted, as_persona, staf):
    response = as_persona("staf").get(f"{URL}?tahun=2023")
    html = response.content.decode()
    assert 'data-warning="produk-unggulan"' in html and 'data-warning="santripreneur"' in html
    # With a 2023 target of 12 products, 2 already designated leave a need of 10: Kominfo's 10 cover it.
    target_set(
        actor=staf,
        indikator=Indicator.objects.get(kode="produk-unggulan"),
        tahun=2023,
        nilai=12,
        sumber="Uji",
        alasan="Uji kecukupan",
    )
    response = as_persona("staf").get(f"{URL}?tahun=2023")
    produk = _matrix(response)["produk-unggulan"]
    assert (produk["kebutuhan"], produk["komitmen"], produk["kurang"]) == (10, 10, False)
    assert 'data-warning="produk-unggulan"' not in response.content.decode()


def test_verified_only_leaves_out_draft_plans(hand_counted, as_persona):
    response = as_persona("pimpinan").get(f"{URL}?tahun=2023&terverifikasi=1")
    assert _cells(_matrix(response)["santripreneur"]) == {"Dinas Kominfo": (100, 60)}
    assert [r["rencana__opd__singkatan"] for r in response.context["budget"]] == ["Dinas Kominfo"]


def test_commitments_budget_and_participations(hand_counted, as_persona):
    response = as_persona("staf").get(f"{URL}?tahun=2023")
    rows = {(r["rencana__opd__singkatan"], r["indikator__kode"]): r for r in response.context["commitments"]}
    kominfo = rows[("Dinas Kominfo", "santripreneur")]
    capaian = kominfo["capaian"]  # 2023 is over: judged on the yearly figure
    assert (kominfo["target"], kominfo["realisasi"], capaian.target_sd, str(capaian.persen), capaian.band) == (
        100,
        60,
        100,
        "60.00",
        "rendah",
    )
    assert capaian.band_tahun == "rendah"
    assert rows[("Dinas Pendidikan", "sociopreneur")]["dihitung"] is False
    budget = {
        r["rencana__opd__singkatan"]: (r["pagu"], r["terserap"], r["serapan_persen"])
        for r in response.context["budget"]
    }
    assert {k: (int(p), int(t), str(s)) for k, (p, t, s) in budget.items()} == {
        "Dinas Kominfo": (200_000_000, 100_000_000, "50.00"),
        "Dinas Pendidikan": (320_000_000, 0, "0.00"),
    }
    assert int(response.context["budget_totals"]["pagu"]) == 520_000_000
    assert {r["opd__singkatan"]: r["jumlah"] for r in response.context["participations"]} == {
        "Dinas Kominfo": 1,
        "Dinas Pendidikan": 1,
        "Disnakertrans": 1,
    }
    html = response.content.decode()
    assert "Rp 520.000.000" in html and "Rp 100.000.000" in html


def test_petugas_a_sees_nothing_of_opd_bs_draft(hand_counted, as_persona):
    response = as_persona("petugas_a").get(f"{URL}?tahun=2023")
    assert _cells(_matrix(response)["santripreneur"]) == {"Dinas Kominfo": (100, 60)}
    assert [r["rencana__opd__singkatan"] for r in response.context["commitments"]] == ["Dinas Kominfo"] * 2
    assert [r["rencana__opd__singkatan"] for r in response.context["budget"]] == ["Dinas Kominfo"]
    assert [r["opd"].kode for r in response.context["compliance"]["rows"]] == ["kominfo"]
    assert [r["opd__singkatan"] for r in response.context["participations"]] == ["Dinas Kominfo"]
    html = response.content.decode()
    assert "Dinas Pendidikan" not in html and "Rp 300.000.000" not in html and "+ 5 kelompok" not in html
    assert "data-warning" not in html  # the sufficiency of all OPDs' commitments is not theirs to judge


def test_petugas_b_sees_their_draft_and_nothing_of_opd_a(hand_counted, client, petugas_b):
    client.force_login(petugas_b)
    response = client.get(f"{URL}?tahun=2023")
    assert _cells(_matrix(response)["santripreneur"]) == {"Dinas Pendidikan": (200, 0)}
    html = response.content.decode()
    assert "Dinas Kominfo" not in html and "Rp 150.000.000" not in html and "Rp 100.000.000" not in html


@pytest.mark.parametrize("persona", ["staf", "pimpinan", "petugas_a"])
def test_no_personal_data(hand_counted, as_persona, persona):
    html = as_persona(persona).get(f"{URL}?tahun=2023").content.decode()
    assert NIK not in html and PERSON_NAME not in html


def test_a_year_without_plans_says_so(hand_counted, as_persona):
    html = as_persona("staf").get(f"{URL}?tahun=2020").content.decode()
    assert "Belum ada rencana OPD tahun 2020" in html


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def test_query_count_is_bounded_and_independent_of_the_data_size(
    hand_counted, as_persona, admin, django_assert_max_num_queries
):
    client = as_persona("staf")
    url = f"{URL}?tahun=2023"
    small = _count(client, url)
    grow(admin, n=20)
    make_plan(actor=admin, opd=PerangkatDaerah.objects.get(kode="disnakertrans"), tahun=2023, jumlah_kegiatan=4)
    make_plan(actor=admin, opd=PerangkatDaerah.objects.get(kode="distan"), tahun=2023, jumlah_kegiatan=3)
    with django_assert_max_num_queries(22):  # + whether the year is closed (angka tetap)
        client.get(url)
    assert _count(client, url) == small


def test_opd_numbers_link_to_the_plans_they_come_from(hand_counted, as_persona, opd_a):
    client = as_persona("staf")
    html = client.get(f"{URL}?tahun=2023").content.decode()
    url = f"/program/?tahun=2023&amp;opd={opd_a.pk}"
    assert f'href="{url}"' in html
    plans = client.get(url.replace("&amp;", "&")).context["page"].object_list
    assert [(p.opd.kode, p.tahun) for p in plans] == [("kominfo", 2023)]
