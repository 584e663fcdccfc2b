"""The plan deadline (issue 29, Done-when 1): with the clock on 15 February 2026 and the 2026 plan deadline on
31 January 2026, an OPD without a submitted 2026 plan is "belum mengajukan rencana" on the Staf home, on the
compliance board (not "terlambat" in each quarter) and on its officers' homes; the home's counts equal the board's;
every worklist link opens the period it counts."""

import datetime
import re

import pytest
from django.utils import timezone

from opop.dashboard.worklist import worklist
from programs import services
from programs.models import RENCANA, BatasPelaporan, Status, default_deadline
from programs.selectors import kepatuhan_by_opd, plan_deadline_for_year
from tests.programs.factories import make_plan

TODAY = datetime.date(2026, 2, 15)


def clock(monkeypatch, day):
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    monkeypatch.setattr(timezone, "now", lambda: moment)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: day)


@pytest.fixture
def chase(monkeypatch, staf, petugas_a, petugas_b, opd_a, opd_b):
    """2025: OPD A and OPD B have verified plans and sent no report (8 late reports, 2 OPDs). 2026: the plan
    deadline is 31 January; OPD A's plan is verified, OPD B's is a draft; OPD A already drafts 2027 (the board's
    default year would be 2027). No other OPD has any plan."""
    clock(monkeypatch, datetime.date(2025, 2, 1))
    for actor, opd in ((petugas_a, opd_a), (petugas_b, opd_b)):
        make_plan(actor=actor, opd=opd, tahun=2025, status=Status.DIVERIFIKASI, verifier=staf)
    clock(monkeypatch, datetime.date(2026, 1, 20))
    services.batas_set(actor=staf, tahun=2026, triwulan=RENCANA, batas=datetime.date(2026, 1, 31))
    make_plan(actor=petugas_a, opd=opd_a, tahun=2026, status=Status.DIVERIFIKASI, verifier=staf)
    make_plan(actor=petugas_b, opd=opd_b, tahun=2026)
    make_plan(actor=petugas_a, opd=opd_a, tahun=2027)
    clock(monkeypatch, TODAY)


def _items(user):
    return {(item.key, item.label): item for item in worklist(user)}


def _one(items, key):
    [item] = [item for (k, _label), item in items.items() if k == key]
    return item


def _year_opened(client, url):
    """The period a link opens: the board's or the plan's year, or the year the plan form starts on."""
    response = client.get(url)
    assert response.status_code == 200, url
    context = response.context
    if "rencana" in context and getattr(context["rencana"], "tahun", None):
        return context["rencana"].tahun
    if "form" in context and "tahun" in context["form"].fields:
        return int(context["form"]["tahun"].value())
    return context["tahun"]


def test_the_default_plan_deadline_is_the_last_working_day_of_january(db):
    assert default_deadline(2026, RENCANA) == datetime.date(2026, 1, 30)  # 31 January 2026 is a Saturday
    assert default_deadline(2027, RENCANA) == datetime.date(2027, 1, 29)  # Sunday 31st -> Friday 29th
    assert default_deadline(2028, RENCANA) == datetime.date(2028, 1, 31)  # a Monday
    assert plan_deadline_for_year(2026) == datetime.date(2026, 1, 30)


def test_diskop_changes_the_plan_deadline_on_the_deadlines_page(as_persona, staf):
    client = as_persona("staf")
    page = client.get("/program/batas-pelaporan/?tahun=2026").content.decode()
    assert 'name="rencana"' in page and 'value="2026-01-30"' in page
    response = client.post("/program/batas-pelaporan/?tahun=2026", {"rencana": "2026-02-06"})
    assert response.status_code == 302
    row = BatasPelaporan.objects.get(tahun=2026, triwulan=RENCANA)
    assert (row.batas, row.diatur_oleh) == (datetime.date(2026, 2, 6), staf)
    assert plan_deadline_for_year(2026) == datetime.date(2026, 2, 6)
    assert "6 Februari 2026" in client.get("/program/kepatuhan/?tahun=2026").content.decode()


@pytest.mark.parametrize("value", ["2025-06-30", "2027-01-01", "besok"])
def test_a_plan_deadline_out_of_range_is_refused_and_nothing_saved(value, as_persona, db):
    response = as_persona("staf").post("/program/batas-pelaporan/?tahun=2026", {"rencana": value, "tw1": "2026-04-20"})
    assert response.status_code == 200 and response.context["form"].errors
    assert not BatasPelaporan.objects.exists()  # all or nothing: TW I's valid date is not saved either


def test_the_board_shows_belum_mengajukan_rencana_not_terlambat(chase, staf, opd_b):
    board = kepatuhan_by_opd(staf, 2026)
    rows = {row["opd"].kode: row for row in board["rows"]}
    assert rows["dindik"]["plan_state"] == "belum_rencana"  # a draft is not a submitted plan
    assert [c["state"] for c in rows["dindik"]["cells"]] == ["belum_rencana"] * 4
    assert rows["kominfo"]["plan_state"] is None
    assert board["opd_belum_rencana"] == 10  # 11 active OPDs, only Kominfo submitted
    # 2025: OPDs that never had a plan are not "terlambat" in each quarter; the two verified plans are.
    board_2025 = kepatuhan_by_opd(staf, 2025)
    states = {row["opd"].kode: [c["state"] for c in row["cells"]] for row in board_2025["rows"]}
    assert states["kominfo"] == states["dindik"] == ["terlambat"] * 4
    assert all(s == ["belum_rencana"] * 4 for kode, s in states.items() if kode not in ("kominfo", "dindik"))
    assert board_2025["opd_terlambat"] == 2


