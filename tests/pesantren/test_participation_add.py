import pytest

from pesantren.models import Participation
from tests.access import PERSONAS, assert_access
from tests.pesantren.conftest import make_participation, write_matrix


def url(p):
    return f"/santripreneur/{p.pk}/partisipasi/baru/"


@pytest.fixture
def valid(kominfo):
    return {"kegiatan": "Pelatihan Pemasaran Digital", "opd": kominfo.pk, "tahun": "2024", "alasan": "Daftar hadir"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix(persona, as_persona, santri):
    assert_access(as_persona(persona).get(url(santri)), write_matrix()[persona])


@pytest.mark.parametrize("persona", ["anonymous", "pimpinan", "petugas_a", "petugas_b"])
def test_handcrafted_post_by_non_writer_saves_nothing(persona, as_persona, santri, valid):
    assert_access(as_persona(persona).post(url(santri), valid), write_matrix()[persona])
    assert not Participation.objects.exists()


def test_three_opds_make_three_participations_of_one_person(as_persona, staf, santri, valid, diskop, opd_b):
    client = as_persona("staf")
    for opd in (valid["opd"], diskop.pk, opd_b.pk):
        response = client.post(url(santri), {**valid, "opd": opd})
        assert response["Location"] == f"/santripreneur/{santri.pk}/#partisipasi"
    assert santri.partisipasi.count() == 3
    record = Participation.history.filter(history_type="+").first()
    assert (record.history_user, record.history_change_reason) == (staf, "Daftar hadir")


def test_the_same_activity_twice_is_refused(as_persona, santri, valid, kominfo):
    make_participation(santri, kominfo, kegiatan="Pelatihan Pemasaran Digital", tahun=2024)
    response = as_persona("staf").post(url(santri), valid)
    assert "sudah tercatat pada kegiatan, OPD, dan tahun yang sama" in response.content.decode()
    assert Participation.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [("kegiatan", "", "Bidang ini tidak boleh kosong"), ("tahun", "2015", "2019"), ("opd", "999999", "pilihan")],
)
def test_invalid_input_saves_nothing(field, value, message, as_persona, santri, valid):
    response = as_persona("staf").post(url(santri), {**valid, field: value})
    assert response.status_code == 200 and message in response.content.decode()
    assert not Participation.objects.exists()


def test_inactive_opd_cannot_be_chosen(as_persona, santri, valid, kominfo):
    kominfo.aktif = False
    kominfo.save()
    response = as_persona("staf").post(url(santri), valid)
    assert "Masukkan pilihan yang valid" in response.content.decode()
    assert not Participation.objects.exists()
