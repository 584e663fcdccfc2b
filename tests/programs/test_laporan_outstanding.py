"""Which quarterly reports need attention on a given day: due soon, late, or a quarter ended with nothing entered."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from programs import services
from programs.models import Status
from programs.selectors import reports_outstanding
from tests.programs.factories import fill_quarter, make_plan


def _states(user, today):
    return [
        (i["rencana"].opd.kode, i["triwulan"], i["state"], i["hari"]) for i in reports_outstanding(user, today=today)
    ]


def test_due_late_and_not_started(staf, petugas_a, opd_a):
    rencana = make_plan(actor=petugas_a, opd=opd_a, tahun=2024, status=Status.DIVERIFIKASI, verifier=staf)
    fill_quarter(rencana, petugas_a, 1)
    # 1 May: TW I (15 April) is late although entered; nothing else has ended.
    assert _states(staf, datetime.date(2024, 5, 1)) == [("kominfo", 1, "terlambat", -16)]
    # 20 June: TW II's deadline (15 July) is 25 days away.
    assert _states(staf, datetime.date(2024, 6, 20))[0] == ("kominfo", 2, "jatuh_tempo", 25)
    services.laporan_submit(actor=petugas_a, rencana=rencana, triwulan=1)
    assert [s[:3] for s in _states(staf, datetime.date(2024, 6, 20))] == [("kominfo", 2, "jatuh_tempo")]


def test_a_quarter_that_ended_with_nothing_entered(staf, petugas_a, opd_a):
    make_plan(actor=petugas_a, opd=opd_a, tahun=2024, status=Status.DIVERIFIKASI, verifier=staf)
    services.batas_set(actor=staf, tahun=2024, triwulan=1, batas=datetime.date(2024, 6, 30))
    assert _states(staf, datetime.date(2024, 4, 2)) == [("kominfo", 1, "belum_mulai", 89)]


def test_a_removed_deadline_is_never_late(staf, petugas_a, opd_a):
    make_plan(actor=petugas_a, opd=opd_a, tahun=2024, status=Status.DIVERIFIKASI, verifier=staf)
    services.batas_set(actor=staf, tahun=2024, triwulan=1, batas=None)
    assert _states(staf, datetime.date(2024, 5, 1)) == [("kominfo", 1, "belum_mulai", None)]


def test_plans_not_verified_have_no_reports_to_chase(staf, petugas_a, opd_a):
    make_plan(actor=petugas_a, opd=opd_a, tahun=2024, status=Status.DIAJUKAN)
    assert _states(staf, datetime.date(2024, 5, 1)) == []


def test_an_officer_sees_only_their_own_opd(staf, petugas_a, petugas_b, opd_a, opd_b):
    make_plan(actor=petugas_a, opd=opd_a, tahun=2024, status=Status.DIVERIFIKASI, verifier=staf)
    make_plan(actor=petugas_b, opd=opd_b, tahun=2024, status=Status.DIVERIFIKASI, verifier=staf)
    assert {s[0] for s in _states(petugas_b, datetime.date(2024, 5, 1))} == {"dindik"}
    assert {s[0] for s in _states(staf, datetime.date(2024, 5, 1))} == {"dindik", "kominfo"}


def test_an_ended_quarter_with_realisations_entered_waits_for_its_deadline(staf, petugas_a, opd_a):
    rencana = make_plan(
        actor=petugas_a, opd=opd_a, tahun=2024, jumlah_kegiatan=3, status=Status.DIVERIFIKASI, verifier=staf
    )
    fill_quarter(rencana, petugas_a, 1)
    services.batas_set(actor=staf, tahun=2024, triwulan=1, batas=datetime.date(2024, 6, 30))
    with CaptureQueriesContext(connection) as queries:
        assert _states(staf, datetime.date(2024, 4, 2)) == []
    # The realisation check reads one row per (plan, quarter): the model's default ordering, joined into the
    # DISTINCT, made it one row per kegiatan (1 500 rows at bench scale, half the Staf home page's time).
    (sql,) = [q["sql"] for q in queries.captured_queries if "programs_realisasi" in q["sql"]]
    assert "ORDER BY" not in sql
    assert sql.split(" FROM ")[0].count(",") == 1, sql
    assert len(queries) <= 4
