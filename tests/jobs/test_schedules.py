"""Runs that go by themselves (issue 29): the nightly reconciliation and the deadline reminders stay queued for their
next time, with no cron. Every worker queues what is missing at its start and at each housekeeping round; two
reminder runs at the same moment send each reminder once."""

import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from opop.jobs.models import Job
from opop.jobs.services import ensure_scheduled
from opop.notifications.models import Notifikasi
from programs.jobs import next_reminders
from programs.models import Status
from programs.reminders import reminders_send
from tests.jobs.conftest import needs_postgresql, wait_for
from tests.programs.factories import make_plan

JAKARTA = datetime.timezone(datetime.timedelta(hours=7))


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime.datetime(2026, 2, 3, 6, 30, tzinfo=JAKARTA), datetime.datetime(2026, 2, 3, 7, 0, tzinfo=JAKARTA)),
        (datetime.datetime(2026, 2, 3, 7, 0, tzinfo=JAKARTA), datetime.datetime(2026, 2, 3, 13, 0, tzinfo=JAKARTA)),
        (datetime.datetime(2026, 2, 3, 14, 5, tzinfo=JAKARTA), datetime.datetime(2026, 2, 4, 7, 0, tzinfo=JAKARTA)),
    ],
)
def test_reminders_run_at_seven_and_one_oclock(now, expected):
    assert next_reminders(now) == expected


def test_every_scheduled_kind_is_queued_once_for_its_next_time(settings, db):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # a real queue: run_after kept
    queued = ensure_scheduled()
    assert sorted(job.kind for job in queued) == ["kunci_tahun", "pengingat", "rekonsiliasi"]
    assert ensure_scheduled() == []  # a worker's next housekeeping round adds nothing
    now = timezone.localtime()
    for job in queued:
        run_after = timezone.localtime(DBTaskResult.objects.get(id=job.task_id).run_after)
        assert now < run_after <= now + datetime.timedelta(days=1)
        if job.kind == "kunci_tahun":  # every hour, on the hour
            assert run_after.minute == 0 and run_after <= now + datetime.timedelta(hours=1)
            continue
        hours = settings.REMINDER_HOURS if job.kind == "pengingat" else [settings.RECONCILE_HOUR]
        assert (run_after.hour, run_after.minute) in [(hour, 0) for hour in hours]
    assert Job.objects.filter(started_by=None, status=Job.Status.QUEUED).count() == 3


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_worker_queues_the_reminders_when_it_starts(start_worker):
    assert not Job.objects.filter(kind="pengingat").exists()
    start_worker("w1")
    wait_for(lambda: Job.objects.filter(kind="pengingat", status=Job.Status.QUEUED).exists(), what="the reminders")


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_reminder_runs_at_the_same_moment_send_each_reminder_once(staf, petugas_a, petugas_b, opd_a, opd_b):
    for petugas, opd in ((petugas_a, opd_a), (petugas_b, opd_b)):
        make_plan(actor=petugas, opd=opd, tahun=2024, status=Status.DIVERIFIKASI, verifier=staf)
    Notifikasi.objects.all().delete()
    start, sent, errors = threading.Barrier(2), [], []

    def run():
        try:
            start.wait()
            sent.append(reminders_send(today=datetime.date(2024, 4, 8)))  # 7 days before TW I's deadline
        except Exception as error:  # noqa: BLE001 - the test reports what a run raised
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sum(sent) == 2  # between them the runs sent each officer one; whoever came second found it sent
    assert sorted(Notifikasi.objects.values_list("penerima__username", flat=True)) == ["dina", "eko"]
