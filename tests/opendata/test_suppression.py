"""Small-cell suppression: a person count under 5 is "<5" and cannot be recovered from the total."""

import itertools

import pytest

from opop.opendata.suppression import PRIMARY, SECONDARY, cell, protect


def recoverable(shown, cells, total):
    """Whether some "<5" cell takes a single value over every assignment of the hidden cells that matches the
    published total ("<5": 1–4, "x": 5 up to the total). Brute force, independent of the module's arithmetic."""
    if not isinstance(total, int):
        return False
    hidden = [key for key, value in shown.items() if not isinstance(value, int)]
    rest = total - sum(value for value in shown.values() if isinstance(value, int))
    ranges = [range(1, 5) if shown[key] == PRIMARY else range(5, max(rest, 5) + 1) for key in hidden]
    seen = {key: set() for key in hidden}
    for values in itertools.product(*ranges):
        if sum(values) == rest:
            for key, value in zip(hidden, values, strict=True):
                seen[key].add(value)
    assert all(cells[key] in seen[key] for key in hidden), "the true values must fit what is published"
    return any(len(seen[key]) == 1 for key in hidden if shown[key] == PRIMARY)


@pytest.mark.parametrize(
    "cells",
    [
        {"a": 3, "b": 10, "c": 12, "d": 0},  # one small cell: one more is hidden
        {"a": 1, "b": 5, "c": 30},  # 1 + 5 = 6 would pin a to 1: c is hidden too
        {"a": 1, "b": 1, "c": 20, "d": 40},  # two small cells summing to 2 pin each other
        {"a": 4, "b": 4, "c": 9, "d": 9},  # two 4s summing to 8 pin each other
        {"a": 2, "b": 3, "c": 0},
        {"a": 7, "b": 8},  # nothing to hide
        {"a": 2},  # a single cell: its total is small too
        {"a": 1, "b": 5},  # every cell hidden and still pinned: the total goes
    ],
)
def test_no_small_cell_is_published_or_recoverable_from_the_total(cells):
    total = sum(cells.values())
    shown, shown_total = protect(cells, total)
    for key, value in cells.items():
        if 0 < value < 5:
            assert shown[key] == PRIMARY
        else:
            assert shown[key] in (value, SECONDARY)
    assert shown_total in (total, PRIMARY, SECONDARY)
    if 0 < total < 5:
        assert shown_total == PRIMARY
    assert not recoverable(shown, cells, shown_total)


def test_zero_and_large_counts_are_published_as_they_are():
    assert protect({"a": 0, "b": 12}, 12) == ({"a": 0, "b": 12}, 12)
    assert [cell(n) for n in (0, 1, 4, 5)] == [0, PRIMARY, PRIMARY, 5]
