"""A return note or reopen reason as long as the form allows (2 000 characters, a paragraph) is saved and shown whole.

It once answered 500 on PostgreSQL: the history's change-reason column held 100 characters and SQLite never said so.
Run these on PostgreSQL too (DATABASE_URL), as CI does."""

from programs import services
from programs.models import LaporanTriwulan, Rencana, Status
from tests.programs.factories import fill_quarter

SENTENCE = "Target kegiatan pelatihan santri di Kabupaten Jember belum sesuai dengan pagu; mohon diperbaiki. "
NOTE = (SENTENCE * 30)[:1999] + "."  # 2 000 characters, the forms' limit


def test_the_note_is_the_forms_limit():
    assert len(NOTE) == 2000


def test_a_plan_returned_with_a_paragraph_keeps_it_whole(as_persona, submitted_a):
    response = as_persona("staf").post(f"/program/{submitted_a.pk}/kembalikan/", {"catatan": NOTE})
    assert response.status_code == 302
    rencana = Rencana.objects.get(pk=submitted_a.pk)
    assert (rencana.status, rencana.catatan) == (Status.DIKEMBALIKAN, NOTE)
    assert rencana.history.first().history_change_reason == f"Dikembalikan: {NOTE}"
    html = as_persona("petugas_a").get(f"/program/{submitted_a.pk}/").content.decode()
    assert f"Dikembalikan: {NOTE}" in html  # the page's history, whole


def test_a_plan_reopened_with_a_paragraph_keeps_it_whole(as_persona, verified_a):
    response = as_persona("admin").post(f"/program/{verified_a.pk}/buka-kembali/", {"alasan": NOTE})
    assert response.status_code == 302
    rencana = Rencana.objects.get(pk=verified_a.pk)
    assert rencana.status == Status.DRAF
    assert rencana.history.first().history_change_reason == f"Dibuka kembali: {NOTE}"
    assert f"Dibuka kembali: {NOTE}" in as_persona("admin").get(f"/program/{verified_a.pk}/").content.decode()


def test_a_report_returned_with_a_paragraph_keeps_it_whole(as_persona, verified_a, petugas_a):
    fill_quarter(verified_a, petugas_a, 1)
    services.laporan_submit(actor=petugas_a, rencana=verified_a, triwulan=1)
    response = as_persona("staf").post(f"/program/{verified_a.pk}/laporan/1/kembalikan/", {"catatan": NOTE})
    assert response.status_code == 302
    laporan = LaporanTriwulan.objects.get(rencana=verified_a, triwulan=1)
    assert (laporan.status, laporan.catatan) == (Status.DIKEMBALIKAN, NOTE)
    assert laporan.history.first().history_change_reason == f"Laporan dikembalikan: {NOTE}"
    assert NOTE in as_persona("petugas_a").get(f"/program/{verified_a.pk}/").content.decode()


def _refused(client, url, data, plan):
    before = (plan.status, plan.catatan, plan.history.count())
    response = client.post(url, data, follow=True)
    assert "paling banyak 2000 karakter" in response.content.decode()  # the form says why, in Indonesian
    plan.refresh_from_db()
    assert (plan.status, plan.catatan, plan.history.count()) == before


def test_a_return_note_over_the_limit_is_refused_and_nothing_saved(as_persona, submitted_a):
    _refused(as_persona("staf"), f"/program/{submitted_a.pk}/kembalikan/", {"catatan": NOTE + "x"}, submitted_a)


def test_a_reopen_reason_over_the_limit_is_refused_and_nothing_saved(as_persona, verified_a):
    _refused(as_persona("admin"), f"/program/{verified_a.pk}/buka-kembali/", {"alasan": NOTE + "x"}, verified_a)
