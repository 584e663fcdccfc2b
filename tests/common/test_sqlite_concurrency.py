"""SQLite, the embedded default of `make run`, with a page and the worker writing at once: nobody gets "database is
locked". Two threads, each on its own connection to one database file, start a transaction at the same moment,
read, then write (what a form save and a job step do). With the settings' SQLITE_OPTIONS all writes land; with
SQLite's default (a read that later wants to write) the second writer fails at once, which this shows too."""

import threading

import pytest
from django.conf import settings
from django.db import OperationalError, connections, transaction

ROUNDS = 60


@pytest.fixture
def sqlite_file(tmp_path, django_db_blocker):
    """Registers a database alias on a fresh file; yields a function that gives it these OPTIONS."""
    aliases = []

    def configure(options):
        alias = f"race{len(aliases)}"
        database = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / f"{alias}.sqlite3"), **options}
        configured = connections.configure_settings({"default": settings.DATABASES["default"], alias: database})
        connections.settings[alias] = configured[alias]
        aliases.append(alias)
        with connections[alias].cursor() as cursor:
            cursor.execute("CREATE TABLE catatan (id INTEGER PRIMARY KEY, penulis TEXT)")
        connections[alias].close()
        return alias

    with django_db_blocker.unblock():
        yield configure
    for alias in aliases:
        connections[alias].close()
        del connections[alias]
        del connections.settings[alias]


def _read_then_write(alias, name, start, errors, *, pause=None):
    try:
        for _ in range(ROUNDS if pause is None else 1):
            start.wait()
            try:
                with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
                    cursor.execute("SELECT COUNT(*) FROM catatan")
                    if pause is not None:
                        pause.wait()  # both have read before either writes
                    cursor.execute("INSERT INTO catatan (penulis) VALUES (%s)", [name])
            except OperationalError as error:
                errors.append(str(error))
    finally:
        connections[alias].close()


def _race(alias, *, pause=None):
    start, errors = threading.Barrier(2), []
    threads = [
        threading.Thread(target=_read_then_write, args=(alias, name, start, errors), kwargs={"pause": pause})
        for name in ("halaman", "pekerja")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM catatan")
        written = cursor.fetchone()[0]
    return written, errors


def test_two_writers_at_once_both_land_with_the_portals_options(sqlite_file):
    alias = sqlite_file({"OPTIONS": settings.SQLITE_OPTIONS})
    with connections[alias].cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
    written, errors = _race(alias)
    assert errors == [] and written == 2 * ROUNDS


def test_with_sqlites_default_the_second_writer_is_refused(sqlite_file):
    """The failure the options prevent, made certain: both read, then both write."""
    alias = sqlite_file({"OPTIONS": {"timeout": 1}})
    written, errors = _race(alias, pause=threading.Barrier(2, timeout=5))
    assert written == 1 and errors == ["database is locked"]


def test_the_embedded_default_uses_them():
    """Without DATABASE_URL the portal runs on SQLite with these options (the CI run on PostgreSQL skips this)."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("PostgreSQL run")
    assert {k: database["OPTIONS"][k] for k in settings.SQLITE_OPTIONS} == settings.SQLITE_OPTIONS
