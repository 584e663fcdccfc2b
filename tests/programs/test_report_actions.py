"""The quarterly report actions: submit (OPD), verify and return (Diskop). POST only."""

import pytest

from programs import services
from programs.models import LaporanTriwulan, Status
from tests.programs.conftest import LOGIN, assert_access
from tests.programs.factories import realisasi_data

SUBMIT = {"anonymous": LOGIN, "admin": 302, "staf": 403, "pimpinan": 403, "petugas_a": 302, "petugas_b": 404}
VERIFY = {"anonymous": LOGIN, "admin": 302, "staf": 302, "pimpinan": 403, "petugas_a": 403, "petugas_b": 404}


def _fill(rencana, actor):
    for line in rencana.lines.all():
        services.realisasi_save(actor=actor, line=line, triwulan=1, data=realisasi_data())


@pytest.fixture
def filled(verified_a, petugas_a):
    _fill(verified_a, petugas_a)
    return verified_a


@pytest.fixture
def submitted_report(filled, petugas_a):
    services.laporan_submit(actor=petugas_a, rencana=filled, triwulan=1)
    return filled


def _status():
    return LaporanTriwulan.objects.get(triwulan=1).status


@pytest.mark.parametrize("persona", SUBMIT)
def test_report_submit_access(persona, as_persona, filled):
    response = as_persona(persona).post(f"/program/{filled.pk}/laporan/1/ajukan/")
    assert_access(response, SUBMIT[persona])
    assert _status() == (Status.DIAJUKAN if SUBMIT[persona] == 302 else Status.DRAF)


@pytest.mark.parametrize("persona", VERIFY)
def test_report_verify_access(persona, as_persona, submitted_report):
    response = as_persona(persona).post(f"/program/{submitted_report.pk}/laporan/1/verifikasi/")
    assert_access(response, VERIFY[persona])
    assert _status() == (Status.DIVERIFIKASI if VERIFY[persona] == 302 else Status.DIAJUKAN)


@pytest.mark.parametrize("persona", VERIFY)
def test_report_return_access(persona, as_persona, submitted_report):
    response = as_persona(persona).post(f"/program/{submitted_report.pk}/laporan/1/kembalikan/", {"catatan": "Bukti?"})
    assert_access(response, VERIFY[persona])
    assert _status() == (Status.DIKEMBALIKAN if VERIFY[persona] == 302 else Status.DIAJUKAN)


def test_incomplete_report_is_refused_with_a_message(as_persona, verified_a):
    response = as_persona("petugas_a").post(f"/program/{verified_a.pk}/laporan/1/ajukan/", follow=True)
    assert "belum diisi untuk 2 kegiatan" in response.content.decode()
    assert not LaporanTriwulan.objects.exists()


def test_return_without_notes_changes_nothing(as_persona, submitted_report):
    response = as_persona("staf").post(f"/program/{submitted_report.pk}/laporan/1/kembalikan/", {}, follow=True)
    assert "Tuliskan catatan perbaikan" in response.content.decode()
    assert _status() == Status.DIAJUKAN


def test_unknown_quarter_is_404(as_persona, filled):
    assert as_persona("petugas_a").post(f"/program/{filled.pk}/laporan/0/ajukan/").status_code == 404


@pytest.mark.parametrize("action", ["ajukan", "verifikasi", "kembalikan"])
def test_get_is_not_allowed(action, as_persona, filled):
    assert as_persona("admin").get(f"/program/{filled.pk}/laporan/1/{action}/").status_code == 405
