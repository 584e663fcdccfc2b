"""The navbar marks one entry as the current page: the most specific one."""

import pytest

from opop.navigation import nav_items_for


def _active(user, path):
    flat = []
    for item in nav_items_for(user, path):
        flat += item.get("children", [item])
    return [str(entry["label"]) for entry in flat if entry["active"]]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/program/fgd/3/", ["FGD"]),
        ("/program/12/", ["Program OPD"]),
        ("/", ["Beranda"]),
        ("/akun/kata-sandi/", []),
    ],
)
def test_one_entry_is_active_the_most_specific(staf, path, expected):
    assert _active(staf, path) == expected
