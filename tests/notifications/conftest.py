import pytest

from opop.notifications.services import notify


@pytest.fixture
def with_email(staf, petugas_a, petugas_b, admin, pimpinan):
    """Every persona gets an e-mail address (the personas have none by default)."""
    for user in (staf, petugas_a, petugas_b, admin, pimpinan):
        user.email = f"{user.username}@opop.test"
        user.save(update_fields=["email"])


@pytest.fixture
def message_for(db):
    def make(user, judul="Rencana Dinas Kominfo 2024 menunggu verifikasi", tautan="/program/1/", kunci=""):
        return notify(recipients=[user], jenis="diajukan", judul=judul, tautan=tautan, kunci=kunci)[0]

    return make


@pytest.fixture
def submitted_plan_factory(petugas_a, opd_a):
    from programs.models import Status
    from tests.programs.factories import make_plan

    def make(jumlah_kegiatan=2):
        return make_plan(
            actor=petugas_a, opd=opd_a, tahun=2024, jumlah_kegiatan=jumlah_kegiatan, status=Status.DIAJUKAN
        )

    return make
