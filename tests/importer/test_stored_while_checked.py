"""The write job checks and stores at once on PostgreSQL (issue 32, engine.check_while_writing): each new record
goes into one open COPY as soon as it is built, so the server stores while Python checks. Still all or nothing."""

from unittest import mock

import psycopg
import pytest
from django.db import connection

from opop.imports import bulk
from opop.imports.engine import run_import, streams
from opop.imports.models import ImportBatch
from opop.imports.registry import get_spec
from pesantren.models import Pesantren, Santripreneur
from tests.conftest import PESANTREN_HEADERS
from tests.importer.data import SANTRI_HEADERS, nspp, santri_rows, to_csv

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")


def _batch(kind, actor):
    return ImportBatch.objects.create(kind=kind, original_name="f.csv", uploaded_by=actor)


def _write(kind, data, actor, batch=None, **options):
    """The write job's engine call: commit, with a batch (the records it creates carry it)."""
    batch = batch or _batch(kind, actor)
    return run_import(get_spec(kind), data, "f.csv", actor=actor, commit=True, batch=batch, **options)


def _copies():
    """Counts the COPY statements a run ends (a query of the check made while one is open ends it early)."""
    ended, real_end = [], bulk.CreatedStream.end

    def end(stream, *exc):
        if stream.copy is not None:
            ended.append(stream.stored)
        real_end(stream, *exc)

    return ended, mock.patch.object(bulk.CreatedStream, "end", end)


@pytest.mark.parametrize("kind", ["santripreneur", "pesantren", "sociopreneur"])
def test_the_registry_kinds_stream_with_a_batch_and_the_others_do_not(kind, staf):
    assert streams(get_spec(kind), _batch(kind, staf))
    assert not streams(get_spec(kind), None)  # a script or the command line: check, then write


def test_three_hundred_people_are_stored_in_one_copy_while_checked(pesantren_nspps, staf):
    batch = _batch("santripreneur", staf)
    ended, counting = _copies()
    with counting:
        result = _write("santripreneur", to_csv(SANTRI_HEADERS, santri_rows(300, pesantren_nspps)), staf, batch)
    assert result.committed and result.counts["create"] == 300
    assert ended == [300]  # no query of the check interrupted the COPY
    assert Santripreneur.objects.filter(import_batch=batch).count() == 300
    assert Santripreneur.history.count() == 0  # the batch is their audit record


def test_pesantren_are_stored_while_checked_too(staf):
    batch = _batch("pesantren", staf)
    rows = [[nspp(i), f"PP Alir {i}", "Jombang", "Diwek", "Salafiyah", 2021] for i in range(40)]
    ended, counting = _copies()
    with counting:
        result = _write("pesantren", to_csv(PESANTREN_HEADERS, rows), staf, batch)
    assert result.committed and ended == [40]
    assert Pesantren.objects.filter(import_batch=batch).count() == 40


def test_a_bad_last_row_rolls_back_the_rows_already_stored(pesantren_nspps, staf):
    rows = santri_rows(200, pesantren_nspps)
    rows[-1][3] = "31-02-2004"  # no such date: found after 199 rows went into the COPY
    ended, counting = _copies()
    with counting:
        result = _write("santripreneur", to_csv(SANTRI_HEADERS, rows), staf)
    assert not result.committed and result.counts["invalid"] == 1 and ended == [199]
    assert Santripreneur.objects.count() == 0


def test_a_row_found_after_the_copy_began_to_repeat_another_rolls_back_everything(pesantren_nspps, staf):
    rows = santri_rows(50, pesantren_nspps)
    rows.append(list(rows[10]))  # the same person again at the end of the file
    result = _write("santripreneur", to_csv(SANTRI_HEADERS, rows), staf)
    assert not result.committed and "sama dengan baris 12" in result.rows[-1].errors[0][1]
    assert Santripreneur.objects.count() == 0


def test_an_unconfirmed_rename_stores_nothing(pesantren_nspps, staf):
    rows = [[pesantren_nspps[0], "Nama Lain Sama Sekali", "Jombang", "Diwek", "Salafiyah", 2021]]
    rows += [[nspp(100 + i), f"PP Baru {i}", "Jombang", "Diwek", "Salafiyah", 2021] for i in range(5)]
    batch = _batch("pesantren", staf)
    result = _write("pesantren", to_csv(PESANTREN_HEADERS, rows), staf, batch)
    assert not result.committed and result.confirmations
    assert "perlu konfirmasi" in str(result.file_errors[-1])
    assert not Pesantren.objects.filter(import_batch=batch).exists()
    confirmed = _write("pesantren", to_csv(PESANTREN_HEADERS, rows), staf, batch, confirmed=True)
    assert confirmed.committed and Pesantren.objects.filter(import_batch=batch).count() == 5
    assert Pesantren.objects.get(nspp=pesantren_nspps[0]).nama == "Nama Lain Sama Sekali"


def test_a_copy_abandoned_on_an_error_tells_the_server_nothing_of_the_rows(pesantren_nspps, staf):
    """psycopg sends an abandoned COPY's reason to the server, whose log would keep it: the stream says only that
    the import stopped, never the error (which may quote a row), and nothing is stored."""
    spec = get_spec("santripreneur")
    real_build, real_finish, built, told = type(spec).build, psycopg.Copy.finish, [], []

    def build_then_fail(self, row, ctx):
        real_build(self, row, ctx)
        built.append(row.number)
        if len(built) == 20:
            raise RuntimeError("Santri Nomor 19 3517000000000019")

    def finish(copy, exc=None):
        told.append(str(exc))
        return real_finish(copy, exc)

    with mock.patch.object(type(spec), "build", build_then_fail), mock.patch.object(psycopg.Copy, "finish", finish):
        with pytest.raises(RuntimeError):
            _write("santripreneur", to_csv(SANTRI_HEADERS, santri_rows(40, pesantren_nspps)), staf)
    assert told == [str(bulk.ImportStopped())] and "3517" not in told[0]
    assert Santripreneur.objects.count() == 0
