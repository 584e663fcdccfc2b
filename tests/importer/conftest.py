import pytest

from opop.common.importer.engine import run_import
from opop.common.importer.registry import get_spec
from tests.importer.data import nspp, to_csv

PESANTREN_HEADERS = ["NSPP", "Nama pesantren", "Kabupaten/kota", "Kecamatan", "Tipologi", "Tahun kohort OPOP"]


@pytest.fixture
def pesantren_nspps(db):
    """Twenty pesantren in Jombang, created through the importer itself."""
    rows = [[nspp(i), f"PP Uji {i}", "Jombang", "Diwek", "Salafiyah", 2021] for i in range(20)]
    result = run_import(get_spec("pesantren"), to_csv(PESANTREN_HEADERS, rows), "p.csv", actor=None, commit=True)
    assert result.committed, result.error_list()
    return [nspp(i) for i in range(20)]


@pytest.fixture
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT
