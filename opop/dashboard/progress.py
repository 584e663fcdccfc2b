"""Dashboard arithmetic over numbers the selectors have already aggregated in SQL (no queries here).

Counting rules written down (also on the pages and in docs/FEATURES.md):
- Every indicator is cumulative: the value "in year Y" is what the registry holds with a year ≤ Y.
  Santripreneur: active persons by year registered (from the tallies); pesantren peserta OPOP: pesantren by OPOP
  cohort year; produk unggulan: unggulan products by year of designation; sociopreneur: active persons by the
  year their business started (`tahun_mulai`, the registry has no registration year for them; a business started
  before 2019 counts from the 2019 baseline).
- Pace: Open SDG method (pace.py) from the baseline year BASELINE_YEAR to the indicator's deadline (its latest
  target year), with the registry's value at the end of the selected year as the current value.
- Kab/kota allocation: the provincial deadline target is shared out in proportion to each kab/kota's registered
  pesantren (largest-remainder rounding, so the shares add up to the target exactly); gap = share − realised."""

from dataclasses import dataclass, field
from decimal import Decimal

from opop.common.achievement import band_of, persen
from opop.dashboard.pace import pace

BASELINE_YEAR = 2019  # baseline of the pace method: the registry's value at the end of 2019


def cumulative(per_year, year):
    """What a {year: added that year} series holds at the end of `year`."""
    return sum(n for y, n in per_year.items() if y is not None and y <= year)


@dataclass
class IndicatorProgress:
    indicator: object
    tahun: int
    realised: int
    deadline_year: int | None
    target: int | None  # the deadline target
    year_target: int | None  # the target of the selected year itself, when there is one
    persen: Decimal | None
    band: str | None
    pace: object
    baseline: int
    recorded: list = field(default_factory=list)  # RecordedFigure rows up to the selected year, newest first
    # The selected year is past the last target year: the period is over. Its final result is what the registry
    # held at the end of that year; no projection and no achievement band (the period cannot speed up any more).
    finished: bool = False
    final_realised: int | None = None

    @property
    def final_met(self):
        return self.finished and self.target is not None and self.final_realised >= self.target

    @property
    def bar(self):
        """The progress bar width in percent, clamped to 0–100."""
        return 0.0 if self.persen is None else max(0.0, min(100.0, float(self.persen)))

    @property
    def year_persen(self):
        return persen(self.realised, self.year_target) if self.year_target else None

    @property
    def recorded_latest(self):
        return self.recorded[0] if self.recorded else None


def indicator_progress(indicator, *, targets, per_year, recorded, tahun):
    """targets: {year: value} (current versions); per_year: the registry series; recorded: RecordedFigure rows."""
    deadline_year = max(targets) if targets else None
    target = targets.get(deadline_year) if deadline_year else None
    realised = cumulative(per_year, tahun)
    baseline = cumulative(per_year, BASELINE_YEAR)
    finished = bool(target) and tahun > deadline_year
    final_realised = cumulative(per_year, deadline_year) if finished else None
    share = persen(final_realised if finished else realised, target) if target else None
    if target:
        measured_year = deadline_year if finished else tahun  # a finished period is judged at its target year
        result = pace(
            baseline_year=BASELINE_YEAR,
            baseline=baseline,
            current_year=measured_year,
            current=final_realised if finished else realised,
            target_year=deadline_year,
            target=target,
        )
    else:
        result = pace(baseline_year=0, baseline=None, current_year=0, current=None, target_year=0, target=0)
    shown = sorted((r for r in recorded if r.tahun <= tahun), key=lambda r: (-r.tahun, r.jenis_sumber))
    return IndicatorProgress(
        indicator=indicator,
        tahun=tahun,
        realised=realised,
        deadline_year=deadline_year,
        target=target,
        year_target=targets.get(tahun),
        persen=share,
        band=None if finished else band_of(share),
        pace=result,
        baseline=baseline,
        recorded=shown,
        finished=finished,
        final_realised=final_realised,
    )


def tonggak_rows(*, targets, per_year, recorded, years):
    """One row per year: target of that year, registry cumulative and added, recorded figures of that year."""
    rows = []
    for year in years:
        realised = cumulative(per_year, year)
        target = targets.get(year)
        rows.append(
            {
                "tahun": year,
                "target": target,
                "realisasi": realised,
                "tambahan": per_year.get(year, 0) + (cumulative(per_year, year - 1) if year == years[0] else 0),
                "tercatat": [r for r in recorded if r.tahun == year],
                "persen": persen(realised, target) if target else None,
            }
        )
    return rows


def allocate(total, weights):
    """Share `total` out over the keys of `weights` in proportion to them; the shares add up to `total`.
    Largest remainder (Hamilton) rounding; without any weight the total is shared equally."""
    keys = sorted(weights)
    if not keys or not total:
        return {k: 0 for k in keys}
    base = {k: max(weights[k] or 0, 0) for k in keys}
    if not sum(base.values()):
        base = {k: 1 for k in keys}
    whole = sum(base.values())
    exact = {k: Decimal(total) * base[k] / whole for k in keys}
    shares = {k: int(exact[k]) for k in keys}
    left = total - sum(shares.values())
    for k in sorted(keys, key=lambda k: (-(exact[k] - shares[k]), k))[:left]:
        shares[k] += 1
    return shares


