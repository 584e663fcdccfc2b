"""POST /program/<pk>/laporan/<tw>/kembalikan/: Diskop returns a submitted quarterly report with notes."""

import pytest

from programs import services
from programs.models import LaporanTriwulan, Status
from tests.access import LOGIN, assert_access
from tests.programs.factories import fill_quarter

MATRIX = {"anonymous": LOGIN, "admin": 302, "staf": 302, "pimpinan": 403, "petugas_a": 403, "petugas_b": 404}


@pytest.fixture
def submitted_report(verified_a, petugas_a):
    fill_quarter(verified_a, petugas_a, 1)
    services.laporan_submit(actor=petugas_a, rencana=verified_a, triwulan=1)
    return verified_a


@pytest.mark.parametrize("persona", MATRIX)
def test_report_return_access(persona, as_persona, submitted_report):
    url = f"/program/{submitted_report.pk}/laporan/1/kembalikan/"
    response = as_persona(persona).post(url, {"catatan": "Lampirkan daftar hadir."})
    assert_access(response, MATRIX[persona])
    expected = Status.DIKEMBALIKAN if MATRIX[persona] == 302 else Status.DIAJUKAN
    assert LaporanTriwulan.objects.get(triwulan=1).status == expected


def test_returned_report_shows_the_notes_to_the_officer(as_persona, submitted_report, client, petugas_a):
    as_persona("staf").post(f"/program/{submitted_report.pk}/laporan/1/kembalikan/", {"catatan": "Lampirkan foto."})
    client.force_login(petugas_a)
    html = client.get(f"/program/{submitted_report.pk}/").content.decode()
    assert "Lampirkan foto." in html


def test_return_without_notes_changes_nothing(as_persona, submitted_report):
    response = as_persona("staf").post(f"/program/{submitted_report.pk}/laporan/1/kembalikan/", {}, follow=True)
    assert "Tuliskan catatan perbaikan" in response.content.decode()
    assert LaporanTriwulan.objects.get(triwulan=1).status == Status.DIAJUKAN


def test_get_is_not_allowed(as_persona, submitted_report):
    assert as_persona("staf").get(f"/program/{submitted_report.pk}/laporan/1/kembalikan/").status_code == 405
