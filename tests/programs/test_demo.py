"""The demo data as a newcomer meets it: built around the day `seed_demo` runs, so the first screens show a programme
in motion whatever the date — this year's plans in every state, reports exactly for the quarters past their
deadline, nothing overdue from an earlier year — one user per role, the source document's FGD, and seeding is quiet
(no e-mail, the logins last) and idempotent. One seed serves the tests that read a seed of today (module_data)."""

import datetime
import io
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from opop.accounts.demo import DEMO_PASSWORD, DEMO_USERS
from opop.accounts.models import User
from opop.accounts.roles import Role
from opop.notifications.models import Notifikasi
from programs.capaian import Keadaan
from programs.demo import REPORT_WAITING, THIS_YEAR
from programs.models import (
    Fgd,
    Kepatuhan,
    LaporanTriwulan,
    Realisasi,
    Rencana,
    Status,
    StatusFgd,
    StatusTindakLanjut,
    TindakLanjut,
    default_deadline,
)
from programs.selectors import reporting_rates
from tests.conftest import module_data


def _clock(day):
    """The portal's clock (timezone.now, and so localdate) stopped at 10:00 on `day`."""
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    return mock.patch("django.utils.timezone.now", return_value=moment)


def _due(tahun, today):
    return {q for q in range(1, 5) if default_deadline(tahun, q) < today}