def test_before_the_plan_deadline_the_state_is_neutral(chase, staf, monkeypatch):
    clock(monkeypatch, datetime.date(2026, 1, 31))  # the deadline day itself: not passed yet
    rows = {row["opd"].kode: row for row in kepatuhan_by_opd(staf, 2026)["rows"]}
    assert rows["dindik"]["plan_state"] == "menunggu_rencana"
    assert "belum_rencana" not in {c["state"] for row in rows.values() for c in row["cells"]}
    assert not [item for item in worklist(staf) if item.key == "rencana_belum_diajukan"]


def test_the_staf_home_counts_equal_the_board(chase, staf, as_persona):
    client = as_persona("staf")
    home = client.get("/").content.decode()
    items = _items(staf)
    missing = _one(items, "rencana_belum_diajukan")
    late = _one(items, "terlambat")
    board_2026 = client.get("/program/kepatuhan/?tahun=2026").context["board"]
    board_2025 = client.get("/program/kepatuhan/?tahun=2025").context["board"]
    assert missing.label == "10 OPD belum mengajukan rencana 2026"
    assert missing.count == board_2026["opd_belum_rencana"] == 10
    assert late.label == "2 OPD terlambat melapor 2025" and board_2025["opd_terlambat"] == 2
    assert late.count == sum(c["state"] == "terlambat" for r in board_2025["rows"] for c in r["cells"]) == 8
    assert 'data-item="rencana_belum_diajukan"' in home and "10 OPD belum mengajukan rencana 2026" in home
    # The board page says the same numbers.
    board_html = client.get("/program/kepatuhan/?tahun=2026").content.decode()
    assert 'data-opd-belum-rencana="10"' in board_html and "Belum mengajukan rencana" in board_html


def test_the_worklist_lists_every_late_report_or_says_how_many_more(chase, staf, as_persona):
    late = _one(_items(staf), "terlambat")
    assert (late.count, len(late.rows), late.lainnya) == (8, 5, 3)
    home = as_persona("staf").get("/").content.decode()
    assert re.search(r'<a href="/program/kepatuhan/\?tahun=2025" data-lainnya="3">dan 3 lainnya</a>', home)


@pytest.mark.parametrize("persona", ["staf", "pimpinan", "petugas_a", "petugas_b"])
def test_every_worklist_link_opens_the_period_it_counts(persona, chase, as_persona, request):
    user = request.getfixturevalue(persona)
    client = as_persona(persona)
    checked = 0
    for item in worklist(user):
        year = re.search(r"\b(20\d\d)\b", item.label)
        if not year:
            continue  # counts that are not of one period (plans waiting verification, registry)
        for url in [item.url, *[row_url for _text, _detail, row_url in item.rows]]:
            assert _year_opened(client, url) == int(year[1]), (item.label, url)
            checked += 1
    assert checked  # every persona has at least one dated item in this data


def test_the_officers_of_the_opd_see_their_plan_missing(chase, petugas_a, petugas_b, as_persona):
    item = _one(_items(petugas_b), "rencana_belum_diajukan")
    assert item.label == "Rencana 2026 belum diajukan"
    [(text, detail, url)] = item.rows
    assert (text, detail) == ("Dinas Pendidikan 2026", "batas 31 Januari 2026, terlambat 15 hari")
    assert _year_opened(as_persona("petugas_b"), url) == 2026
    assert 'data-item="rencana_belum_diajukan"' in as_persona("petugas_b").get("/").content.decode()
    assert not [i for i in worklist(petugas_a) if i.key == "rencana_belum_diajukan"]  # Kominfo's is verified


def test_the_officer_is_told_before_the_deadline_too(chase, petugas_b, monkeypatch):
    clock(monkeypatch, datetime.date(2026, 1, 20))
    item = _one(_items(petugas_b), "rencana_belum_diajukan")
    assert item.rows[0][1] == "batas 31 Januari 2026, 11 hari lagi"


def test_the_board_query_count_does_not_grow_with_the_data(chase, as_persona, staf, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from opop.accounts.models import PerangkatDaerah
    from opop.accounts.roles import Role
    from tests.conftest import _make

    client = as_persona("staf")
    client.get("/program/kepatuhan/?tahun=2025")  # the session and the caches warm
    with CaptureQueriesContext(connection) as small:
        client.get("/program/kepatuhan/?tahun=2025")
    clock(monkeypatch, datetime.date(2025, 2, 1))
    for opd in PerangkatDaerah.objects.filter(aktif=True).exclude(kode__in=["kominfo", "dindik"])[:4]:
        officer = _make(f"petugas-{opd.kode}", Role.PETUGAS_OPD, opd)
        make_plan(actor=officer, opd=opd, tahun=2025, jumlah_kegiatan=2, status=Status.DIVERIFIKASI, verifier=staf)
    clock(monkeypatch, TODAY)
    with CaptureQueriesContext(connection) as large:
        client.get("/program/kepatuhan/?tahun=2025")
    assert len(large) == len(small) <= 14  # as test_kepatuhan.py bounds it
