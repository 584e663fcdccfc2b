"""Real `manage.py db_worker` processes against the test database (PostgreSQL: a second process cannot reach
SQLite's in-memory test database). The test process enqueues through the database backend as the web does."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from pesantren.models import Santripreneur
from tests.pesantren.conftest import make_pesantren

BASE_DIR = Path(__file__).resolve().parents[2]
needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="real workers need PostgreSQL (CI runs them there)"
)


def database_url():
    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def real_queue(settings, private_media, transactional_db):
    """Jobs go on the database queue (not run inline); workers beat fast and go stale fast."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.WORKER_STALE_SECONDS = 3
    settings.WORKER_HEARTBEAT_SECONDS = 0.5
    return settings


@pytest.fixture
def start_worker(real_queue, tmp_path):
    """start_worker("w1") -> a running db_worker process; all are stopped (SIGTERM, then SIGKILL) afterwards."""
    processes = []

    def start(worker_id, *extra):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "opop.settings",
            "DEBUG": "False",
            "SECRET_KEY": "test-worker-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
            "DATABASE_URL": database_url(),
            "CONN_MAX_AGE": "0",
            "PRIVATE_MEDIA_ROOT": str(real_queue.PRIVATE_MEDIA_ROOT),
            "WORKER_STALE_SECONDS": str(real_queue.WORKER_STALE_SECONDS),
            "WORKER_HEARTBEAT_SECONDS": str(real_queue.WORKER_HEARTBEAT_SECONDS),
            "EMAIL_URL": "smtp://127.0.0.1:25",  # production settings demand a mail server; no job here mails
        }
        log = open(tmp_path / f"{worker_id}.log", "w")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--no-reload",
                "--no-startup-delay",
                "--interval",
                "0.1",
                "--queue-name",
                "*",
                "--worker-id",
                worker_id,
                *extra,
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        processes.append((process, log))
        return process

    yield start
    for process, log in processes:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log.close()


def wait_for(predicate, timeout=60, step=0.1, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


@pytest.fixture
def people(db):
    """Twelve santri with full personal data (NIK, birth date, phone) in one pesantren."""
    pesantren = make_pesantren(nspp="510035170901", nama="PP Uji")  # not one of pesantren_nspps
    rows = [
        Santripreneur(
            nama=f"Santri {i}",
            nik=f"3517{i:012d}",
            jenis_kelamin="P",
            tanggal_lahir="1990-01-01",
            telepon="081234567890",
            pesantren=pesantren,
            bidang_usaha="=SUM(A1)",
            tahun_terdaftar=2023,
        )
        for i in range(12)
    ]
    for person in rows:
        person.nama_normal = person.nama.lower()
    Santripreneur.objects.bulk_create(rows)
    return rows
