"""Shared fixtures: the personas of STYLE.md, each a real user with its role group."""

import pytest

from opop.accounts.models import PerangkatDaerah
from opop.accounts.roles import Role
from opop.accounts.services import user_create

PASSWORD = "Persona-Sandi-2024!"


@pytest.fixture
def opd_a(db):
    return PerangkatDaerah.objects.get(kode="kominfo")


@pytest.fixture
def opd_b(db):
    return PerangkatDaerah.objects.get(kode="dindik")


def _make(username, role, opd=None):
    return user_create(username=username, password=PASSWORD, role=role, opd=opd, first_name=username.title())


@pytest.fixture
def admin(db):
    return _make("alice", Role.ADMIN)


@pytest.fixture
def staf(db):
    return _make("bob", Role.STAF_DISKOP, PerangkatDaerah.objects.get(kode="diskop-ukm"))


@pytest.fixture
def pimpinan(db):
    return _make("charlie", Role.PIMPINAN)


@pytest.fixture
def petugas_a(opd_a):
    return _make("dina", Role.PETUGAS_OPD, opd_a)


@pytest.fixture
def petugas_b(opd_b):
    return _make("eko", Role.PETUGAS_OPD, opd_b)


PERSONAS = ["anonymous", "admin", "staf", "pimpinan", "petugas_a", "petugas_b"]


@pytest.fixture
def as_persona(client, request, db):
    """as_persona("staf") -> a test client logged in as that persona (anonymous: not logged in)."""

    def login(name):
        if name != "anonymous":
            client.force_login(request.getfixturevalue(name))
        return client

    return login
