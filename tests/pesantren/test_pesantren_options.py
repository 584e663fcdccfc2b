import pytest

from tests.access import PERSONAS, assert_access
from tests.pesantren.conftest import read_matrix

URL = "/pesantren/pilihan/"


@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix(persona, as_persona, pesantren):
    assert_access(as_persona(persona).get(URL, {"kabkota": "35.17"}), read_matrix()[persona])


def test_returns_the_pesantren_of_one_kabkota(as_persona, pesantren, pesantren_malang):
    data = as_persona("staf").get(URL, {"kabkota": "35.17"}).json()
    assert data == {"results": [{"id": pesantren.pk, "label": "Pondok Pesantren Tebuireng (510035170239)"}]}


def test_without_kabkota_returns_nothing(as_persona, pesantren):
    assert as_persona("staf").get(URL).json() == {"results": []}
