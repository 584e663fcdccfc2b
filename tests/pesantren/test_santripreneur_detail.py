import pytest

from pesantren import services
from tests.access import PERSONAS, assert_access
from tests.pesantren.conftest import NIK, NIK_MASKED, PHONE, make_participation, make_santri, read_matrix


def url(p):
    return f"/santripreneur/{p.pk}/"


@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix(persona, as_persona, santri):
    assert_access(as_persona(persona).get(url(santri)), read_matrix()[persona])


def test_unknown_person_is_404(as_persona, db):
    assert as_persona("pimpinan").get("/santripreneur/999999/").status_code == 404


def test_post_is_not_allowed(as_persona, santri):
    assert as_persona("staf").post(url(santri)).status_code == 405


def test_staf_sees_personal_data_in_full(as_persona, santri):
    html = as_persona("staf").get(url(santri)).content.decode()
    assert NIK in html and PHONE in html and "1 Januari 1990" in html


def test_pimpinan_sees_personal_data_masked(as_persona, santri):
    html = as_persona("pimpinan").get(url(santri)).content.decode()
    assert NIK_MASKED in html and "0812******90" in html and "**-**-1990" in html
    assert NIK not in html and PHONE not in html and "1 Januari 1990" not in html


@pytest.mark.parametrize("persona", ["petugas_a", "petugas_b"])
def test_petugas_sees_no_personal_data_anywhere_including_history(persona, as_persona, staf, santri):
    services.santripreneur_save(
        actor=staf, person=santri, nik="3517010101900002", telepon="081299990000", reason="Koreksi NIK"
    )
    html = as_persona(persona).get(url(santri)).content.decode()
    for value in ("3517010101900002", "3517********0002", NIK, NIK_MASKED, "081299990000", PHONE, "1990"):
        assert value not in html
    assert "Koreksi NIK" in html and "(disembunyikan)" in html


def test_pimpinan_history_hides_personal_values(as_persona, staf, santri):
    services.santripreneur_save(actor=staf, person=santri, nik="3517010101900002", reason="Koreksi NIK")
    html = as_persona("pimpinan").get(url(santri)).content.decode()
    assert "3517010101900002" not in html and NIK not in html and "(disembunyikan)" in html


def test_staf_history_shows_old_and_new_values(as_persona, staf, santri):
    services.santripreneur_save(actor=staf, person=santri, nik="3517010101900002", reason="Koreksi NIK")
    html = as_persona("staf").get(url(santri)).content.decode()
    assert NIK in html and "3517010101900002" in html and "Koreksi NIK" in html


def test_participations_and_suspected_duplicates_are_listed(as_persona, santri, pesantren, diskop, kominfo):
    make_participation(santri, diskop)
    make_participation(santri, kominfo, kegiatan="Pelatihan Pemasaran Digital")
    twin = make_santri(pesantren, nama="SITI  AMINAH")
    response = as_persona("staf").get(url(santri))
    html = response.content.decode()
    assert len(response.context["participations"]) == 2
    assert "Pelatihan Pemasaran Digital" in html and "Dinas Kominfo" in html
    assert [d.pk for d in response.context["duplicates"]] == [twin.pk]
    assert f"/santripreneur/{santri.pk}/gabung/{twin.pk}/" in html


def test_merge_actions_are_hidden_from_read_only_roles(as_persona, santri, pesantren):
    make_santri(pesantren, nama="Siti Aminah")
    html = as_persona("pimpinan").get(url(santri)).content.decode()
    assert "Dugaan duplikat" in html and "/gabung/" not in html and "bukan-duplikat" not in html


def test_detail_query_count_is_bounded(as_persona, santri, pesantren, diskop, django_assert_max_num_queries):
    for year in range(2019, 2025):
        make_participation(santri, diskop, tahun=year)
    for _ in range(3):
        make_santri(pesantren, nama="Siti Aminah")
    client = as_persona("staf")
    with django_assert_max_num_queries(12):
        client.get(url(santri))
