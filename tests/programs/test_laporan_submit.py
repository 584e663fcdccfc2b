"""POST /program/<pk>/laporan/<tw>/ajukan/: the OPD submits a quarter's realisation report."""

import pytest

from programs.models import LaporanTriwulan, Status
from tests.access import LOGIN, assert_access
from tests.programs.factories import fill_quarter

MATRIX = {"anonymous": LOGIN, "admin": 302, "staf": 403, "pimpinan": 403, "petugas_a": 302, "petugas_b": 404}


@pytest.fixture
def filled(verified_a, petugas_a):
    fill_quarter(verified_a, petugas_a, 1)
    return verified_a


@pytest.mark.parametrize("persona", MATRIX)
def test_report_submit_access(persona, as_persona, filled):
    response = as_persona(persona).post(f"/program/{filled.pk}/laporan/1/ajukan/")
    assert_access(response, MATRIX[persona])
    expected = Status.DIAJUKAN if MATRIX[persona] == 302 else Status.DRAF
    assert LaporanTriwulan.objects.get(triwulan=1).status == expected


def test_submit_redirects_to_the_quarter(as_persona, filled):
    response = as_persona("petugas_a").post(f"/program/{filled.pk}/laporan/1/ajukan/")
    assert response["Location"] == f"/program/{filled.pk}/#tw-1"


def test_incomplete_report_is_refused_with_a_message(as_persona, verified_a):
    response = as_persona("petugas_a").post(f"/program/{verified_a.pk}/laporan/1/ajukan/", follow=True)
    assert "belum diisi untuk 2 kegiatan" in response.content.decode()
    assert not LaporanTriwulan.objects.exists()


def test_unknown_quarter_is_404(as_persona, filled):
    assert as_persona("petugas_a").post(f"/program/{filled.pk}/laporan/0/ajukan/").status_code == 404


def test_get_is_not_allowed(as_persona, filled):
    assert as_persona("petugas_a").get(f"/program/{filled.pk}/laporan/1/ajukan/").status_code == 405
