"""Pace towards a target, by the Open SDG progress method.

The ratio of observed to required growth decides the status: ≥ 0.95 on track, 0.6–0.95 needs acceleration,
0–0.6 limited, < 0 deteriorating; a met target is 'tercapai'. Growth is the compound annual rate when both the
baseline and the current value are positive (as Open SDG does), else the linear yearly run-rate."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

ON_TRACK = 0.95
FAIR = 0.6

STATUS_LABELS = {
    "tercapai": _("Tercapai"),
    "on_track": _("On track"),
    "percepatan": _("Perlu percepatan"),
    "lambat": _("Lambat"),
    "menurun": _("Menurun"),
    "tidak_tercapai": _("Tidak tercapai"),
    "belum_ada_data": _("Belum ada data"),
}


@dataclass
class Pace:
    status: str
    ratio: float | None
    required_per_year: float | None  # linear run-rate still needed from now to the deadline
    actual_per_year: float | None  # linear run-rate observed since the baseline
    projected: float | None  # value at the deadline if the observed pace holds

    @property
    def label(self):
        return STATUS_LABELS[self.status]


def pace(*, baseline_year, baseline, current_year, current, target_year, target):
    if current is None or baseline is None or current_year <= baseline_year:
        return Pace("belum_ada_data", None, None, None, None)
    elapsed = current_year - baseline_year
    actual = (current - baseline) / elapsed
    remaining = target_year - current_year
    if current >= target:
        return Pace("tercapai", None, 0.0, actual, max(current, current + actual * max(remaining, 0)))
    if remaining <= 0:
        return Pace("tidak_tercapai", None, None, actual, current)
    required = (target - current) / remaining
    if baseline > 0 and current > 0:
        observed_growth = (current / baseline) ** (1 / elapsed) - 1
        required_growth = (target / baseline) ** (1 / (target_year - baseline_year)) - 1
        projected = current * (1 + observed_growth) ** remaining
    else:
        observed_growth = actual
        required_growth = (target - baseline) / (target_year - baseline_year)
        projected = current + actual * remaining
    ratio = observed_growth / required_growth if required_growth > 0 else None
    if ratio is None:
        status = "tercapai"
    elif ratio >= ON_TRACK:
        status = "on_track"
    elif ratio >= FAIR:
        status = "percepatan"
    elif ratio >= 0:
        status = "lambat"
    else:
        status = "menurun"
    return Pace(status, ratio, required, actual, projected)
