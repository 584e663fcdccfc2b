import datetime

import pytest

from programs import services
from programs.models import Status
from programs.selectors import kepatuhan_by_opd, kepatuhan_state
from tests.access import LOGIN, assert_access
from tests.programs.factories import realisasi_data

MATRIX = {"anonymous": LOGIN, "admin": 200, "staf": 200, "pimpinan": 200, "petugas_a": 200, "petugas_b": 200}


@pytest.mark.parametrize("persona", MATRIX)
def test_compliance_access(persona, as_persona, db):
    assert_access(as_persona(persona).get("/program/kepatuhan/?tahun=2024"), MATRIX[persona])


@pytest.fixture
def reporting(verified_a, petugas_a, staf):
    """OPD A 2024: TW I submitted, TW II and TW III entered but not submitted, TW IV nothing.
    Deadlines: TW I 15 Apr 2024, TW II 15 Jul 2024 set by Diskop; TW III and IV by the default rule (15 Oct 2024,
    15 Jan 2025). OPD B has no plan."""
    services.batas_set(actor=staf, tahun=2024, triwulan=1, batas=datetime.date(2024, 4, 15))
    services.batas_set(actor=staf, tahun=2024, triwulan=2, batas=datetime.date(2024, 7, 15))
    for triwulan, output in ((1, 10), (2, 20), (3, 30)):
        for kegiatan in verified_a.kegiatan.all():
            services.realisasi_save(
                actor=petugas_a, kegiatan=kegiatan, triwulan=triwulan, data=realisasi_data(output=output)
            )
    services.laporan_submit(actor=petugas_a, rencana=verified_a, triwulan=1)
    return verified_a


def _states(board, singkatan):
    row = next(r for r in board["rows"] if r["opd"].singkatan == singkatan)
    return [c["state"] for c in row["cells"]]


def test_states_before_the_tw2_deadline(reporting, staf):
    board = kepatuhan_by_opd(staf, 2024, today=datetime.date(2024, 5, 1))
    assert _states(board, "Dinas Kominfo") == ["diajukan", "draf", "draf", "belum_mulai"]
    # OPD B has no plan and the plan deadline (31 January 2024 by the default rule) passed: its own state in every
    # quarter (issue 29), not "terlambat" for reports it could not make.
    assert _states(board, "Dinas Pendidikan") == ["belum_rencana"] * 4


def test_states_after_the_deadlines(reporting, staf):
    board = kepatuhan_by_opd(staf, 2024, today=datetime.date(2024, 8, 1))
    assert _states(board, "Dinas Kominfo") == ["diajukan", "terlambat", "draf", "belum_mulai"]
    row = next(r for r in board["rows"] if r["opd"].singkatan == "Dinas Kominfo")
    assert row["cells"][0]["late_submission"] is True  # submitted today, after 15 April 2024


def test_verified_report_counts_as_verified(reporting, staf):
    services.laporan_verify(actor=staf, rencana=reporting, triwulan=1)
    board = kepatuhan_by_opd(staf, 2024, today=datetime.date(2024, 8, 1))
    assert _states(board, "Dinas Kominfo")[0] == "diverifikasi"


def test_summary_counts_every_active_opd(reporting, staf):
    board = kepatuhan_by_opd(staf, 2024, today=datetime.date(2024, 8, 1))
    tw2 = {state: n for _label, state, n in board["summary"][2]}
    assert tw2 == {"terlambat": 1, "belum_rencana": 10}  # 11 active OPDs, only OPD A has a (verified) plan
    tw1 = {state: n for _label, state, n in board["summary"][1]}
    assert tw1 == {"diajukan": 1, "belum_rencana": 10}
    assert (board["opd_terlambat"], board["opd_belum_rencana"]) == (1, 10)


@pytest.mark.parametrize(
    ("status", "terisi", "batas", "expected"),
    [
        (None, 0, datetime.date(2024, 6, 1), "belum_mulai"),
        (None, 0, None, "tanpa_tenggat"),  # Diskop removed the deadline (issue 14: not "belum mulai")
        (None, 2, None, "draf"),
        (Status.DRAF, 0, datetime.date(2024, 4, 15), "terlambat"),
        (Status.DIKEMBALIKAN, 2, datetime.date(2024, 6, 1), "draf"),
        (Status.DIAJUKAN, 2, datetime.date(2024, 4, 15), "diajukan"),
        (Status.DIVERIFIKASI, 2, datetime.date(2024, 4, 15), "diverifikasi"),
    ],
)
def test_compliance_state_rules(status, terisi, batas, expected):
    from programs.models import LaporanTriwulan

    laporan = LaporanTriwulan(status=status) if status else None
    assert kepatuhan_state(laporan=laporan, terisi=terisi, batas=batas, today=datetime.date(2024, 5, 1)) == expected


def test_petugas_sees_only_own_opd_row(as_persona, reporting):
    board = as_persona("petugas_b").get("/program/kepatuhan/?tahun=2024").context["board"]
    assert [r["opd"].kode for r in board["rows"]] == ["dindik"]


def test_board_page_shows_states_and_deadlines(as_persona, reporting):
    html = as_persona("pimpinan").get("/program/kepatuhan/?tahun=2024").content.decode()
    assert "Batas 15 April 2024" in html and "Terlambat" in html and "Diajukan" in html
    assert "Atur batas pelaporan" not in html  # pimpinan reads only


def test_compliance_query_count_is_bounded(as_persona, reporting, django_assert_max_num_queries):
    client = as_persona("staf")
    # 10 before issue 29; the reporting-rate section reads four more (selectors.reporting_rates)
    with django_assert_max_num_queries(14):
        client.get("/program/kepatuhan/?tahun=2024")
