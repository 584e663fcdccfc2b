"""Our stylesheets are well formed: an unclosed block silently moves every later rule inside it (an open
`@media (max-width: 767.98px)` kept the unread-notification border and the API guide's code colour to phones)."""

import re
from pathlib import Path

import pytest

CSS = sorted((Path(__file__).resolve().parents[2] / "static" / "css").glob("*.css"))


@pytest.mark.parametrize("path", CSS, ids=lambda p: p.name)
def test_every_block_is_closed(path):
    text = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)
    depth = 0
    for number, line in enumerate(text.splitlines(), start=1):
        depth += line.count("{") - line.count("}")
        assert depth >= 0, f"{path.name} line {number}: a closing brace too many"
    assert depth == 0, f"{path.name}: {depth} block(s) left open"
