"""The database connection dies in the middle of an import commit (PostgreSQL): nothing partial is left, the
officer sees a clear message, and pressing the button again succeeds."""

from unittest import mock

import psycopg
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from opop.imports import bulk
from opop.imports.models import ImportBatch
from opop.imports.services import import_preview
from pesantren.models import Santripreneur
from tests.importer.data import SANTRI_HEADERS, santri_rows, to_csv

pytestmark = pytest.mark.django_db(transaction=True)


def _kill_own_connection():
    """Terminate this Django connection's backend from a second connection, as a network cut would."""
    pid = connection.connection.info.backend_pid
    db = settings.DATABASES["default"]
    with psycopg.connect(
        dbname=connection.settings_dict["NAME"],
        user=db["USER"],
        password=db["PASSWORD"],
        host=db["HOST"],
        port=db["PORT"] or 5432,
        autocommit=True,
    ) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="fault injection needs PostgreSQL (CI runs it there)")
def test_connection_lost_mid_commit_leaves_nothing_and_retry_succeeds(pesantren_nspps, staf, client, private_media):
    rows = santri_rows(3000, pesantren_nspps)
    upload = SimpleUploadedFile("santri.csv", to_csv(SANTRI_HEADERS, rows), content_type="text/csv")
    batch = import_preview(actor=staf, kind="santripreneur", uploaded_file=upload)
    client.force_login(staf)

    real_end = bulk.CreatedStream.end
    calls = []

    def copy_then_cut(stream, *exc):
        stored = stream.copy is not None
        real_end(stream, *exc)  # the records are in (inside the transaction) ...
        if stored and not calls:
            calls.append((stream.model._meta.db_table, stream.stored))
            _kill_own_connection()  # ... and the connection dies before the tallies and the batch's own row

    with mock.patch.object(bulk.CreatedStream, "end", copy_then_cut):
        response = client.post(f"/impor/batch/{batch.pk}/tulis/", follow=True)
    # Stored while checked, in one COPY; the batch is their audit record: no history COPY (issue 32).
    assert calls == [("pesantren_santripreneur", 3000)]
    assert "Koneksi ke basis data terputus" in response.content.decode()
    assert Santripreneur.objects.count() == 0
    assert Santripreneur.history.count() == 0
    assert ImportBatch.objects.get(pk=batch.pk).status == "previewed"

    response = client.post(f"/impor/batch/{batch.pk}/tulis/", follow=True)
    assert "Impor selesai: 3000 data baru" in response.content.decode()
    assert Santripreneur.objects.filter(import_batch=batch).count() == 3000
    assert Santripreneur.history.count() == 0
