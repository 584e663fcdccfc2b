import pytest

from pesantren.models import Pesantren
from tests.access import PERSONAS, assert_access
from tests.once import post_twice
from tests.pesantren.conftest import write_matrix

URL = "/pesantren/baru/"
VALID = {
    "nspp": "510035170239",
    "nama": "Pondok Pesantren Tebuireng",
    "kabkota": "35.17",
    "kecamatan": "35.17.08",
    "tipologi": "kombinasi",
    "tahun_kohort": "2021",
    "status": "aktif",
    "alasan": "Pendataan awal",
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix(persona, as_persona, db):
    assert_access(as_persona(persona).get(URL), write_matrix()[persona])


@pytest.mark.parametrize("persona", ["anonymous", "pimpinan", "petugas_a", "petugas_b"])
def test_handcrafted_post_by_non_writer_saves_nothing(persona, as_persona, db):
    response = as_persona(persona).post(URL, VALID)
    assert_access(response, write_matrix()[persona])
    assert not Pesantren.objects.exists()


def test_staf_creates_a_pesantren_with_history(as_persona, staf):
    response = as_persona("staf").post(URL, VALID)
    pesantren = Pesantren.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/pesantren/{pesantren.pk}/"
    assert (pesantren.nspp, pesantren.kabkota_id, pesantren.kecamatan_id) == ("510035170239", "35.17", "35.17.08")
    record = pesantren.history.get()
    assert (record.history_type, record.history_user, record.history_change_reason) == ("+", staf, "Pendataan awal")


def test_nspp_mismatch_saves_with_a_warning(as_persona, db):
    response = as_persona("admin").post(URL, {**VALID, "nspp": "510035070239"}, follow=True)
    assert Pesantren.objects.filter(nspp="510035070239").exists()
    assert "tidak sama dengan kode Kabupaten Jombang" in response.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("nspp", "5.10035E+11", "NSPP harus 12 digit"),
        ("nspp", "610035170239", "NSPP harus 12 digit"),
        ("nama", "", "Bidang ini tidak boleh kosong"),
        ("kabkota", "", "Bidang ini tidak boleh kosong"),
        ("tahun_kohort", "2010", "2019"),
        ("telepon", "12345", "Nomor telepon tidak valid"),
        ("alasan", "x" * 101, "100"),
    ],
)
def test_invalid_input_shows_errors_and_saves_nothing(field, value, message, as_persona, db):
    response = as_persona("staf").post(URL, {**VALID, field: value})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Pesantren.objects.exists()


def test_kecamatan_outside_the_kabkota_is_rejected(as_persona, db):
    response = as_persona("staf").post(URL, {**VALID, "kecamatan": "35.07.01"})
    assert "tidak berada di kabupaten/kota" in response.content.decode()
    assert not Pesantren.objects.exists()


@pytest.mark.parametrize(("field", "value"), [("kabkota", "99.99"), ("kecamatan", "35.99.99")])
def test_unknown_choice_is_rejected(field, value, as_persona, db):
    response = as_persona("staf").post(URL, {**VALID, field: value})
    assert "Masukkan pilihan yang valid" in response.content.decode()
    assert not Pesantren.objects.exists()


def test_duplicate_nspp_is_rejected(as_persona, pesantren):
    response = as_persona("staf").post(URL, {**VALID, "nama": "Lain"})
    assert "dengan NSPP telah ada" in response.content.decode()
    assert Pesantren.objects.count() == 1


def test_double_submitted_form_creates_one_pesantren_and_the_second_goes_to_it(as_persona):
    client = as_persona("staf")
    first, second = post_twice(client, URL, VALID)
    pesantren = Pesantren.objects.get()
    assert first["Location"] == second["Location"] == f"/pesantren/{pesantren.pk}/"
    assert "sudah dikirim sebelumnya" in client.get(second["Location"]).content.decode()