@pytest.mark.parametrize(
    "today",
    [
        datetime.date(2025, 8, 20),  # TW I and TW II of 2025 are past their deadlines, TW III is not
        datetime.date(2027, 2, 1),  # no quarter of 2027 is due yet; TW IV 2026 is (15 January)
    ],
)
def test_seeded_on_any_day_this_year_is_alive_and_nothing_older_is_overdue(today, client, db):
    with _clock(today):
        call_command("seed_demo", allow_production=True, stdout=io.StringIO())
        tahun = today.year

        # This year's plans in every state, one OPD each.
        this_year = dict(Rencana.objects.filter(tahun=tahun).values_list("opd__kode", "status"))
        assert this_year == THIS_YEAR and set(this_year.values()) == set(Status.values)
        # Every earlier year, back to the programme's 2022 history, is verified.
        earlier = Rencana.objects.filter(tahun__lt=tahun)
        assert set(earlier.values_list("tahun", flat=True)) == set(range(2022, tahun))
        assert set(earlier.values_list("status", flat=True)) == {Status.DIVERIFIKASI}

        # Reports exist exactly for the quarters whose deadline has passed, for verified plans only; all verified but
        # the latest due report of one OPD, which waits for Diskop.
        for rencana in Rencana.objects.all():
            quarters = set(LaporanTriwulan.objects.filter(rencana=rencana).values_list("triwulan", flat=True))
            expected = _due(rencana.tahun, today) if rencana.status == Status.DIVERIFIKASI else set()
            assert quarters == expected, (rencana.opd.kode, rencana.tahun)
        latest_due = max((y, q) for y in range(2022, tahun + 1) for q in _due(y, today))
        waiting = LaporanTriwulan.objects.exclude(status=Status.DIVERIFIKASI)
        assert [(w.rencana.opd.kode, w.rencana.tahun, w.triwulan, w.status) for w in waiting] == [
            (REPORT_WAITING, *latest_due, Status.DIAJUKAN)
        ]
        assert not Realisasi.objects.filter(kegiatan__rencana__status__in=[Status.DRAF, Status.DIAJUKAN]).exists()
        # Every step is dated before today, each report before its deadline.
        now = timezone.now()
        for laporan in LaporanTriwulan.objects.select_related("rencana"):
            assert laporan.diajukan_pada.date() < default_deadline(laporan.rencana.tahun, laporan.triwulan)
            assert laporan.diverifikasi_pada is None or laporan.diajukan_pada < laporan.diverifikasi_pada < now
        assert all(r.diajukan_pada < now for r in Rencana.objects.exclude(status=Status.DRAF))

        # The inboxes open on this year's news: what the seed told of earlier years is read.
        this_years = {r.get_absolute_url() for r in Rencana.objects.filter(tahun=tahun)}
        unread = Notifikasi.objects.filter(dibaca_pada__isnull=True)
        assert unread.exists() and {n.tautan.split("#")[0] for n in unread} <= this_years
        staf = User.objects.get(username="staf")
        assert staf.notifikasi_belum_dibaca == unread.filter(penerima=staf).count() > 0
        assert Notifikasi.objects.filter(dibaca_pada__isnull=False).exists()

        # Staf's and Pimpinan's home: no report late, from any year; what is overdue is this year's (the plan
        # still in draft or returned after the plan deadline, a tindak lanjut of the FGD); what waits is this
        # year's (or last year's last report).
        homes = {}
        for username in ("pimpinan", "staf"):
            client.force_login(User.objects.get(username=username))
            homes[username] = {item.key: item for item in client.get("/").context["worklist"]}
            assert "terlambat" not in homes[username], username
            details = [str(detail) for item in homes[username].values() for _text, detail, _url in item.rows]
            overdue = [detail for detail in details if "terlambat" in detail or "lewat tenggat" in detail]
            assert all(f"Januari {tahun}," in d or "lewat tenggat" in d for d in overdue), overdue
        unverified = {label: n for label, n, _url in homes["pimpinan"]["belum_diverifikasi"].rows}
        assert unverified == {"Draf": "1", "Diajukan": "1", "Dikembalikan": "1"}  # this year's, nothing older
        [(plan, waited, _url)] = homes["staf"]["rencana_diajukan"].rows
        assert (plan, waited) == (f"Disperindag {tahun}", "3 hari menunggu")

        # The compliance board: no late quarter in either year; this year the OPDs whose plan is not verified show
        # their plan's state instead (issue 29), every agency of PRODUCT.md §2 has a plan.
        for year in (tahun - 1, tahun):
            board = client.get(f"/program/kepatuhan/?tahun={year}").context["board"]
            late = {
                row["rencana"].opd.kode
                for row in board["rows"]
                if row["rencana"]
                for cell in row["cells"]
                if cell["state"] == Kepatuhan.TERLAMBAT
            }
            assert late == set(), year
            if year == tahun:  # the history's years keep the agencies that planned then
                assert {row["opd"].kode for row in board["rows"] if row["rencana"] is None} == set()
            unverified = {kode for kode, status in THIS_YEAR.items() if status != Status.DIVERIFIKASI}
            waiting = {row["opd"].kode for row in board["rows"] if row["rencana"] and row["plan_state"] is not None}
            assert waiting == (unverified if year == tahun else set()), year
            assert not any(cell["late_submission"] for row in board["rows"] for cell in row["cells"])

        # Every due report of last year was submitted on time (the rates read the history's dates).
        rates = reporting_rates(staf, tahun - 1, today=today).total
        assert rates.wajib > 0 and rates.masuk == rates.tepat_waktu == rates.wajib

        # The FGD recap of this year judges last year at its last due quarter: every verified OPD reported it.
        recap = client.get(f"/program/rekap-fgd/?tahun={tahun}").context["recap"]
        assert recap.triwulan_lalu == max(_due(tahun - 1, today))
        rows = [row for group in recap.pilar for indicator in group.indikator for row in indicator.rows]
        assert rows and not any(row.keadaan_lalu == Keadaan.BELUM_MELAPOR for row in rows)
        assert all(row.capaian_lalu is not None for row in rows if row.target_lalu)  # planned last year


def seeded():
    """seed_demo once, for every test below that reads what one seed leaves (a seed takes 5-20 s): what it printed
    and what it queued to be sent, for the test that checks it is quiet."""
    from django.db import connection

    out, outbox, callbacks = io.StringIO(), len(mail.outbox), len(connection.run_on_commit)
    call_command("seed_demo", allow_production=True, stdout=out)
    return {
        "output": out.getvalue(),
        "mails": len(mail.outbox) - outbox,
        "callbacks": len(connection.run_on_commit) - callbacks,
    }


seeded_once = module_data(seeded)  # built once for this module; each test runs in a savepoint on top


@pytest.fixture
def demo(seeded_once, db):
    return seeded_once


def _state():
    """What a second seed must leave as it found it."""
    return (
        Rencana.objects.count(),
        Realisasi.objects.count(),
        LaporanTriwulan.objects.count(),
        Notifikasi.objects.count(),
        Fgd.objects.count(),
        TindakLanjut.objects.count(),
        User.objects.count(),
        list(LaporanTriwulan.objects.order_by("pk").values_list("diajukan_pada", "diverifikasi_pada")),
    )


