"""POST /program/<pk>/laporan/<tw>/verifikasi/: Diskop verifies a submitted quarterly report."""

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
def test_report_verify_access(persona, as_persona, submitted_report):
    response = as_persona(persona).post(f"/program/{submitted_report.pk}/laporan/1/verifikasi/")
    assert_access(response, MATRIX[persona])
    expected = Status.DIVERIFIKASI if MATRIX[persona] == 302 else Status.DIAJUKAN
    assert LaporanTriwulan.objects.get(triwulan=1).status == expected


def test_verifying_a_draft_report_is_refused(as_persona, verified_a, petugas_a):
    fill_quarter(verified_a, petugas_a, 1)
    response = as_persona("staf").post(f"/program/{verified_a.pk}/laporan/1/verifikasi/", follow=True)
    assert "Hanya laporan yang sudah diajukan" in response.content.decode()
    assert LaporanTriwulan.objects.get(triwulan=1).status == Status.DRAF


def test_get_is_not_allowed(as_persona, submitted_report):
    assert as_persona("staf").get(f"/program/{submitted_report.pk}/laporan/1/verifikasi/").status_code == 405
