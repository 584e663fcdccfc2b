"""The arithmetic of progress.py on hand-made numbers: cumulative counts, allocation, ranking,
the reference target and the traceability totals."""

from types import SimpleNamespace

from opop.dashboard.progress import (
    allocate,
    cumulative,
    indicator_progress,
    rank_by_gap,
    reference_target,
    traceability,
)


def test_cumulative_counts_everything_up_to_the_year():
    series = {2015: 2, 2019: 1, 2021: 3, 2024: 5}
    assert [cumulative(series, y) for y in (2018, 2019, 2020, 2021, 2024)] == [2, 3, 3, 6, 11]


def test_allocation_is_proportional_and_adds_up_exactly():
    assert allocate(1_000_000, {"35.17": 3, "35.78": 1, "35.01": 0}) == {"35.17": 750_000, "35.78": 250_000, "35.01": 0}
    shares = allocate(10, {"a": 1, "b": 1, "c": 1})  # 3.33 each: the largest remainders get the spare unit
    assert sum(shares.values()) == 10 and sorted(shares.values()) == [3, 3, 4]
    assert sum(allocate(1000, {str(i): i for i in range(38)}).values()) == 1000


def test_allocation_without_any_pesantren_is_equal():
    assert allocate(9, {"a": 0, "b": 0, "c": 0}) == {"a": 3, "b": 3, "c": 3}
    assert allocate(0, {"a": 5}) == {"a": 0}


def test_rank_by_gap_largest_first_then_lowest_achievement_then_name():
    rows = [
        {"nama": "B", "gap": 5, "persen": 10},
        {"nama": "A", "gap": 5, "persen": 50},
        {"nama": "C", "gap": 9, "persen": None},
        {"nama": "D", "gap": 0, "persen": None},
    ]
    assert [(r["nama"], r["peringkat"]) for r in rank_by_gap(rows)] == [("C", 1), ("B", 2), ("A", 3), ("D", 4)]


def test_reference_target_is_the_first_target_year_ahead():
    targets = {2021: 550, 2022: 750, 2023: 1000, 2024: 1000}
    assert reference_target(targets, 2022) == (2022, 750)
    assert reference_target({2024: 1_000_000}, 2022) == (2024, 1_000_000)
    assert reference_target(targets, 2025) == (None, None)


def test_indicator_progress_of_a_series():
    indicator = SimpleNamespace(kode="x")
    result = indicator_progress(
        indicator, targets={2023: 250, 2024: 1000}, per_year={2019: 100, 2021: 150}, recorded=[], tahun=2022
    )
    assert (result.realised, result.baseline, result.target, result.deadline_year) == (250, 100, 1000, 2024)
    assert str(result.persen) == "25.00" and result.band == "sangat_rendah" and result.bar == 25.0
    assert result.year_target is None
    assert result.pace.status == "percepatan"  # 100 -> 250 in 3 years vs 100 -> 1000 in 5: ratio 0.61


def test_traceability_counts_only_lines_in_the_indicators_unit():
    indicator = SimpleNamespace(kode="socio")
    rows = [
        {
            "rencana__opd_id": 1,
            "rencana__opd__singkatan": "A",
            "indikator__kode": "socio",
            "indikator__satuan": "orang",
            "satuan": "orang",
            "target": 40,
            "realisasi": 10,
        },
        {
            "rencana__opd_id": 2,
            "rencana__opd__singkatan": "B",
            "indikator__kode": "socio",
            "indikator__satuan": "orang",
            "satuan": "kelompok",
            "target": 5,
            "realisasi": 1,
        },
    ]
    result = traceability(
        indicators=[indicator],
        rows=rows,
        targets_by_indicator={"socio": {2024: 100}},
        per_year_by_indicator={"socio": {2022: 20}},
        tahun=2023,
    )
    line = result["rows"][0]
    assert result["opds"] == [(1, "A"), (2, "B")]
    assert (line["komitmen"], line["sebelum"], line["kebutuhan"], line["kurang"]) == (40, 20, 40, False)
    assert str(line["porsi"]) == "40.00" and str(line["cakupan"]) == "100.00"
    assert line["cells"][1]["komitmen"] == 0 and line["cells"][1]["lain"] == [
        {"satuan": "kelompok", "target": 5, "realisasi": 1}
    ]
