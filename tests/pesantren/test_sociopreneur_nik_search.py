import pytest

from tests.access import LOGIN, PERSONAS, assert_access

URL = "/sociopreneur/cari-nik/"
EXPECTED = {"anonymous": LOGIN, "admin": 302, "staf": 302, "pimpinan": 403, "petugas_a": 403, "petugas_b": 403}


@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix(persona, as_persona, socio):
    assert_access(as_persona(persona).post(URL, {"nik": socio.nik}), EXPECTED[persona])


def test_get_is_not_allowed(as_persona, socio):
    assert as_persona("staf").get(URL).status_code == 405


def test_found_nik_opens_the_person(as_persona, socio):
    assert as_persona("staf").post(URL, {"nik": socio.nik})["Location"] == f"/sociopreneur/{socio.pk}/"


def test_unknown_nik_returns_to_the_list(as_persona, socio):
    response = as_persona("staf").post(URL, {"nik": "3517999999999999"})
    assert response["Location"] == "/sociopreneur/"
