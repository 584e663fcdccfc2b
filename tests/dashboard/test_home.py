"""The home dashboard ("/") against the hand-counted fixture of conftest.py."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opop.dashboard.services import target_set
from opop.indicators.models import Indicator, Target
from tests.access import LOGIN, PERSONAS, assert_access
from tests.dashboard.conftest import NIK, PERSON_NAME, PHONE, grow

pytestmark = pytest.mark.django_db


def _cards(response):
    return {c.indicator.kode: c for c in response.context["cards"]}


@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix(persona, as_persona):
    assert_access(as_persona(persona).get("/"), LOGIN if persona == "anonymous" else 200)


def test_post_is_not_allowed(as_persona):
    assert as_persona("staf").post("/").status_code == 405


@pytest.mark.parametrize(
    ("tahun", "expected"),
    [
        (2019, {"santripreneur": 1, "produk-unggulan": 1, "sociopreneur": 1, "pesantren-opop": 1}),
        (2022, {"santripreneur": 3, "produk-unggulan": 2, "sociopreneur": 2, "pesantren-opop": 3}),
        (2023, {"santripreneur": 4, "produk-unggulan": 3, "sociopreneur": 3, "pesantren-opop": 3}),
    ],
)
def test_cards_equal_the_hand_count(hand_counted, as_persona, tahun, expected):
    cards = _cards(as_persona("pimpinan").get(f"/?tahun={tahun}"))
    assert {kode: card.realised for kode, card in cards.items()} == expected
    assert {kode: (card.target, card.deadline_year) for kode, card in cards.items()} == {
        "santripreneur": (1_000_000, 2024),
        "produk-unggulan": (1000, 2024),
        "sociopreneur": (1000, 2024),
        "pesantren-opop": (1000, 2024),
    }


def test_a_person_trained_by_three_opds_is_one_santripreneur_and_three_participations(hand_counted, as_persona):
    response = as_persona("staf").get("/?tahun=2023")
    assert _cards(response)["santripreneur"].realised == 4  # S3 counted once
    assert response.context["participations"] == 3  # kominfo, dindik, disnakertrans
    assert "Partisipasi pelatihan OPD s.d. 2023: 3" in response.content.decode()


def test_percent_band_and_year_target_of_a_card(hand_counted, as_persona):
    cards = _cards(as_persona("staf").get("/?tahun=2023"))
    produk = cards["produk-unggulan"]
    assert str(produk.persen) == "0.30"  # 3 of 1 000
    assert produk.band == "sangat_rendah"
    assert produk.year_target == 250 and str(produk.year_persen) == "1.20"  # 3 of the 2023 target 250


def test_every_card_number_links_to_the_records_it_counts(hand_counted, as_persona):
    html = as_persona("staf").get("/").content.decode()
    for url in (
        "/santripreneur/?status=aktif",
        "/pesantren/?kohort=peserta",
        "/sociopreneur/?status=aktif",
        "/produk/?status=unggulan",
    ):
        assert f'href="{url}"' in html


def test_the_linked_lists_hold_the_card_numbers(hand_counted, as_persona):
    client = as_persona("staf")
    cards = _cards(client.get("/"))
    assert client.get("/santripreneur/?status=aktif").context["total"] == cards["santripreneur"].realised
    assert client.get("/pesantren/?kohort=peserta").context["page"].paginator.count == cards["pesantren-opop"].realised
    assert client.get("/sociopreneur/?status=aktif").context["page"].paginator.count == cards["sociopreneur"].realised


def test_card_says_as_of_when_and_how_it_counts(hand_counted, as_persona):
    html = as_persona("pimpinan").get("/").content.decode()
    assert "WIB" in html and "Aturan hitung" in html
    assert Indicator.objects.get(kode="santripreneur").aturan_hitung in html


def test_recorded_figures_are_shown_as_such_from_their_year(hand_counted, as_persona):
    client = as_persona("staf")
    html = client.get("/?tahun=2023").content.decode()
    assert "239.993" in html and "bukan hitungan registri" in html
    assert _cards(client.get("/?tahun=2023"))["santripreneur"].realised == 4  # never added to the registry count
    assert "239.993" not in client.get("/?tahun=2021").content.decode()


def test_a_restated_target_shows_the_new_value_and_keeps_the_old_one(hand_counted, as_persona, staf):
    indicator = Indicator.objects.get(kode="sociopreneur")
    target_set(actor=staf, indikator=indicator, tahun=2024, nilai=1500, sumber="Revisi RPJMD", alasan="Perluasan")
    client = as_persona("pimpinan")
    card = _cards(client.get("/?tahun=2023"))["sociopreneur"]
    assert card.target == 1500 and str(card.persen) == "0.20"  # 3 of 1 500
    assert list(Target.objects.filter(indikator=indicator, tahun=2024).values_list("nilai", "berlaku")) == [
        (1500, True),
        (1000, False),
    ]
    register = client.get("/indikator/").content.decode()
    assert "Riwayat perubahan target" in register and "Perluasan" in register


def test_pace_of_each_indicator_follows_the_open_sdg_method(hand_counted, as_persona, staf):
    client = as_persona("staf")
    santri = _cards(client.get("/?tahun=2023"))["santripreneur"]
    # 1 (2019) -> 4 (2023): observed growth 41.4 %/yr against 1 -> 1 000 000 by 2024 (1 485 %/yr): lambat.
    assert santri.baseline == 1 and santri.pace.status == "lambat"
    assert santri.pace.ratio == pytest.approx(((4**0.25) - 1) / ((1_000_000**0.2) - 1))
    assert santri.pace.required_per_year == pytest.approx(999_996)
    # A restated target of 6 needs 43.1 %/yr: 41.4 % is a ratio of 0.96, on track; projection 5.66.
    target_set(actor=staf, indikator=santri.indicator, tahun=2024, nilai=6, sumber="Uji", alasan="Uji laju")
    santri = _cards(client.get("/?tahun=2023"))["santripreneur"]
    assert santri.pace.status == "on_track"
    assert santri.pace.projected == pytest.approx(4 * 4**0.25)
    # After the deadline a target not met is not reached.
    assert _cards(client.get("/?tahun=2025"))["produk-unggulan"].pace.status == "tidak_tercapai"


def test_commitments_summary_is_scoped_to_the_viewer(hand_counted, as_persona):
    def summary(persona):
        response = as_persona(persona).get("/?tahun=2023")
        return {r["indicator"].kode: (r["target"], r["realisasi"]) for r in response.context["commitments"]}

    assert summary("staf") == {"santripreneur": (300, 60), "produk-unggulan": (10, 4)}


def test_petugas_sees_only_their_own_opd_commitments(hand_counted, as_persona):
    response = as_persona("petugas_a").get("/?tahun=2023")
    assert {r["indicator"].kode: r["target"] for r in response.context["commitments"]} == {
        "santripreneur": 100,
        "produk-unggulan": 10,
    }
    assert response.context["participations"] == 1  # their OPD's participations only


def test_petugas_b_sees_their_draft_and_nothing_of_opd_a(hand_counted, client, petugas_b):
    client.force_login(petugas_b)
    response = client.get("/?tahun=2023")
    assert {r["indicator"].kode: r["target"] for r in response.context["commitments"]} == {"santripreneur": 200}


@pytest.mark.parametrize("persona", ["admin", "staf", "pimpinan", "petugas_a"])
def test_no_personal_data_on_the_dashboard(hand_counted, as_persona, persona):
    html = as_persona(persona).get("/?tahun=2023").content.decode()
    assert NIK not in html and PHONE not in html and PERSON_NAME not in html


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_count_is_bounded_and_independent_of_the_data_size(
    hand_counted, as_persona, admin, django_assert_max_num_queries
):
    client = as_persona("staf")
    small = _count(client, "/?tahun=2023")
    grow(admin, n=30)
    # 16 for the cards and commitments, 8 for "Perlu tindakan Anda" (bounded on its own in test_worklist.py).
    with django_assert_max_num_queries(26):  # + whether the year is closed (angka tetap), for cards and plans
        client.get("/?tahun=2023")
    assert _count(client, "/?tahun=2023") == small


def test_petugas_query_count_is_bounded(hand_counted, as_persona, django_assert_max_num_queries):
    client = as_persona("petugas_a")
    with django_assert_max_num_queries(26):  # as above: 16 + the worklist + the angka tetap lookups
        assert client.get("/").status_code == 200


def test_unknown_year_falls_back_to_this_year(hand_counted, as_persona):
    from django.utils import timezone

    assert as_persona("staf").get("/?tahun=abc").context["tahun"] == timezone.localdate().year
    assert as_persona("staf").get("/?tahun=1990").context["tahun"] == timezone.localdate().year
