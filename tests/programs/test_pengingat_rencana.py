"""Plan-deadline reminders (issue 29): the OPD's officers 7 days and 1 day before the plan deadline and once
overdue (Diskop copied once per late OPD), each once; a submitted plan is not chased; read in the reader's
language."""

import datetime

import pytest
from django.utils import translation

from opop.accounts.models import PerangkatDaerah
from opop.accounts.roles import Role
from opop.accounts.services import user_create
from opop.notifications.models import Notifikasi
from programs import services
from programs.models import Rencana
from programs.reminders import reminders_send
from programs.selectors import plan_deadline_for_year, plan_owed
from tests.programs.factories import make_plan

# The default plan deadline of 2026 is the last working day of January: Friday 30 January 2026.
DEADLINE = datetime.date(2026, 1, 30)


@pytest.fixture
def plans(staf, petugas_a, petugas_b, opd_a):
    """Kominfo has a draft 2026 plan, Dindik (petugas_b) none, Disperindag's plan is submitted."""
    draft = make_plan(actor=petugas_a, opd=opd_a, tahun=2026)
    disperindag = PerangkatDaerah.objects.get(kode="disperindag")
    fajar = user_create(username="fajar", password="x-Pass-12345", role=Role.PETUGAS_OPD, opd=disperindag)
    services.rencana_submit(actor=fajar, rencana=make_plan(actor=fajar, opd=disperindag, tahun=2026))
    Notifikasi.objects.all().delete()  # what the submission sent
    return draft


def _titles(username):
    return sorted(Notifikasi.objects.filter(penerima__username=username).values_list("judul", flat=True))


def test_the_default_deadline_is_the_last_working_day_of_january(db):
    assert plan_deadline_for_year(2026) == DEADLINE


def test_seven_days_before_each_officer_whose_plan_is_not_submitted(plans):
    assert reminders_send(today=DEADLINE - datetime.timedelta(days=7)) == 2
    assert _titles("dina") == ["Rencana 2026 jatuh tempo dalam 7 hari"]
    assert _titles("eko") == ["Rencana 2026 jatuh tempo dalam 7 hari"]
    assert _titles("fajar") == [] and _titles("bob") == []  # submitted; Diskop only once overdue
    dina = Notifikasi.objects.get(penerima__username="dina")
    assert "paling lambat 30 Januari 2026" in dina.isi and dina.tautan == plans.get_absolute_url()
    assert Notifikasi.objects.get(penerima__username="eko").tautan == "/program/baru/?tahun=2026"


def test_one_day_before_and_overdue_each_once_diskop_copied(plans):
    reminders_send(today=DEADLINE - datetime.timedelta(days=7))
    assert reminders_send(today=DEADLINE - datetime.timedelta(days=5)) == 0  # the 7-day stage: already sent
    assert reminders_send(today=DEADLINE - datetime.timedelta(days=1)) == 2
    assert reminders_send(today=DEADLINE) == 0  # the 1-day stage covers the day itself
    owed = plan_owed(PerangkatDaerah.objects.all(), Rencana.objects.all(), 2026)
    late = reminders_send(today=DEADLINE + datetime.timedelta(days=1))
    assert late == 2 + len(owed)  # each officer once, Diskop once per OPD without a submitted plan
    assert reminders_send(today=DEADLINE + datetime.timedelta(days=2)) == 0
    assert _titles("dina") == [
        "Batas pengajuan rencana 2026: 30 Januari 2026",
        "Rencana 2026 jatuh tempo dalam 7 hari",
        f"Rencana {plans.opd.singkatan} 2026 terlambat",
    ]
    bob = _titles("bob")
    assert len(bob) == len(owed) and "Rencana Disperindag 2026 terlambat" not in bob
    assert f"Rencana {PerangkatDaerah.objects.get(kode='dindik').singkatan} 2026 terlambat" in bob


def test_submitting_the_plan_stops_the_reminders(plans, petugas_a):
    reminders_send(today=DEADLINE - datetime.timedelta(days=7))
    services.rencana_submit(actor=petugas_a, rencana=plans)
    Notifikasi.objects.filter(jenis="rencana_diajukan").delete()
    reminders_send(today=DEADLINE - datetime.timedelta(days=1))
    assert _titles("dina") == ["Rencana 2026 jatuh tempo dalam 7 hari"]
    assert _titles("eko") == ["Batas pengajuan rencana 2026: 30 Januari 2026", "Rencana 2026 jatuh tempo dalam 7 hari"]


def test_read_in_the_readers_language(plans):
    reminders_send(today=DEADLINE - datetime.timedelta(days=1))
    message = Notifikasi.objects.get(penerima__username="dina")
    with translation.override("en"):
        assert message.judul_dibaca == "Plan deadline 2026: 30 January 2026"
        assert (
            message.isi_dibaca == f"The {plans.opd.singkatan} 2026 plan must be submitted to Diskop by 30 January 2026."
        )
    assert message.judul == "Batas pengajuan rencana 2026: 30 Januari 2026"  # stored in the portal's language
