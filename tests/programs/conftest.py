"""Plan fixtures: OPD A (kominfo, petugas_a) and OPD B (dindik, petugas_b), in each workflow state."""

import pytest

from programs.models import Status
from tests.programs.factories import first_line, make_plan

LOGIN = "login"
PERSONAS = ["anonymous", "admin", "staf", "pimpinan", "petugas_a", "petugas_b"]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def plan_a(petugas_a, opd_a):
    """OPD A's 2024 plan in draft with one line."""
    return make_plan(actor=petugas_a, opd=opd_a, tahun=2024, lines=1)


@pytest.fixture
def submitted_a(petugas_a, opd_a):
    return make_plan(actor=petugas_a, opd=opd_a, tahun=2024, lines=1, status=Status.DIAJUKAN)


@pytest.fixture
def returned_a(petugas_a, opd_a, staf):
    return make_plan(actor=petugas_a, opd=opd_a, tahun=2024, lines=1, status=Status.DIKEMBALIKAN, verifier=staf)


@pytest.fixture
def verified_a(petugas_a, opd_a, staf):
    return make_plan(actor=petugas_a, opd=opd_a, tahun=2024, lines=2, status=Status.DIVERIFIKASI, verifier=staf)


@pytest.fixture
def line_a(plan_a):
    return first_line(plan_a)


def assert_access(response, expected):
    """expected: an HTTP status, or LOGIN for a redirect to the login page."""
    if expected == LOGIN:
        assert response.status_code == 302, response.status_code
        assert response["Location"].startswith("/akun/masuk/")
    else:
        assert response.status_code == expected, (response.status_code, expected)
