"""Small-cell suppression of person counts (santripreneur, sociopreneur, realisation in persons).

A count of 1 to 4 persons is published as "<5" (primary suppression). In a group of cells published with their
total (the 38 kab/kota of one year and their province total), the suppressed cells could be recovered as the total
minus the published cells; so further cells are hidden as "x" (secondary suppression, smallest first) until no
"<5" cell can be pinned to one value from the total and what is known of the hidden cells (a "<5" cell is 1–4, an
"x" cell at least 5). When even all cells do not suffice, the total is hidden too. Zero is published: it names no
one. The rule is stated in every dataset's metadata (opop/opendata/metadata.py)."""

import math

SMALL = 5
PRIMARY = "<5"
SECONDARY = "x"


def is_small(value):
    return isinstance(value, int) and 0 < value < SMALL


def cell(value):
    """One person count published alone (no total beside it)."""
    return PRIMARY if is_small(value) else value


def _pinned(hidden):
    """Whether a "<5" cell among `hidden` [(value, small)] is determined by their sum (total − published cells)."""
    known_sum = sum(value for value, _small in hidden)
    for i, (_value, small) in enumerate(hidden):
        if not small:
            continue
        others = [flag for j, (_v, flag) in enumerate(hidden) if j != i]
        low_others = sum(1 if flag else SMALL for flag in others)
        high_others = sum(SMALL - 1 for _flag in others) if all(others) else math.inf
        low = max(1, known_sum - high_others)
        high = min(SMALL - 1, known_sum - low_others)
        if high <= low:
            return True
    return False


def protect(cells, total):
    """cells: {key: count} of one group whose `total` is published beside them. Returns ({key: count, "<5" or "x"},
    the total or "<5"/"x")."""
    shown = {key: cell(value) for key, value in cells.items()}
    if is_small(total):
        return {key: PRIMARY if value else 0 for key, value in cells.items()}, PRIMARY
    hidden = [(value, True) for value in cells.values() if is_small(value)]
    if not hidden:
        return shown, total
    candidates = sorted((value, str(key), key) for key, value in cells.items() if value and not is_small(value))
    while _pinned(hidden):
        if not candidates:
            return shown, SECONDARY
        value, _name, key = candidates.pop(0)
        shown[key] = SECONDARY
        hidden.append((value, False))
    return shown, total
