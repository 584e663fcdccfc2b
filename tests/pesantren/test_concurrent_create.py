"""A santripreneur created through the form while an import writes the same new NIK (PostgreSQL, two connections):
the form waits for the import's lock on new keys, then says the NIK is taken. Before, it validated against a table
without the import's uncommitted row, reached the unique index and failed with an error that quotes the NIK in
PostgreSQL's log."""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from opop.common.concurrency import lock_unique_keys
from pesantren.models import Santripreneur
from tests.pesantren.conftest import make_pesantren, make_santri

NIK = "3517014708040001"
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="two connections at once need PostgreSQL"),
]


def _someone_waits_for_an_advisory_lock(deadline=20.0):
    """Poll pg_locks (a condition, with a deadline) until a session of this database waits for an advisory lock."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                "WHERE l.locktype = 'advisory' AND NOT l.granted AND a.datname = current_database()"
            )
            if cursor.fetchone()[0]:
                return True
    return False


def test_a_form_create_waits_for_an_import_writing_the_same_nik():
    pesantren = make_pesantren()
    import_holds_the_lock, write_now = threading.Event(), threading.Event()
    outcome = {}

    def import_writing():  # what engine.claim_new_keys and the COPY do, in one transaction
        try:
            with transaction.atomic():
                lock_unique_keys(Santripreneur)
                import_holds_the_lock.set()
                write_now.wait(timeout=30)
                make_santri(pesantren, nama="Siti Aminah", nik=NIK, jenis_kelamin="P")
        finally:
            connection.close()

    def form_create():
        try:
            make_santri(pesantren, nama="Siti Aminah", nik=NIK, jenis_kelamin="P")
            outcome["form"] = "saved"
        except ValidationError as error:
            outcome["form"] = " ".join(error.messages)
        except IntegrityError:
            outcome["form"] = "IntegrityError"
        finally:
            connection.close()

    importer = threading.Thread(target=import_writing)
    importer.start()
    assert import_holds_the_lock.wait(timeout=30)
    form = threading.Thread(target=form_create)
    form.start()
    waited = _someone_waits_for_an_advisory_lock()
    write_now.set()
    importer.join()
    form.join()
    assert waited, "the form's create did not wait for the import's lock"
    assert outcome == {"form": "Santripreneur dengan NIK telah ada."}  # the form's own message, no database error
    assert Santripreneur.objects.filter(nik=NIK).count() == 1
