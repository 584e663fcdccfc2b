"""Open SDG bands on known series (target 1 000 in 2024 from 100 in 2019)."""

import pytest

from opop.dashboard.pace import pace


def _pace(current, current_year=2022, baseline=100):
    return pace(
        baseline_year=2019, baseline=baseline, current_year=current_year, current=current, target_year=2024, target=1000
    )


def test_required_growth_is_the_compound_rate_to_the_target():
    # 100 -> 1000 over 5 years needs 58.49 %/year; 100 -> 398.1 in 3 years is exactly that pace.
    result = _pace(398.1)
    assert result.ratio == pytest.approx(1.0, abs=0.001)
    assert result.status == "on_track"
    assert result.projected == pytest.approx(1000, rel=0.001)


@pytest.mark.parametrize(
    ("current", "status"),
    [
        (1000, "tercapai"),
        (1200, "tercapai"),
        (380, "on_track"),  # ratio 0.96
        (250, "percepatan"),  # ratio 0.61
        (150, "lambat"),  # ratio 0.25
        (100, "lambat"),  # no growth: ratio 0
        (80, "menurun"),  # ratio < 0
    ],
)
def test_each_open_sdg_band(current, status):
    assert _pace(current).status == status


def test_zero_baseline_uses_linear_run_rates():
    # 0 -> 1000 over 5 years needs 200/year; 360 after 3 years is 120/year: ratio 0.6.
    result = _pace(360, baseline=0)
    assert result.ratio == pytest.approx(0.6)
    assert result.status == "percepatan"
    assert result.required_per_year == pytest.approx(320)  # (1000 - 360) / 2 years left
    assert result.projected == pytest.approx(600)


def test_after_the_deadline_an_unmet_target_is_not_reached():
    assert _pace(700, current_year=2025).status == "tidak_tercapai"


def test_no_data_yet():
    assert _pace(None).status == "belum_ada_data"
    assert pace(baseline_year=2024, baseline=0, current_year=2024, current=0, target_year=2024, target=10).status == (
        "belum_ada_data"
    )