def rank_by_gap(rows):
    """Sort kab/kota rows by gap (largest first; then lowest achievement, then name) and number them."""
    ordered = sorted(rows, key=lambda r: (-r["gap"], float(r["persen"]) if r["persen"] is not None else 0.0, r["nama"]))
    for rank, row in enumerate(ordered, start=1):
        row["peringkat"] = rank
    return ordered


def kabkota_rows(*, regions, counts, indicator_kode, target, deadline_year, tahun):
    """regions: [(kode, nama)]; counts: {kode: {"pesantren", <indicator kode>: (baseline, now), ...}}.
    Adds, for the chosen indicator: allocated target, gap, achievement, band and pace; ranks by gap."""
    weights = {kode: counts.get(kode, {}).get("pesantren", 0) for kode, _nama in regions}
    shares = allocate(target or 0, weights)
    rows = []
    for kode, nama in regions:
        c = counts.get(kode, {})
        base, now = c.get(indicator_kode, (0, 0))
        alokasi = shares.get(kode, 0) if target else None
        share = persen(now, alokasi) if alokasi else None
        rows.append(
            {
                "kode": kode,
                "nama": nama,
                "pesantren": c.get("pesantren", 0),
                "pesantren-opop": c.get("pesantren-opop", (0, 0))[1],
                "santripreneur": c.get("santripreneur", (0, 0))[1],
                "sociopreneur": c.get("sociopreneur", (0, 0))[1],
                "produk-unggulan": c.get("produk-unggulan", (0, 0))[1],
                "nilai": now,
                "alokasi": alokasi,
                "gap": max((alokasi or 0) - now, 0),
                "persen": share,
                "band": band_of(share),
                "pace": pace(
                    baseline_year=BASELINE_YEAR,
                    baseline=base,
                    current_year=tahun,
                    current=now,
                    target_year=deadline_year,
                    target=alokasi,
                )
                if alokasi
                else None,
            }
        )
    return rank_by_gap(rows)


def reference_target(targets, tahun):
    """The target the work of `tahun` is aimed at: the first target year ≥ tahun (None past the last target)."""
    ahead = [y for y in targets if y >= tahun]
    if not ahead:
        return None, None
    year = min(ahead)
    return year, targets[year]


def traceability(*, indicators, rows, targets_by_indicator, per_year_by_indicator, tahun):
    """The commitment → target matrix: indicator × OPD.

    rows: commitments_by_indicator_opd rows. A line counts toward its indicator only in the indicator's unit
    (satuan == indikator__satuan); lines in other units are listed beside it. For each indicator: the sum of
    commitments, the reference target (first target year ≥ tahun), what the registry held at the end of the
    previous year, the linear yearly need (remaining gap / years left including this one), coverage of that need,
    and a warning when the commitments cannot reach it."""
    opds = {}
    cells = {}
    for row in rows:
        opd_id = row["rencana__opd_id"]
        opds.setdefault(opd_id, row["rencana__opd__singkatan"])
        cell = cells.setdefault((row["indikator__kode"], opd_id), {"komitmen": 0, "realisasi": 0, "lain": []})
        if row["satuan"] == row["indikator__satuan"]:
            cell["komitmen"] += row["target"] or 0
            cell["realisasi"] += row["realisasi"] or 0
        else:
            cell["lain"].append({"satuan": row["satuan"], "target": row["target"], "realisasi": row["realisasi"]})
    opd_list = sorted(opds.items(), key=lambda item: item[1])
    matrix = []
    for indicator in indicators:
        kode = indicator.kode
        targets = targets_by_indicator.get(kode, {})
        ref_year, ref_target = reference_target(targets, tahun)
        before = cumulative(per_year_by_indicator.get(kode, {}), tahun - 1)
        need = None
        if ref_target is not None:
            remaining = max(ref_target - before, 0)
            years_left = ref_year - tahun + 1
            need = -(-remaining // years_left)  # ceiling
        line = []
        total = {"komitmen": 0, "realisasi": 0}
        for opd_id, singkatan in opd_list:
            cell = cells.get((kode, opd_id), {"komitmen": 0, "realisasi": 0, "lain": []})
            porsi = persen(cell["komitmen"], ref_target) if ref_target and cell["komitmen"] else None
            cell = {**cell, "opd_id": opd_id, "opd": singkatan, "porsi": porsi}
            total["komitmen"] += cell["komitmen"]
            total["realisasi"] += cell["realisasi"]
            line.append(cell)
        matrix.append(
            {
                "indicator": indicator,
                "cells": line,
                "komitmen": total["komitmen"],
                "realisasi": total["realisasi"],
                "target_tahun": ref_year,
                "target": ref_target,
                "sebelum": before,
                "kebutuhan": need,
                "porsi": persen(total["komitmen"], ref_target) if ref_target else None,
                "cakupan": persen(total["komitmen"], need) if need else None,
                "kurang": need is not None and need > 0 and total["komitmen"] < need,
                "selisih": max((need or 0) - total["komitmen"], 0),
            }
        )
    return {"opds": opd_list, "rows": matrix}
