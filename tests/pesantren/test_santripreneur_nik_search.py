import logging

import pytest

from tests.access import LOGIN, PERSONAS, assert_access
from tests.pesantren.conftest import NIK

URL = "/santripreneur/cari-nik/"
EXPECTED = {"anonymous": LOGIN, "admin": 302, "staf": 302, "pimpinan": 403, "petugas_a": 403, "petugas_b": 403}


@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix(persona, as_persona, santri):
    assert_access(as_persona(persona).post(URL, {"nik": NIK}), EXPECTED[persona])


def test_get_is_not_allowed(as_persona, santri):
    assert as_persona("staf").get(URL).status_code == 405


def test_found_nik_opens_the_person_without_the_nik_in_any_url(as_persona, santri):
    response = as_persona("staf").post(URL, {"nik": NIK})
    assert response["Location"] == f"/santripreneur/{santri.pk}/"


def test_unknown_nik_returns_to_the_list_with_a_message(as_persona, santri):
    response = as_persona("staf").post(URL, {"nik": "3517999999999999"}, follow=True)
    assert response.redirect_chain == [("/santripreneur/", 302)]
    html = response.content.decode()
    assert "Tidak ada data dengan NIK tersebut" in html and "3517999999999999" not in html


def test_malformed_nik_is_refused(as_persona, santri):
    response = as_persona("admin").post(URL, {"nik": "3.51701E+15"}, follow=True)
    assert "NIK harus tepat 16 digit angka" in response.content.decode()


def test_nik_is_not_written_to_the_log(as_persona, santri, caplog):
    with caplog.at_level(logging.DEBUG):
        as_persona("staf").post(URL, {"nik": NIK})
        as_persona("pimpinan").post(URL, {"nik": NIK})  # the 403 is logged as a warning
    assert NIK not in caplog.text
