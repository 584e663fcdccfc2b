import pytest

from opop.common.concurrency import version_of
from pesantren import services
from pesantren.models import Santripreneur
from tests.access import PERSONAS, assert_access
from tests.pesantren.conftest import NIK, make_santri, write_matrix


def url(p):
    return f"/santripreneur/{p.pk}/ubah/"


def form_data(p, **changes):
    data = {
        "nama": p.nama,
        "nik": p.nik or "",
        "jenis_kelamin": p.jenis_kelamin,
        "telepon": p.telepon,
        "tanggal_lahir": p.tanggal_lahir.isoformat() if p.tanggal_lahir else "",
        "pesantren": p.pesantren_id,
        "bidang_usaha": p.bidang_usaha,
        "tahun_terdaftar": p.tahun_terdaftar,
        "status": p.status,
        "versi": version_of(p),
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix(persona, as_persona, santri):
    assert_access(as_persona(persona).get(url(santri)), write_matrix()[persona])


@pytest.mark.parametrize("persona", ["anonymous", "pimpinan", "petugas_a"])
def test_handcrafted_post_by_non_writer_changes_nothing(persona, as_persona, santri):
    assert_access(as_persona(persona).post(url(santri), form_data(santri, nik="")), write_matrix()[persona])
    assert Santripreneur.objects.get().nik == NIK


def test_edit_form_lists_the_pesantren_of_the_persons_kabkota(as_persona, santri, pesantren_malang):
    response = as_persona("staf").get(url(santri))
    choices = [value for value, _ in response.context["form"].fields["pesantren"].widget.choices]
    assert choices == ["", santri.pesantren_id]
    assert response.context["form"].initial["kabkota_pesantren"] == "35.17"


def test_staf_moves_a_person_to_another_pesantren_with_a_reason(as_persona, staf, santri, pesantren_malang):
    data = form_data(santri, pesantren=pesantren_malang.pk, kabkota_pesantren="35.07", alasan="Pindah pondok")
    response = as_persona("staf").post(url(santri), data)
    assert response.status_code == 302
    santri.refresh_from_db()
    assert santri.pesantren == pesantren_malang
    record = santri.history.order_by("-history_id").first()
    assert (record.history_user, record.history_change_reason) == (staf, "Pindah pondok")


def test_taking_another_persons_nik_is_refused(as_persona, santri, pesantren):
    other = make_santri(pesantren, nama="Budi", nik="3517010101900009")
    response = as_persona("staf").post(url(other), form_data(other, nik=NIK))
    assert "dengan NIK telah ada" in response.content.decode()
    other.refresh_from_db()
    assert other.nik == "3517010101900009"


def test_invalid_edit_changes_nothing(as_persona, santri):
    response = as_persona("admin").post(url(santri), form_data(santri, nama="", tahun_terdaftar="1999"))
    assert response.status_code == 200
    assert Santripreneur.objects.get().nama == "Siti Aminah" and santri.history.count() == 1


def test_a_save_over_someone_elses_newer_change_is_refused(as_persona, admin, santri):
    client = as_persona("staf")
    loaded = client.get(url(santri)).context["form"]["versi"].value()
    services.santripreneur_save(actor=admin, person=Santripreneur.objects.get(), bidang_usaha="Kopi", reason="Survei")
    response = client.post(url(santri), form_data(santri, versi=loaded, bidang_usaha="Batik"))
    assert response.status_code == 200
    assert "Data ini sudah diubah oleh Alice" in response.content.decode()
    assert Santripreneur.objects.get().bidang_usaha == "Kopi"


def test_a_save_with_the_current_version_goes_through(as_persona, santri):
    client = as_persona("staf")
    loaded = client.get(url(santri)).context["form"]["versi"].value()
    assert client.post(url(santri), form_data(santri, versi=loaded, bidang_usaha="Batik")).status_code == 302
    assert Santripreneur.objects.get().bidang_usaha == "Batik"