def test_seeding_twice_changes_nothing(demo):
    before = _state()
    call_command("seed_demo", allow_production=True, stdout=io.StringIO())
    assert _state() == before
    # The demo officers own their OPD's plans, so they can open them in the portal.
    kominfo = Rencana.objects.get(opd__kode="kominfo", tahun=timezone.localdate().year)
    assert kominfo.dibuat_oleh.username == "petugas.kominfo"


def test_seeding_creates_one_user_per_role_with_the_demo_password(demo):
    assert "petugas.kominfo" in demo["output"] and DEMO_PASSWORD in demo["output"]
    assert User.objects.count() == 5
    assert {r for r in User.objects.values_list("role", flat=True)} == set(Role.values)
    petugas = User.objects.filter(role=Role.PETUGAS_OPD)
    assert petugas.count() == 2
    assert petugas.values("opd").distinct().count() == 2
    assert all(u.check_password(DEMO_PASSWORD) for u in User.objects.all())


def test_seeding_sends_no_email_and_ends_with_the_logins(demo):
    # Every demo user keeps e-mail on, and the seed told them of many steps — in the inbox only.
    assert User.objects.filter(terima_email=True).exclude(email="").count() == len(DEMO_USERS)
    assert Notifikasi.objects.filter(penerima__username="staf").count() > 10
    assert demo["mails"] == 0 and demo["callbacks"] == 0
    assert not DBTaskResult.objects.filter(task_path="opop.notifications.tasks.send_email").exists()
    lines = demo["output"].rstrip("\n").splitlines()
    assert lines[-1] == f"  kata sandi: {DEMO_PASSWORD}"
    assert [line.split()[0] for line in lines[-1 - len(DEMO_USERS) : -1]] == [row[0] for row in DEMO_USERS]


def test_seeding_adds_the_source_fgd_and_an_upcoming_one(demo, client):
    """programs.fgd_demo: the source document's 2 February 2023 meeting with decisions in every state, and an
    upcoming meeting after today with a drafted agenda (seeding twice adds none: test_seeding_twice_changes_nothing)."""
    assert (Fgd.objects.count(), TindakLanjut.objects.count()) == (2, 4)
    source = Fgd.objects.get(tanggal=datetime.date(2023, 2, 2))
    assert source.status == StatusFgd.SELESAI and "Aria Wiria Atmadja" in source.tempat
    assert set(source.tindak_lanjut.values_list("status", flat=True)) == set(StatusTindakLanjut.values)
    assert source.hadir.count() < source.diundang.count()
    upcoming = Fgd.objects.exclude(pk=source.pk).get()
    assert upcoming.tanggal > timezone.localdate() and upcoming.status == StatusFgd.TERJADWAL
    # The upcoming meeting's page opens with the source meeting's decisions.
    client.force_login(User.objects.get(username="staf"))
    page = client.get(upcoming.get_absolute_url())
    assert len(page.context["sebelumnya"]) == 4


def test_demo_logins_prints_the_accounts_after_the_worker_is_up(demo):
    from opop.jobs.models import WorkerHeartbeat

    # A worker that has been beating for a while: the command does not wait.
    started = timezone.now() - datetime.timedelta(seconds=30)
    beat = WorkerHeartbeat.objects.create(worker_id="w1", hostname="h", pid=4242, last_seen=timezone.now())
    WorkerHeartbeat.objects.filter(pk=beat.pk).update(started_at=started)
    out = io.StringIO()
    call_command("demo_logins", after_worker=4242, stdout=out)
    lines = out.getvalue().rstrip("\n").splitlines()
    assert lines[-1] == f"  kata sandi: {DEMO_PASSWORD}"
    assert [line.split()[0] for line in lines[1:-1]] == [row[0] for row in DEMO_USERS]


def test_waiting_for_a_worker_gives_up_when_none_is_running(db):
    from opop.jobs.models import WorkerHeartbeat
    from opop.jobs.services import wait_for_worker

    assert wait_for_worker(4242, timeout=0) is False
    # Just started (its first beats): not yet past its start-up lines.
    WorkerHeartbeat.objects.create(worker_id="w1", hostname="h", pid=4242, last_seen=timezone.now())
    assert wait_for_worker(4242, timeout=0) is False
