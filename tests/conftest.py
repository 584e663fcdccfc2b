"""Shared fixtures: the personas of docs/STYLE.md, each a real user with its role group."""

import contextlib
import logging
import sys

import pytest
from django.core.management import call_command
from django.db import transaction

from opop.accounts.models import PerangkatDaerah
from opop.accounts.roles import Role
from opop.accounts.services import user_create
from opop.imports.engine import run_import
from opop.imports.registry import get_spec

PASSWORD = "Persona-Sandi-2024!"

# Under pytest-xdist (`make test` runs `-n auto`) the heavy tests run in two units, each on one worker, one test
# after another: the site checks (one module fixture crawls the whole site in Chromium: built once only if the module
# stays on one worker), and the other browser journeys (a live server plus Chromium each) with the tests that start
# real `db_worker` processes. Within a unit they never compete with each other; every other test is a unit of its own
# (as `--dist load`). Units are handed out in collection order, which is pytest-django's (as Django's runner):
# transactional tests after the others, since their flush empties the worker's database of the reference data the
# migrations loaded; so a worker runs no ordinary database test after a transactional one.
# (xdist's own `--dist loadgroup` reads groups from a node id suffix that pytest 9 no longer keeps.)
SITE_CHECKS = "tests/e2e/test_site_checks.py"
REAL_WORKER_MODULES = {"tests/jobs/test_worker_faults.py"}  # and tests/e2e/test_jobs_journey.py, a browser test


def xdist_unit(nodeid):
    module = nodeid.split("::", 1)[0]
    if module == SITE_CHECKS:
        return "site-checks"
    if module.startswith("tests/e2e/") or module in REAL_WORKER_MODULES:  # tests/e2e holds every browser test
        return "journeys-and-workers"
    return nodeid


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "load":
        return None  # an explicit --dist other than load is obeyed
    from xdist.scheduler import LoadScopeScheduling

    class UnitScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            return xdist_unit(nodeid)

    config.option.loadscopereorder = False  # collection order, not the largest units first (see above)
    return UnitScheduling(config, log)


@pytest.hookimpl(tryfirst=True)  # before pytest-django's sort, which keeps this order within its groups
def pytest_collection_modifyitems(config, items):
    first = {}
    for index, item in enumerate(items):
        first.setdefault(item.nodeid.split("::", 1)[0], index)
    # In each module, the tests on a module's shared data (see module_data) run after the others, so no test that
    # did not ask for that data ever sees it (stable sort: the order is otherwise unchanged).
    items.sort(key=lambda item: (first[item.nodeid.split("::", 1)[0]], bool(SHARED & set(item.fixturenames))))


# Data sets built once per module (module_data) instead of once per test: their fixture names, and those whose data
# is in the database at this moment.
SHARED = set()
SHARED_LIVE = set()


def module_data(build):
    """A module-scoped fixture named after `build` (plus "_once"): build() runs once per test module, inside a
    transaction that is rolled back when the module's last test is done. Each test still runs in its own savepoint
    on top of it (pytest-django's `db`), so a test that changes the data leaves the next one a fresh copy.

    Rules, checked: only non-transactional tests may use it, and a test that does not ask for it never runs while it
    is in the database (pytest_collection_modifyitems orders those first; the autouse guard fails otherwise). What
    build() logs is held to the same no-personal-data rule as a test's logs. build() returns what the per-test
    fixture needs to reload fresh objects (primary keys), not objects for tests to share."""
    name = f"{build.__name__}_once"
    SHARED.add(name)

    @pytest.fixture(scope="module", name=name)
    def fixture(django_db_setup, django_db_blocker):
        with django_db_blocker.unblock():
            atomic = transaction.atomic()
            atomic.__enter__()
            try:
                with _personal_data_checked(exempt=False):
                    data = build()
            except BaseException:
                atomic.__exit__(*sys.exc_info())
                raise
        SHARED_LIVE.add(name)
        try:
            yield data
        finally:
            SHARED_LIVE.discard(name)
            with django_db_blocker.unblock():
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)

    return fixture


DB_FIXTURES = {"db", "transactional_db", "live_server", "django_db_reset_sequences", "django_db_serialized_rollback"}


@pytest.fixture(autouse=True)
def _module_data_guard(request):
    marker = request.node.get_closest_marker("django_db")
    if not SHARED_LIVE or (marker is None and not DB_FIXTURES & set(request.fixturenames)):
        return  # no shared data, or a test that cannot reach the database
    unasked = SHARED_LIVE - set(request.fixturenames)
    assert not unasked, f"{request.node.nodeid} would run on the module's shared data {unasked} it did not ask for"
    transactional = marker is not None and marker.kwargs.get("transaction", False)
    assert not transactional, "a transactional test cannot run inside a module's shared data transaction"


# What the site checks counted (tests/e2e/test_site_checks.py appends to tests.e2e.conftest.SUMMARY). Under xdist
# the tests run in worker processes: each test's new lines ride on its report (user_properties) to the process
# that prints the terminal summary.
SUMMARY_KEY = "site_checks_summary"
SHOWN = []


@pytest.fixture(autouse=True)
def _relay_summary(request):
    yield
    from tests.e2e.conftest import SUMMARY

    while SUMMARY:
        request.node.user_properties.append((SUMMARY_KEY, SUMMARY.pop(0)))


# Schemathesis's summary of the API run (tests/api/test_api_schemathesis.py) rides the same way.
FUZZ_KEY = "schemathesis_summary"
FUZZ_SHOWN = []


def pytest_runtest_logreport(report):
    if report.when in ("call", "teardown"):
        FUZZ_SHOWN.extend(value for key, value in report.user_properties if key == FUZZ_KEY and value not in FUZZ_SHOWN)
    if report.when == "teardown":
        SHOWN.extend(value for key, value in report.user_properties if key == SUMMARY_KEY)


def pytest_terminal_summary(terminalreporter):
    if SHOWN:
        terminalreporter.section("site checks (tests/e2e/test_site_checks.py)")
        for line in SHOWN:
            terminalreporter.write_line(line)
    if FUZZ_SHOWN:
        terminalreporter.section("Schemathesis (tests/api/test_api_schemathesis.py)")
        for text in FUZZ_SHOWN:
            terminalreporter.write_line(text)


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
    with _personal_data_checked(exempt=bool(request.node.get_closest_marker("logs_personal_data"))):
        yield


@contextlib.contextmanager
def _personal_data_checked(exempt):
    from opop.common.log_filters import mask_personal_data

    handler = _RawRecords()
    root = logging.getLogger()
    root.handlers.insert(0, handler)  # ahead of the masking console handler, which rewrites records in place
    try:
        yield
    finally:
        root.removeHandler(handler)
    if exempt:
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
    if SHARED_LIVE:  # the module's shared data may hold the personas already (the same users, fetched fresh)
        from opop.accounts.models import User

        existing = User.objects.filter(username=username).first()
        if existing is not None:
            return existing
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
