import pytest

from tests.access import LOGIN, PERSONAS, assert_access
from tests.pesantren.conftest import make_santri

EXPECTED = {"anonymous": LOGIN, "admin": 302, "staf": 302, "pimpinan": 403, "petugas_a": 403, "petugas_b": 403}


@pytest.fixture
def pair(pesantren):
    return make_santri(pesantren, nama="Siti Aminah"), make_santri(pesantren, nama="Siti  Aminah")


def url(a, b):
    return f"/santripreneur/{a.pk}/bukan-duplikat/{b.pk}/"


@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix(persona, as_persona, pair):
    a, b = pair
    assert_access(as_persona(persona).post(url(a, b)), EXPECTED[persona])
    assert a.bukan_duplikat.filter(pk=b.pk).exists() == (EXPECTED[persona] == 302)


def test_get_is_not_allowed(as_persona, pair):
    assert as_persona("staf").get(url(*pair)).status_code == 405


def test_decision_removes_the_warning_on_both_sides_and_is_in_both_histories(as_persona, staf, pair):
    a, b = pair
    client = as_persona("staf")
    assert client.post(url(a, b))["Location"] == f"/santripreneur/{a.pk}/"
    assert not client.get(f"/santripreneur/{a.pk}/").context["duplicates"]
    assert not client.get(f"/santripreneur/{b.pk}/").context["duplicates"]
    for person, other in ((a, b), (b, a)):
        record = person.history.order_by("-history_id").first()
        assert record.history_user == staf
        assert record.history_change_reason == f"Dipastikan bukan duplikat dari #{other.pk}"


def test_unrelated_person_is_404(as_persona, pair, pesantren):
    stranger = make_santri(pesantren, nama="Budi Santoso")
    assert as_persona("staf").post(url(pair[0], stranger)).status_code == 404
