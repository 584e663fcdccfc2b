"""docs/DEPLOY.md's nginx block serves only product photos from disk; evidence and other uploads cannot leak."""

import re
from pathlib import Path

from django.conf import settings

from products.models import PHOTO_DIR, photo_path
from programs.models import Realisasi

DEPLOY = Path(__file__).resolve().parent.parent / "docs" / "DEPLOY.md"


def _nginx_block():
    blocks = re.findall(r"```nginx\n(.*?)```", DEPLOY.read_text(encoding="utf-8"), flags=re.S)
    assert len(blocks) == 1, "DEPLOY.md should have exactly one nginx block"
    return re.sub(r"#[^\n]*", "", blocks[0])  # without comments


def _prefix_locations(config):
    """Prefix `location` paths (regex locations are nested filters, not paths)."""
    return re.findall(r"location\s+(?:\^~\s+|=\s+)?(/[^\s{]*)\s*\{", config)


def test_the_only_files_nginx_serves_from_disk_are_product_photos():
    config = _nginx_block()
    file_directives = re.findall(r"\b(alias|root)\s+([^;]+);", config)
    assert file_directives == [("alias", f"/srv/opop/media/{PHOTO_DIR}")]
    media = f"/{settings.MEDIA_URL.strip('/')}/"
    assert [path for path in _prefix_locations(config) if path.startswith(media)] == [f"{media}{PHOTO_DIR}"]
    assert "/" in _prefix_locations(config)  # everything else goes to the app, which checks access
    assert "private" not in " ".join(value for _kind, value in file_directives)


def test_photos_are_stored_where_nginx_serves_them_and_evidence_is_not():
    assert photo_path(None, "x.jpg") == f"{PHOTO_DIR}x.jpg"
    evidence = Realisasi._meta.get_field("bukti")
    assert evidence.storage.location.rstrip("/") == str(Path(settings.PRIVATE_MEDIA_ROOT).resolve()).rstrip("/")
    assert not evidence.generate_filename(None, "x.pdf").startswith(PHOTO_DIR)


def test_postgresqls_own_log_is_told_to_leave_row_values_out():
    """A refused statement's DETAIL quotes the row (a NIK); the documented server settings drop it and the statement."""
    text = DEPLOY.read_text(encoding="utf-8")
    assert "log_error_verbosity = 'terse'" in text and "log_min_error_statement = 'panic'" in text
