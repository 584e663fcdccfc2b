"""send_reminders: 7 days before, 1 day before and after the deadline, each once; run twice, nothing new."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from opop.notifications.models import Notifikasi
from programs import services
from programs.models import Status
from programs.reminders import reminders_send
from tests.programs.factories import fill_quarter, make_plan

# TW I 2024 has the default deadline: 15 April 2024.


@pytest.fixture
def verified(staf, petugas_a, petugas_b, opd_a, opd_b):
    for user in (staf, petugas_a, petugas_b):
        user.email = f"{user.username}@opop.test"
        user.save(update_fields=["email"])
    a = make_plan(actor=petugas_a, opd=opd_a, tahun=2024, status=Status.DIVERIFIKASI, verifier=staf)
    b = make_plan(actor=petugas_b, opd=opd_b, tahun=2024, status=Status.DIVERIFIKASI, verifier=staf)
    Notifikasi.objects.all().delete()  # what submitting and verifying the plans sent
    mail.outbox.clear()
    return a, b


def _inbox():
    return sorted(Notifikasi.objects.values_list("penerima__username", "jenis", "judul"))


def test_seven_days_before(verified, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send(today=datetime.date(2024, 4, 8)) == 2
    assert _inbox() == [
        ("dina", "tenggat", "Laporan TW I 2024 jatuh tempo dalam 7 hari"),
        ("eko", "tenggat", "Laporan TW I 2024 jatuh tempo dalam 7 hari"),
    ]
    assert sorted(m.to[0] for m in mail.outbox) == ["dina@opop.test", "eko@opop.test"]
    assert "15 April 2024" in Notifikasi.objects.first().isi


def test_one_day_before_and_overdue_each_once(verified, django_capture_on_commit_callbacks):
    reminders_send(today=datetime.date(2024, 4, 8))
    assert reminders_send(today=datetime.date(2024, 4, 10)) == 0  # still the 7-day stage: already sent
    assert reminders_send(today=datetime.date(2024, 4, 14)) == 2
    assert reminders_send(today=datetime.date(2024, 4, 15)) == 0  # the 1-day stage covers the day itself
    assert reminders_send(today=datetime.date(2024, 4, 16)) == 4  # each OPD's officer, and Diskop once per late OPD
    counts = {}
    for who, jenis, _judul in _inbox():
        counts[(who, jenis)] = counts.get((who, jenis), 0) + 1
    assert counts == {
        ("dina", "tenggat"): 2,
        ("eko", "tenggat"): 2,
        ("dina", "terlambat"): 1,
        ("eko", "terlambat"): 1,
        ("bob", "terlambat"): 2,
    }


def test_running_twice_sends_nothing_new(verified, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = reminders_send(today=datetime.date(2024, 4, 14))
        second = reminders_send(today=datetime.date(2024, 4, 14))
    assert (first, second) == (2, 0)
    assert len(mail.outbox) == 2


def test_a_submitted_report_is_not_reminded(verified, petugas_a, django_capture_on_commit_callbacks):
    a, _b = verified
    fill_quarter(a, petugas_a, 1)
    services.laporan_submit(actor=petugas_a, rencana=a, triwulan=1)
    Notifikasi.objects.all().delete()
    reminders_send(today=datetime.date(2024, 4, 14))
    assert [who for who, *_ in _inbox()] == ["eko"]


def test_a_removed_deadline_reminds_nobody(verified, staf):
    services.batas_set(actor=staf, tahun=2024, triwulan=1, batas=None)
    assert reminders_send(today=datetime.date(2024, 4, 14)) == 0


def test_an_unverified_plan_is_not_chased_for_reports(petugas_a, opd_a):
    make_plan(actor=petugas_a, opd=opd_a, tahun=2024, status=Status.DRAF)
    assert reminders_send(today=datetime.date(2024, 4, 14)) == 0


def test_the_command_reports_what_it_sent(verified, capsys, monkeypatch):
    from opop.management.commands import send_reminders

    monkeypatch.setattr(send_reminders.timezone, "localdate", lambda: datetime.date(2024, 4, 14))
    call_command("send_reminders")
    call_command("send_reminders")
    assert capsys.readouterr().out.splitlines() == ["2 pengingat dikirim.", "0 pengingat dikirim."]
