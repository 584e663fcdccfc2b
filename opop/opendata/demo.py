"""The demo's first published version of the open data, so the public section has files to download."""

from opop.accounts.models import User
from opop.opendata.selectors import publikasi_latest
from opop.opendata.services import publikasi_create, publikasi_preview


def seed_demo_publikasi():
    """Publish version 1 as the demo Staf; idempotent (a database with a version keeps it)."""
    if publikasi_latest() is not None:
        return
    staf = User.objects.get(username="staf")
    publikasi_create(actor=staf, catatan="Versi pertama dari data demo.", sidik=publikasi_preview().sidik)
