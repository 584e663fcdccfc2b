"""Reporting rate and timeliness per OPD per quarter and per year (issue 29, Done-when 3), on hand-made data: one
selector (programs.selectors.reporting_rates) read by the compliance board, the Pimpinan home and the FGD recap
(page and XLSX), so the three show the same numbers; a Petugas sees their own OPD's.

2025, deadlines by the default rule (15 April, 15 July, 15 October 2025, 15 January 2026); clock 15 February 2026.
  OPD A (Kominfo): TW I submitted 10 April (on time) · TW II 1 August (late) · TW III 10 October (on time), returned
                   by Diskop and submitted again 1 November: on time (its first submission counts) · TW IV missing
                   -> due 4, submitted 3 (75 %), on time 2 (50 %)
  OPD B (Dindik):  TW I submitted 15 April (the deadline day: on time) · TW II–IV missing -> 1 of 4 (25 %), 25 %
  Together: due 8, submitted 4 (50 %), on time 3 (37,5 %). Other OPDs have no verified 2025 plan: nothing due."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from programs import services
from programs.models import Status
from programs.selectors import Ketepatan, reporting_rates
from tests.programs.factories import make_plan, realisasi_data
from tests.programs.test_batas_rencana import TODAY, clock


def _report(monkeypatch, actor, rencana, triwulan, day):
    clock(monkeypatch, day)
    for kegiatan in rencana.kegiatan.all():
        services.realisasi_save(actor=actor, kegiatan=kegiatan, triwulan=triwulan, data=realisasi_data())
    services.laporan_submit(actor=actor, rencana=rencana, triwulan=triwulan)


@pytest.fixture
def reports(monkeypatch, staf, petugas_a, petugas_b, opd_a, opd_b):
    clock(monkeypatch, datetime.date(2025, 2, 1))
    a = make_plan(actor=petugas_a, opd=opd_a, tahun=2025, status=Status.DIVERIFIKASI, verifier=staf)
    b = make_plan(actor=petugas_b, opd=opd_b, tahun=2025, status=Status.DIVERIFIKASI, verifier=staf)
    _report(monkeypatch, petugas_a, a, 1, datetime.date(2025, 4, 10))
    _report(monkeypatch, petugas_b, b, 1, datetime.date(2025, 4, 15))
    _report(monkeypatch, petugas_a, a, 2, datetime.date(2025, 8, 1))
    _report(monkeypatch, petugas_a, a, 3, datetime.date(2025, 10, 10))
    services.laporan_return(actor=staf, rencana=a, triwulan=3, catatan="Lengkapi bukti.")
    clock(monkeypatch, datetime.date(2025, 11, 1))
    services.laporan_submit(actor=petugas_a, rencana=a, triwulan=3)
    clock(monkeypatch, TODAY)


def _by_opd(pelaporan):
    return {row.opd.kode: row for row in pelaporan.rows}


def test_the_hand_count(reports, staf):
    pelaporan = reporting_rates(staf, 2025)
    rows = _by_opd(pelaporan)
    assert list(rows) == ["kominfo", "dindik"] or set(rows) == {"kominfo", "dindik"}
    a, b = rows["kominfo"], rows["dindik"]
    assert a.triwulan == (Ketepatan(1, 1, 1), Ketepatan(1, 1, 0), Ketepatan(1, 1, 1), Ketepatan(1, 0, 0))
    assert (a.tahun.persen_masuk, a.tahun.persen_tepat) == (Decimal("75.00"), Decimal("50.00"))
    assert b.triwulan == (Ketepatan(1, 1, 1), Ketepatan(1, 0, 0), Ketepatan(1, 0, 0), Ketepatan(1, 0, 0))
    assert (b.tahun.persen_masuk, b.tahun.persen_tepat) == (Decimal("25.00"), Decimal("25.00"))
    assert pelaporan.total == Ketepatan(8, 4, 3)
    assert (pelaporan.total.persen_masuk, pelaporan.total.persen_tepat) == (Decimal("50.00"), Decimal("37.50"))
    assert pelaporan.triwulan[0] == Ketepatan(2, 2, 2)


def test_a_quarter_whose_deadline_has_not_passed_is_not_due(reports, staf):
    pelaporan = reporting_rates(staf, 2025, today=datetime.date(2025, 8, 1))  # TW II's deadline passed, TW III not
    a = _by_opd(pelaporan)["kominfo"]
    assert a.tahun == Ketepatan(2, 2, 1)
    assert a.triwulan[2] == Ketepatan()  # TW III: not due yet
    assert reporting_rates(staf, 2025, today=datetime.date(2025, 4, 15)).total == Ketepatan()  # the deadline day


def _numbers(html):
    """{opd kode or "" (all): (persen masuk, persen tepat)} from the data attributes of the shared section."""

    return {
        kode: (masuk, tepat)
        for kode, masuk, tepat in re.findall(
            r'<tr[^>]*data-opd="([^"]*)" data-masuk="([^"]*)" data-tepat="([^"]*)"', html
        )
    }


def test_board_pimpinan_home_and_recap_are_equal(reports, as_persona, staf):
    expected = reporting_rates(staf, 2025)
    board = as_persona("staf").get("/program/kepatuhan/?tahun=2025")
    home = as_persona("pimpinan").get("/?tahun=2025")
    recap = as_persona("staf").get("/program/rekap-fgd/?tahun=2026")  # the 2026 FGD judges 2025
    assert board.context["pelaporan"] == home.context["pelaporan"] == recap.context["recap"].pelaporan == expected
    wanted = {"kominfo": ("75.00", "50.00"), "dindik": ("25.00", "25.00"), "": ("50.00", "37.50")}
    for response in (board, home, recap):
        assert _numbers(response.content.decode()) == wanted
    book = load_workbook(io.BytesIO(as_persona("staf").get("/program/rekap-fgd.xlsx?tahun=2026").content))
    sheet = [[c.value for c in row] for row in book["Ketepatan pelaporan"].iter_rows()]
    lines = {line[0]: line for line in sheet[1:] if line and line[1] == 2025}
    assert lines["Dinas Kominfo"][2:] == ["1/1", "1/1", "1/1", "0/1", 4, 3, 2, 75, 50]
    assert lines["Dinas Pendidikan"][2:] == ["1/1", "0/1", "0/1", "0/1", 4, 1, 1, 25, 25]
    assert lines["Semua OPD"][2:] == ["2/2", "1/2", "1/2", "0/2", 8, 4, 3, 50, 37.5]


def test_the_staf_home_does_not_carry_the_section(reports, as_persona):
    assert as_persona("staf").get("/?tahun=2025").context["pelaporan"] is None


def test_pimpinan_home_in_january_shows_the_last_year_with_reports_due(reports, as_persona):
    pelaporan = as_persona("pimpinan").get("/?tahun=2026").context["pelaporan"]
    assert pelaporan.tahun == 2025 and pelaporan.total == Ketepatan(8, 4, 3)


@pytest.mark.parametrize(("persona", "kode"), [("petugas_a", "kominfo"), ("petugas_b", "dindik")])
def test_a_petugas_sees_only_their_own_opd(persona, kode, reports, as_persona):
    client = as_persona(persona)
    for pelaporan in (
        client.get("/program/kepatuhan/?tahun=2025").context["pelaporan"],
        client.get("/program/rekap-fgd/?tahun=2026").context["recap"].pelaporan,
    ):
        assert [row.opd.kode for row in pelaporan.rows] == [kode]
        assert pelaporan.total == pelaporan.rows[0].tahun
    html = client.get("/program/kepatuhan/?tahun=2025").content.decode()
    assert set(_numbers(html)) == {kode, ""}


def test_the_selector_query_count_is_bounded(reports, staf, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        reporting_rates(staf, 2025)
