"""The documented backup/restore procedure round-trips a seeded database: same tables, row counts, checksums."""

import shutil
import sqlite3
import subprocess
import uuid

import psycopg
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from opop.common.backup import table_fingerprints

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def seeded(pesantren_nspps):
    call_command("seed_demo", allow_production=True)
    from opop.imports.engine import run_import
    from opop.imports.registry import get_spec
    from tests.importer.data import SANTRI_HEADERS, santri_rows, to_csv

    run_import(
        get_spec("santripreneur"),
        to_csv(SANTRI_HEADERS, santri_rows(200, pesantren_nspps)),
        "s.csv",
        actor=None,
        commit=True,
    )


def _pg_env():
    db = settings.DATABASES["default"]
    return {"PGPASSWORD": db["PASSWORD"], "PGHOST": db["HOST"], "PGPORT": str(db["PORT"] or 5432), "PGUSER": db["USER"]}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump/pg_restore round trip runs on PostgreSQL")
@pytest.mark.skipif(not shutil.which("pg_dump"), reason="pg_dump not installed")
def test_pg_dump_and_pg_restore_round_trip(seeded, tmp_path):
    import os

    env = {**os.environ, **_pg_env()}
    source = connection.settings_dict["NAME"]
    target = f"restore_{uuid.uuid4().hex[:8]}"
    dump = tmp_path / "opop.dump"
    subprocess.run(["pg_dump", "-Fc", "-f", str(dump), source], check=True, env=env)
    subprocess.run(["createdb", target], check=True, env=env)
    try:
        subprocess.run(["pg_restore", "--no-owner", "-d", target, str(dump)], check=True, env=env)
        connection.ensure_connection()
        before = table_fingerprints(connection.connection)
        db = settings.DATABASES["default"]
        with psycopg.connect(
            dbname=target, user=db["USER"], password=db["PASSWORD"], host=db["HOST"], port=db["PORT"] or 5432
        ) as restored:
            after = table_fingerprints(restored)
    finally:
        subprocess.run(["dropdb", "--if-exists", target], check=True, env=env)
    assert before["pesantren_santripreneur"][0] >= 200
    assert after == before


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite procedure is for the embedded database")
def test_sqlite_backup_round_trip(seeded, tmp_path):
    connection.ensure_connection()
    copy_path = tmp_path / "backup.sqlite3"
    with sqlite3.connect(copy_path) as target:
        connection.connection.backup(target)
    before = table_fingerprints(connection.connection)
    with sqlite3.connect(copy_path) as restored:
        after = table_fingerprints(restored)
    assert before["pesantren_santripreneur"][0] >= 200
    assert after == before
