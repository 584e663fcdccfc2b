import pytest

from opop.notifications.models import Notifikasi
from tests.access import LOGIN, assert_access

MATRIX = {"anonymous": LOGIN, "admin": 302, "staf": 302, "pimpinan": 302, "petugas_a": 302, "petugas_b": 302}


@pytest.mark.parametrize("persona", MATRIX)
def test_read_all_access(persona, as_persona, db):
    assert_access(as_persona(persona).post("/notifikasi/baca-semua/"), MATRIX[persona])


def test_read_all_touches_only_ones_own(as_persona, staf, petugas_a, message_for):
    message_for(staf)
    message_for(staf)
    other = message_for(petugas_a)
    as_persona("staf").post("/notifikasi/baca-semua/")
    assert Notifikasi.objects.filter(penerima=staf, dibaca_pada__isnull=True).count() == 0
    assert Notifikasi.objects.get(pk=other.pk).dibaca_pada is None
    staf.refresh_from_db()
    petugas_a.refresh_from_db()
    assert (staf.notifikasi_belum_dibaca, petugas_a.notifikasi_belum_dibaca) == (0, 1)


def test_get_is_not_allowed(as_persona, db):
    assert as_persona("staf").get("/notifikasi/baca-semua/").status_code == 405
