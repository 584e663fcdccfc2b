import pytest

from pesantren.models import Sociopreneur
from tests.access import PERSONAS, assert_access
from tests.once import post_twice
from tests.pesantren.conftest import write_matrix

URL = "/sociopreneur/baru/"


@pytest.fixture
def valid(pesantren):
    return {
        "nama": "Laila Hasanah",
        "nik": "3517020202850002",
        "jenis_kelamin": "P",
        "tanggal_lahir": "1985-02-02",
        "telepon": "",
        "kabkota_pesantren": "35.17",
        "pesantren_asal": pesantren.pk,
        "nama_usaha": "Rumah Jahit Berkah",
        "sektor": "UMKM perempuan",
        "kabkota": "35.17",
        "nib": "0220000123456",
        "tahun_mulai": "2020",
        "jumlah_pekerja": "6",
        "status": "aktif",
    }


@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix(persona, as_persona, db):
    assert_access(as_persona(persona).get(URL), write_matrix()[persona])


@pytest.mark.parametrize("persona", ["anonymous", "pimpinan", "petugas_a", "petugas_b"])
def test_handcrafted_post_by_non_writer_saves_nothing(persona, as_persona, valid):
    assert_access(as_persona(persona).post(URL, valid), write_matrix()[persona])
    assert not Sociopreneur.objects.exists()


def test_staf_creates_a_sociopreneur_with_history(as_persona, staf, valid):
    response = as_persona("staf").post(URL, {**valid, "alasan": "Data FGD"})
    person = Sociopreneur.objects.get()
    assert response["Location"] == f"/sociopreneur/{person.pk}/"
    assert (person.nib, person.kabkota_id) == ("0220000123456", "35.17")
    assert (person.history.get().history_user, person.history.get().history_change_reason) == (staf, "Data FGD")


def test_pesantren_of_origin_is_optional(as_persona, valid):
    as_persona("staf").post(URL, {**valid, "pesantren_asal": "", "kabkota_pesantren": ""})
    assert Sociopreneur.objects.get().pesantren_asal is None


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("nib", "12345", "NIB harus tepat 13 digit"),
        ("nama_usaha", "", "Bidang ini tidak boleh kosong"),
        ("kabkota", "99.99", "Masukkan pilihan yang valid"),
        ("pesantren_asal", "999999", "Masukkan pilihan yang valid"),
        ("jumlah_pekerja", "-1", "0"),
    ],
)
def test_invalid_input_saves_nothing(field, value, message, as_persona, valid):
    response = as_persona("staf").post(URL, {**valid, field: value})
    assert response.status_code == 200 and message in response.content.decode()
    assert not Sociopreneur.objects.exists()


@pytest.mark.parametrize("nik", ["3517020202850002", ""])
def test_double_submitted_form_creates_one_sociopreneur_and_the_second_goes_to_it(nik, as_persona, valid):
    client = as_persona("staf")
    first, second = post_twice(client, URL, {**valid, "nik": nik})
    person = Sociopreneur.objects.get()
    assert first["Location"] == second["Location"] == f"/sociopreneur/{person.pk}/"
