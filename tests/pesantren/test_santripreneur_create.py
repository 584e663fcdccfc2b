import logging

import pytest
from django.test import override_settings

from pesantren.models import Santripreneur
from tests.access import PERSONAS, assert_access
from tests.once import post_twice
from tests.pesantren.conftest import NIK, make_santri, write_matrix

URL = "/santripreneur/baru/"


@pytest.fixture
def valid(pesantren):
    return {
        "nama": "  Siti   Aminah ",
        "nik": NIK,
        "jenis_kelamin": "P",
        "tanggal_lahir": "1990-01-01",
        "telepon": "081234567890",
        "kabkota_pesantren": "35.17",
        "pesantren": pesantren.pk,
        "bidang_usaha": "Kuliner",
        "tahun_terdaftar": "2023",
        "status": "aktif",
        "alasan": "Pelatihan Diskop 2023",
    }


@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix(persona, as_persona, pesantren):
    assert_access(as_persona(persona).get(URL), write_matrix()[persona])


@pytest.mark.parametrize("persona", ["anonymous", "pimpinan", "petugas_a", "petugas_b"])
def test_handcrafted_post_by_non_writer_saves_nothing(persona, as_persona, valid):
    assert_access(as_persona(persona).post(URL, valid), write_matrix()[persona])
    assert not Santripreneur.objects.exists()


def test_staf_creates_a_person_with_normalised_name_and_history(as_persona, staf, valid):
    response = as_persona("staf").post(URL, valid)
    person = Santripreneur.objects.get()
    assert response["Location"] == f"/santripreneur/{person.pk}/"
    assert (person.nama, person.nama_normal, person.nik) == ("Siti Aminah", "siti aminah", NIK)
    record = person.history.get()
    assert (record.history_type, record.history_user, record.history_change_reason) == (
        "+",
        staf,
        "Pelatihan Diskop 2023",
    )


def test_empty_nik_is_stored_as_null_so_many_people_may_lack_one(as_persona, valid):
    client = as_persona("staf")
    client.post(URL, {**valid, "nik": ""})
    client.post(URL, {**valid, "nik": "", "nama": "Budi"})
    assert list(Santripreneur.objects.values_list("nik", flat=True)) == [None, None]


def test_pesantren_choice_is_preselected_from_the_pesantren_page(as_persona, pesantren):
    response = as_persona("staf").get(URL, {"pesantren": pesantren.pk})
    form = response.context["form"]
    assert form.initial["pesantren"] == str(pesantren.pk) and form.initial["kabkota_pesantren"] == "35.17"
    assert "Pondok Pesantren Tebuireng (510035170239)" in response.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("nik", "3.51701E+15", "NIK harus tepat 16 digit"),
        ("nik", "351701010190000", "NIK harus tepat 16 digit"),
        ("nama", "", "Bidang ini tidak boleh kosong"),
        ("tanggal_lahir", "31-02-1990", "Masukkan tanggal yang valid"),
        ("telepon", "0812", "Nomor telepon tidak valid"),
        ("tahun_terdaftar", "2018", "2019"),
        ("pesantren", "", "Bidang ini tidak boleh kosong"),
    ],
)
def test_invalid_input_shows_errors_and_saves_nothing(field, value, message, as_persona, valid):
    response = as_persona("staf").post(URL, {**valid, field: value})
    assert response.status_code == 200 and message in response.content.decode()
    assert not Santripreneur.objects.exists()


def test_unknown_pesantren_id_is_rejected(as_persona, valid):
    response = as_persona("staf").post(URL, {**valid, "pesantren": "999999"})
    assert "Masukkan pilihan yang valid" in response.content.decode()
    assert not Santripreneur.objects.exists()


def test_duplicate_nik_is_refused_without_echoing_other_records(as_persona, valid, santri):
    response = as_persona("staf").post(URL, {**valid, "nama": "Orang Lain"})
    assert "dengan NIK telah ada" in response.content.decode()
    assert Santripreneur.objects.count() == 1


def test_same_name_birth_date_and_pesantren_is_saved_with_a_duplicate_warning(as_persona, valid, pesantren):
    make_santri(pesantren, nama="Siti Aminah", nik=None)
    response = as_persona("staf").post(URL, {**valid, "nik": ""}, follow=True)
    assert Santripreneur.objects.count() == 2
    assert "Periksa bagian Dugaan duplikat" in response.content.decode()


@override_settings(DEBUG=False)
def test_a_crash_while_saving_leaks_no_personal_data_to_page_or_log(as_persona, valid, monkeypatch, caplog):
    def boom(**kwargs):
        raise RuntimeError("disk penuh")

    monkeypatch.setattr("pesantren.services.santripreneur_save", boom)
    client = as_persona("staf")
    client.raise_request_exception = False
    with caplog.at_level(logging.DEBUG):
        response = client.post(URL, valid)
    assert response.status_code == 500
    assert NIK not in response.content.decode() and NIK not in caplog.text
    assert not Santripreneur.objects.exists()


@pytest.mark.parametrize("nik", [NIK, ""])
def test_double_submitted_form_creates_one_person_and_the_second_goes_to_it(nik, as_persona, valid):
    client = as_persona("staf")
    first, second = post_twice(client, URL, {**valid, "nik": nik})
    person = Santripreneur.objects.get()
    assert first["Location"] == second["Location"] == f"/santripreneur/{person.pk}/"
    assert "sudah dikirim sebelumnya" in client.get(second["Location"]).content.decode()
