"""Shared fixtures: the personas of docs/STYLE.md, each a real user with its role group."""

import logging

import pytest
from django.core.management import call_command

from opop.accounts.models import PerangkatDaerah
from opop.accounts.roles import Role
from opop.accounts.services import user_create
from opop.imports.engine import run_import
from opop.imports.registry import get_spec

PASSWORD = "Persona-Sandi-2024!"


class _RawRecords(logging.Handler):
    """Keeps every record as the code emitted it, before any mask."""

    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.records = []

    def emit(self, record):
        text = record.getMessage()
        if record.exc_info:
            text += logging.Formatter().formatException(record.exc_info)
        self.records.append((record.name, text))


@pytest.fixture(autouse=True)
def no_personal_data_in_logs(request):
    """Over the whole suite (imports, exports, error paths included): no log record, message or traceback,
    carries a NIK-like or phone-like number, even before the production mask would have hidden it."""
    from opop.common.log_filters import mask_personal_data

    handler = _RawRecords()
    root = logging.getLogger()
    root.handlers.insert(0, handler)  # ahead of the masking console handler, which rewrites records in place
    yield
    root.removeHandler(handler)
    if request.node.get_closest_marker("logs_personal_data"):
        return
    leaks = []
    for name, text in handler.records:
        if mask_personal_data(text) != text:
            leaks.append(f"{name}: {mask_personal_data(text)[:200]}")
    assert not leaks, f"log records with personal data: {leaks[:3]}"


@pytest.fixture(autouse=True)
def portal_language_after_each_test():
    """A request in English leaves English active in the thread (LocaleMiddleware does not undo it); the next test,
    calling a service directly, would read English messages. Each test starts in the portal's language."""
    from django.conf import settings
    from django.utils import translation

    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def reference_data_after_flush(request):
    """Transactional tests (live server, fault injection) start from a flushed database: reload the
    reference data the migrations gave (wilayah, OPD, roles, indicators, categories)."""
    marker = request.node.get_closest_marker("django_db")
    transactional = marker is not None and marker.kwargs.get("transaction", False)
    if transactional or {"transactional_db", "live_server"} & set(request.fixturenames):
        request.getfixturevalue("transactional_db")
        call_command("load_reference_data", verbosity=0)


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


@pytest.fixture
def as_persona(client, request, db):
    """as_persona("staf") -> a test client logged in as that persona (anonymous: not logged in)."""

    def login(name):
        if name != "anonymous":
            client.force_login(request.getfixturevalue(name))
        return client

    return login


PESANTREN_HEADERS = ["NSPP", "Nama pesantren", "Kabupaten/kota", "Kecamatan", "Tipologi", "Tahun kohort OPOP"]


@pytest.fixture
def pesantren_nspps(db):
    """Twenty pesantren in Jombang, created through the importer itself."""
    from tests.importer.data import nspp, to_csv

    rows = [[nspp(i), f"PP Uji {i}", "Jombang", "Diwek", "Salafiyah", 2021] for i in range(20)]
    result = run_import(get_spec("pesantren"), to_csv(PESANTREN_HEADERS, rows), "p.csv", actor=None, commit=True)
    assert result.committed, result.error_list()
    return [nspp(i) for i in range(20)]


@pytest.fixture
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT
