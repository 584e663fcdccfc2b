"""It is December 2026 and the targets were for 2024: each card shows its final 2024 result instead of a projection,
no achievement band for a finished period, and Admins are told the next targets are missing. A later target in the
register brings the pace back (issue 14). No target is ever invented."""

import pytest

from opop.dashboard.services import target_set
from opop.dashboard.worklist import targets_missing_items
from opop.indicators.models import Indicator, Target

# The reference targets end in 2024 (1 000 000 santripreneur, 1 000 produk unggulan, 1 000 sociopreneur).


def _cards(client, url):
    return {card.indicator.kode: card for card in client.get(url).context["cards"]}


def test_the_home_page_in_2026_shows_the_final_2024_result(hand_counted, as_persona):
    assert Target.objects.filter(berlaku=True).order_by("-tahun").values_list("tahun", flat=True).first() == 2024
    client = as_persona("pimpinan")
    card = _cards(client, "/?tahun=2026")["santripreneur"]
    assert card.finished and card.deadline_year == 2024 and card.band is None
    assert card.final_realised == _cards(client, "/?tahun=2024")["santripreneur"].realised
    assert card.pace.status in ("tercapai", "tidak_tercapai")  # a final verdict, not a pace
    html = client.get("/?tahun=2026").content.decode()
    assert "Proyeksi 2024" not in html
    assert "Hasil akhir 2024" in html and "Periode target berakhir 2024" in html


def test_within_the_period_nothing_changes(hand_counted, as_persona):
    card = _cards(as_persona("pimpinan"), "/?tahun=2023")["santripreneur"]
    assert not card.finished and card.band is not None
    assert "Proyeksi 2024" in as_persona("pimpinan").get("/?tahun=2023").content.decode()


def test_the_public_page_shows_the_final_result_without_red_bands(hand_counted, client):
    html = client.get("/publik/").content.decode()  # this year: 2026 by the clock
    assert "Hasil akhir 2024" in html
    assert "Predikat:" not in html and "band-sangat-rendah" not in html


def test_a_2029_target_in_the_register_brings_back_the_pace(hand_counted, as_persona, admin):
    indicator = Indicator.objects.get(kode="santripreneur")
    target_set(actor=admin, indikator=indicator, tahun=2029, nilai=2_000_000, sumber="RPJMD 2025–2029")
    card = _cards(as_persona("pimpinan"), "/?tahun=2026")["santripreneur"]
    assert not card.finished and card.deadline_year == 2029 and card.target == 2_000_000
    assert "Proyeksi 2029" in as_persona("pimpinan").get("/?tahun=2026").content.decode()
    others = _cards(as_persona("pimpinan"), "/?tahun=2026")
    assert others["produk-unggulan"].finished  # its register still ends in 2024


@pytest.mark.parametrize(("persona", "told"), [("admin", True), ("staf", False), ("pimpinan", False)])
def test_admins_are_told_the_next_targets_are_missing(persona, told, hand_counted, as_persona):
    html = as_persona(persona).get("/?tahun=2026").content.decode()
    assert ('data-item="target_berikutnya"' in html) is told
    if told:
        assert "/admin/indicators/target/add/" in html


def test_nothing_is_said_when_every_indicator_has_a_later_target(hand_counted, admin, as_persona):
    for indicator in Indicator.objects.filter(targets__isnull=False).distinct():
        target_set(actor=admin, indikator=indicator, tahun=2029, nilai=10, sumber="RPJMD")
    cards = list(as_persona("admin").get("/?tahun=2026").context["cards"])
    assert targets_missing_items(admin, cards) == []


def test_the_milestones_page_gives_a_final_verdict_not_a_pace(hand_counted, as_persona):
    response = as_persona("pimpinan").get("/dasbor/tonggak/?tahun=2026")
    cards = [section["card"] for section in response.context["sections"]]
    assert cards and all(card.finished for card in cards if card.target)
    assert {card.pace.status for card in cards if card.target} <= {"tercapai", "tidak_tercapai"}
    assert "Proyeksi 2024" not in response.content.decode()
