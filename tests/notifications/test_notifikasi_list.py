import pytest

from tests.access import LOGIN, assert_access

MATRIX = {"anonymous": LOGIN, "admin": 200, "staf": 200, "pimpinan": 200, "petugas_a": 200, "petugas_b": 200}


@pytest.mark.parametrize("persona", MATRIX)
def test_inbox_access(persona, as_persona, db):
    assert_access(as_persona(persona).get("/notifikasi/"), MATRIX[persona])


def test_the_inbox_shows_only_ones_own_messages(as_persona, staf, petugas_a, message_for):
    message_for(staf, judul="Untuk Bob")
    message_for(petugas_a, judul="Untuk Dina")
    html = as_persona("petugas_a").get("/notifikasi/").content.decode()
    assert "Untuk Dina" in html and "Untuk Bob" not in html


def test_the_bell_shows_the_unread_count_on_every_page(as_persona, staf, message_for):
    message_for(staf)
    message_for(staf)
    html = as_persona("staf").get("/program/").content.decode()
    assert 'data-unread="2"' in html


def test_the_bell_costs_no_query(as_persona, staf, message_for):
    """The count lives on the user row the session already loads."""
    client = as_persona("staf")
    client.get("/notifikasi/")
    before = _queries(client, "/indikator/")
    message_for(staf)
    assert _queries(client, "/indikator/") == before


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_the_inbox_keeps_a_bounded_query_count(as_persona, staf, message_for):
    client = as_persona("staf")
    message_for(staf)
    few = _queries(client, "/notifikasi/")
    for i in range(25):
        message_for(staf, judul=f"Pesan {i}")
    assert _queries(client, "/notifikasi/") == few


def test_an_empty_inbox_says_so(as_persona, db):
    assert "Belum ada notifikasi." in as_persona("pimpinan").get("/notifikasi/").content.decode()
