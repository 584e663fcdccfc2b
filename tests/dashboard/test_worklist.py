"""'Perlu tindakan Anda' on the home page: what the seeded data must put in front of each role, never another
OPD's items, and a query count that does not grow with the data (issue 14)."""

import datetime

import pytest
from django.utils import timezone

from opop.accounts.demo import seed_demo_users
from opop.accounts.models import User
from opop.dashboard.worklist import worklist
from programs.demo import seed_demo_plans
from programs.models import Rencana
from tests.conftest import module_data

# The demo as seeded on 20 December 2026: Disperindag submitted its 2026 plan three days before, Distan's TW III
# report waits for Diskop, TW IV 2026 is due on 15 January 2027 (26 days later).
TODAY = datetime.date(2026, 12, 20)
LATER = datetime.date(2027, 1, 20)  # five days past TW IV's deadline, nothing reported


def demo_data():
    seed_demo_users()
    seed_demo_plans(today=TODAY)


demo_once = module_data(demo_data)  # built once for this module; each test runs in a savepoint on top


@pytest.fixture
def demo(demo_data_once, db):
    return {u.username: u for u in User.objects.all()}


def _items(user, today=TODAY):
    return {item.key: item for item in worklist(user, today=today)}


def _plan(kode):
    return Rencana.objects.get(opd__kode=kode, tahun=2026).get_absolute_url()


def test_staf_sees_the_submitted_plan_with_its_days_waiting(demo):
    items = _items(demo["staf"])
    waiting = items["rencana_diajukan"]
    assert waiting.count == 1
    [(text, detail, url)] = waiting.rows
    disperindag = Rencana.objects.get(opd__kode="disperindag", tahun=2026)
    assert (text, detail, url) == ("Disperindag 2026", "3 hari menunggu", f"/program/{disperindag.pk}/")
    assert waiting.url == "/program/?status=diajukan"


def test_staf_sees_reports_waiting_and_late_opds(demo):
    items = _items(demo["staf"])
    [(text, detail, _url)] = items["laporan_diajukan"].rows
    assert (text, detail) == ("TW III Dinas Pertanian 2026", "71 hari menunggu")  # submitted 10 October
    assert items["laporan_diajukan"].url == "/program/kepatuhan/?tahun=2026"  # the year of the reports it counts
    assert items["laporan_diajukan"].label == "Laporan triwulan 2026 menunggu verifikasi"
    assert "terlambat" not in items  # every report due by 20 December is in
    # Once TW IV's deadline has passed without a report, the eight OPDs whose plan is verified are late: one item
    # per year, opening that year's compliance board (issue 29: a link opens the period it counts), five rows shown
    # and "dan 3 lainnya".
    late = [item for item in worklist(demo["staf"], today=LATER) if item.key == "terlambat"]
    assert [(item.label, item.count, item.url) for item in late] == [
        ("8 OPD terlambat melapor 2026", 8, "/program/kepatuhan/?tahun=2026")
    ]
    late = late[0]
    assert len(late.rows) == 5 and late.lainnya == 3
    assert all(text.startswith("Laporan TW IV ") and text.endswith(" 2026") for text, _d, _u in late.rows)
    assert {detail for _t, detail, _u in late.rows} == {"terlambat 5 hari (batas 15 Januari 2027)"}


def test_dindik_officer_sees_the_returned_plan_with_diskops_note(demo):
    items = _items(demo["petugas.dindik"])
    returned = items["dikembalikan"]
    dindik = Rencana.objects.get(opd__kode="dindik", tahun=2026)
    assert returned.rows == [(f"{dindik.opd.singkatan} 2026", dindik.catatan, f"/program/{dindik.pk}/")]
    assert dindik.catatan  # the seeded plan carries Diskop's note
    assert "rencana_diajukan" not in items  # officers do not verify


def test_an_officer_never_sees_another_opds_items(demo):
    kominfo = _items(demo["petugas.kominfo"])
    dindik = _items(demo["petugas.dindik"])
    assert "dikembalikan" not in kominfo  # Dindik's returned plan is not Kominfo's business
    for item in kominfo.values():
        assert all("Dindik" not in text and "Disperindag" not in text for text, _d, _u in item.rows)
    for item in dindik.values():
        assert all("Kominfo" not in text for text, _d, _u in item.rows)
    assert kominfo["laporan"].rows == [
        ("Laporan TW IV Dinas Kominfo 2026", "batas 15 Januari 2027, 26 hari lagi", f"{_plan('kominfo')}#tw-4")
    ]


def test_pimpinan_sees_late_opds_and_unverified_plans(demo):
    items = _items(demo["pimpinan"])
    assert "terlambat" not in items
    assert _items(demo["pimpinan"], today=LATER)["terlambat"].count == 8  # every OPD whose plan is verified
    unverified = {label: n for label, n, _url in items["belum_diverifikasi"].rows}
    assert unverified == {"Draf": "1", "Diajukan": "1", "Dikembalikan": "1"}
    assert "rencana_diajukan" not in items  # leadership watches, it does not verify


def test_the_home_page_shows_the_list_and_its_links(demo, client):
    client.force_login(demo["staf"])
    html = client.get("/").content.decode()
    assert "Perlu tindakan Anda" in html
    assert 'data-item="rencana_diajukan"' in html and "Disperindag 2026" in html


def test_an_empty_list_says_so_in_one_line(client, db, monkeypatch):
    from opop.accounts.roles import Role
    from opop.accounts.services import user_create

    # Before this year's plan deadline (the last working day of January): no OPD owes its plan yet.
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: datetime.date(2026, 1, 5))

    user = user_create(username="kosong", password="x-Passw0rd!", role=Role.PIMPINAN)
    client.force_login(user)
    html = client.get("/").content.decode()
    assert "Tidak ada yang menunggu tindakan Anda." in html


@pytest.mark.parametrize("username", ["staf", "admin", "pimpinan", "petugas.kominfo"])
def test_the_worklist_query_count_does_not_grow_with_the_data(username, demo, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from programs import services
    from tests.programs.factories import make_plan

    user = demo[username]
    with CaptureQueriesContext(connection) as small:
        worklist(user, today=TODAY)
    officer = demo["petugas.kominfo"]
    for tahun in (2027, 2028):  # more plans, lines, reports waiting
        rencana = make_plan(actor=officer, opd=officer.opd, tahun=tahun, jumlah_kegiatan=3)
        services.rencana_submit(actor=officer, rencana=rencana)
    with CaptureQueriesContext(connection) as large:
        worklist(user, today=TODAY)
    assert len(large) == len(small) <= 12  # 9 before issue 29's "rencana belum diajukan" (three queries)
