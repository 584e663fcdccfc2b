import pytest

from pesantren import services
from tests.access import PERSONAS, assert_access
from tests.pesantren.conftest import PHONE, read_matrix


def url(p):
    return f"/sociopreneur/{p.pk}/"


@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix(persona, as_persona, socio):
    assert_access(as_persona(persona).get(url(socio)), read_matrix()[persona])


def test_unknown_person_is_404(as_persona, db):
    assert as_persona("staf").get("/sociopreneur/999999/").status_code == 404


def test_post_is_not_allowed(as_persona, socio):
    assert as_persona("staf").post(url(socio)).status_code == 405


def test_detail_shows_business_and_personal_data_per_role(as_persona, staf, socio):
    services.sociopreneur_save(actor=staf, person=socio, jumlah_pekerja=9, telepon="081299990000", reason="Survei")
    staf_html = as_persona("staf").get(url(socio)).content.decode()
    assert "Rumah Jahit Berkah" in staf_html and "3517020202850002" in staf_html and "Survei" in staf_html
    pimpinan = as_persona("pimpinan").get(url(socio)).content.decode()
    assert "3517********0002" in pimpinan and "081299990000" not in pimpinan and PHONE not in pimpinan
    petugas = as_persona("petugas_a").get(url(socio)).content.decode()
    for value in ("3517020202850002", "3517********0002", "081299990000", PHONE, "1990"):
        assert value not in petugas
    assert "Survei" in petugas


def test_detail_query_count_is_bounded(as_persona, socio, django_assert_max_num_queries):
    client = as_persona("staf")
    with django_assert_max_num_queries(8):
        client.get(url(socio))
