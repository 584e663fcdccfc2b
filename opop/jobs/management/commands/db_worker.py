"""`manage.py db_worker`: django-tasks-db's worker, plus what the portal needs around it — a heartbeat every few
seconds (so /healthz and the reaper know it is alive), jobs of dead workers marked failed, expired result files
purged, and the runs that go by themselves (nightly reconciliation, reminders) kept queued, at start and at every
housekeeping round, so a run lost with its worker is queued again. Our app is listed before django_tasks_db, so
this command is the one `manage.py db_worker` runs."""

import logging
import os
import threading
import time

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection
from django_tasks_db.management.commands import db_worker

from opop.jobs import runner, services

logger = logging.getLogger("django_tasks_db")


class Beat(threading.Thread):
    """Refreshes this worker's heartbeat row, also while a long job holds the main thread."""

    def __init__(self, worker_id):
        super().__init__(daemon=True, name="heartbeat")
        self.worker_id = worker_id
        self.stopped = threading.Event()

    def run(self):
        last_housekeeping = 0.0
        while not self.stopped.is_set():
            try:
                services.worker_beat(self.worker_id, os.getpid())
                if time.monotonic() - last_housekeeping > settings.WORKER_HOUSEKEEPING_SECONDS:
                    services.reap_orphans()
                    services.purge_expired()
                    services.ensure_scheduled()
                    last_housekeeping = time.monotonic()
            except DatabaseError as error:  # SQLite busy, a restart of PostgreSQL: try again next beat
                logger.warning("Heartbeat skipped: %s", type(error).__name__)
                close_old_connections()
            self.stopped.wait(settings.WORKER_HEARTBEAT_SECONDS)
        connection.close()


class Worker(db_worker.Worker):
    def run(self):
        runner.WORKER_ID = self.worker_id
        services.worker_beat(self.worker_id, os.getpid())
        services.reap_orphans()
        services.ensure_scheduled()  # the runs that go by themselves: reconciliation, reminders
        beat = Beat(self.worker_id)
        beat.start()
        try:
            super().run()
        finally:
            beat.stopped.set()
            try:
                services.worker_gone(self.worker_id)
            except DatabaseError:
                pass


class Command(db_worker.Command):
    help = "Pekerja latar: menjalankan pekerjaan di antrean basis data (impor, ekspor, rekap)."

    def handle(self, *args, **options):
        db_worker.Worker = Worker  # the parent's handle() builds its Worker by this name
        return super().handle(*args, **options)
