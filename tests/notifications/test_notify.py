"""The notify service: one inbox row per recipient, the e-mail copy after commit, never twice for one key."""

from django.core import mail

from opop.accounts.models import User
from opop.notifications.models import Notifikasi
from opop.notifications.services import inbox_only, notifikasi_mark_all_read, notifikasi_mark_read, notify


def _unread(user):
    return User.objects.get(pk=user.pk).notifikasi_belum_dibaca


def test_one_message_per_recipient_and_one_email_each(staf, petugas_a, with_email, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[staf, petugas_a], jenis="diajukan", judul="Judul", isi="Isi", tautan="/program/7/")
    assert sorted(Notifikasi.objects.values_list("penerima__username", flat=True)) == ["bob", "dina"]
    assert sorted(m.to[0] for m in mail.outbox) == ["bob@opop.test", "dina@opop.test"]
    assert mail.outbox[0].subject == "[OPOP Jatim] Judul"
    assert "http://127.0.0.1:8000/program/7/" in mail.outbox[0].body
    assert (_unread(staf), _unread(petugas_a)) == (1, 1)
    assert Notifikasi.objects.filter(email_dikirim_pada__isnull=True).count() == 0


def test_no_email_before_the_change_commits(staf, with_email, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify(recipients=[staf], jenis="diajukan", judul="Judul", tautan="/")
    assert mail.outbox == [] and len(callbacks) == 1


def test_the_actor_is_not_told_of_their_own_action(staf, petugas_a, with_email):
    notify(recipients=[staf, petugas_a], actor=staf, jenis="diajukan", judul="J", tautan="/")
    assert list(Notifikasi.objects.values_list("penerima__username", flat=True)) == ["dina"]


def test_inactive_users_get_nothing(staf, db):
    staf.is_active = False
    staf.save()
    assert notify(recipients=[staf], jenis="diajukan", judul="J", tautan="/") == []


def test_email_off_keeps_the_inbox(staf, with_email, django_capture_on_commit_callbacks):
    User.objects.filter(pk=staf.pk).update(terima_email=False)
    staf.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[staf], jenis="diajukan", judul="J", tautan="/")
    assert Notifikasi.objects.filter(penerima=staf).count() == 1
    assert mail.outbox == []


def test_inside_inbox_only_the_message_is_kept_and_no_email_is_queued(
    staf, with_email, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with inbox_only():
            notify(recipients=[staf], jenis="diajukan", judul="Diam", tautan="/")
    assert Notifikasi.objects.filter(penerima=staf, judul="Diam").count() == 1
    assert callbacks == [] and mail.outbox == []
    # Outside the block the same call mails again: the switch does not stay on.
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[staf], jenis="diajukan", judul="Lagi", tautan="/")
    assert [m.subject for m in mail.outbox] == ["[OPOP Jatim] Lagi"]


def test_a_user_without_an_address_gets_the_inbox_only(staf, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[staf], jenis="diajukan", judul="J", tautan="/")
    assert Notifikasi.objects.count() == 1 and mail.outbox == []


def test_a_key_is_sent_once_per_person(staf, petugas_a, with_email, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[staf], jenis="tenggat", judul="J", tautan="/", kunci="tenggat:2024:1:h7:kominfo")
        notify(recipients=[staf, petugas_a], jenis="tenggat", judul="J", tautan="/", kunci="tenggat:2024:1:h7:kominfo")
    assert Notifikasi.objects.filter(penerima=staf).count() == 1
    assert Notifikasi.objects.filter(penerima=petugas_a).count() == 1
    assert len(mail.outbox) == 2 and _unread(staf) == 1


def test_messages_are_written_in_indonesian_whatever_the_actor_reads(staf, petugas_a, submitted_plan_factory):
    from django.utils import translation

    from programs import services

    rencana = submitted_plan_factory()
    with translation.override("en"):
        services.rencana_return(actor=staf, rencana=rencana, catatan="Perbaiki kegiatan kedua")
    message = Notifikasi.objects.get(penerima=petugas_a)
    assert message.judul == "Rencana Dinas Kominfo 2024 dikembalikan untuk diperbaiki"


def test_marking_read_lowers_the_count_once(staf, message_for):
    message = message_for(staf)
    message_for(staf)
    assert notifikasi_mark_read(actor=staf, notifikasi=message) == 1
    assert notifikasi_mark_read(actor=staf, notifikasi=message) == 0
    assert _unread(staf) == 1
    assert notifikasi_mark_all_read(actor=staf) == 1
    assert _unread(staf) == 0


def test_one_cannot_mark_another_persons_message(staf, petugas_a, message_for):
    message = message_for(staf)
    assert notifikasi_mark_read(actor=petugas_a, notifikasi=message) == 0
    assert Notifikasi.objects.get(pk=message.pk).dibaca_pada is None
