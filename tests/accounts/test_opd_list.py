import pytest

from opop.accounts.models import PerangkatDaerah


def test_petugas_sees_only_own_opd(as_persona, opd_a, opd_b):
    response = as_persona("petugas_b").get("/opd/")
    assert list(response.context["opds"]) == [opd_b]
    assert opd_a.nama not in response.content.decode()


@pytest.mark.parametrize("persona", ["admin", "staf", "pimpinan"])
def test_diskop_roles_see_every_opd(persona, as_persona):
    response = as_persona(persona).get("/opd/")
    assert len(response.context["opds"]) == PerangkatDaerah.objects.count() == 11


def test_opd_list_query_count_is_bounded(as_persona, django_assert_max_num_queries):
    client = as_persona("staf")
    with django_assert_max_num_queries(6):
        client.get("/opd/")
