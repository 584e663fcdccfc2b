"""Threads on a plan and its kegiatan: Diskop writes, the OPD answers in the same thread, the other side is told;
nobody else writes, and a bad comment saves nothing (issue 14)."""

import pytest

from opop.notifications.models import Notifikasi
from programs.models import Komentar
from tests.access import LOGIN, assert_access
from tests.programs.factories import first_kegiatan

# POST /program/<pk>/komentar/ on OPD A's submitted plan.
MATRIX = {"anonymous": LOGIN, "admin": 302, "staf": 302, "pimpinan": 403, "petugas_a": 302, "petugas_b": 404}


@pytest.mark.parametrize("persona", MATRIX)
def test_komentar_create_access(persona, as_persona, submitted_a):
    response = as_persona(persona).post(f"/program/{submitted_a.pk}/komentar/", {"isi": "Periksa target"})
    assert_access(response, MATRIX[persona])
    assert Komentar.objects.exists() == (MATRIX[persona] == 302)


def test_diskop_comments_on_a_line_and_the_officer_answers_in_the_thread(as_persona, submitted_a, staf, petugas_a):
    line = first_kegiatan(submitted_a)
    response = as_persona("staf").post(
        f"/program/{submitted_a.pk}/komentar/", {"kegiatan": line.pk, "isi": "Target No. 1 terlalu tinggi"}
    )
    root = Komentar.objects.get()
    assert response["Location"] == f"/program/{submitted_a.pk}/#komentar-{root.pk}"
    assert (root.kegiatan, root.penulis, root.induk) == (line, staf, None)
    told = Notifikasi.objects.get(penerima=petugas_a)
    assert told.judul == "Komentar baru pada kegiatan No. 1 rencana Dinas Kominfo 2024"
    assert told.tautan == f"/program/{submitted_a.pk}/#komentar-{root.pk}"

    as_persona("petugas_a").post(
        f"/program/{submitted_a.pk}/komentar/", {"induk": root.pk, "isi": "Sudah kami turunkan"}
    )
    reply = Komentar.objects.exclude(pk=root.pk).get()
    assert (reply.induk, reply.kegiatan) == (root, line)  # in the same thread, about the same line
    assert Notifikasi.objects.filter(penerima=staf, jenis="komentar").count() == 1
    html = as_persona("staf").get(submitted_a.get_absolute_url()).content.decode()
    assert "Target No. 1 terlalu tinggi" in html and "Sudah kami turunkan" in html


@pytest.mark.parametrize(
    "data", [{"isi": ""}, {"isi": "   "}, {"isi": "x" * 2001}, {"isi": "ok", "kegiatan": "999999"}]
)
def test_a_bad_comment_saves_nothing(data, as_persona, submitted_a):
    response = as_persona("staf").post(f"/program/{submitted_a.pk}/komentar/", data, follow=True)
    assert not Komentar.objects.exists()
    assert response.redirect_chain[-1][0] == f"/program/{submitted_a.pk}/#komentar"


def test_a_line_or_thread_of_another_plan_is_refused(as_persona, submitted_a, petugas_b, opd_b, staf):
    from programs.services import komentar_add
    from tests.programs.factories import make_plan

    other = make_plan(actor=petugas_b, opd=opd_b, tahun=2024, jumlah_kegiatan=1)
    foreign_root = komentar_add(actor=staf, rencana=other, isi="Di rencana lain")
    as_persona("staf").post(f"/program/{submitted_a.pk}/komentar/", {"kegiatan": first_kegiatan(other).pk, "isi": "x"})
    as_persona("staf").post(f"/program/{submitted_a.pk}/komentar/", {"induk": foreign_root.pk, "isi": "x"})
    assert not Komentar.objects.filter(rencana=submitted_a).exists()


def test_the_officer_worklist_shows_threads_awaiting_an_answer(submitted_a, staf, petugas_a):
    from opop.dashboard.worklist import worklist
    from programs.services import komentar_add

    root = komentar_add(actor=staf, rencana=submitted_a, isi="Lengkapi lokasi")
    items = {i.key: i for i in worklist(petugas_a)}
    assert items["komentar"].count == 1 and items["komentar"].rows[0][1] == "Bob: Lengkapi lokasi"
    komentar_add(actor=petugas_a, rencana=submitted_a, isi="Sudah", induk=root)
    assert "komentar" not in {i.key for i in worklist(petugas_a)}


def test_get_is_not_allowed(as_persona, submitted_a):
    assert as_persona("staf").get(f"/program/{submitted_a.pk}/komentar/").status_code == 405
