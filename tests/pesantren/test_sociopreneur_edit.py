import pytest

from opop.common.concurrency import version_of
from pesantren import services
from pesantren.models import Sociopreneur
from tests.access import PERSONAS, assert_access
from tests.pesantren.conftest import write_matrix


def url(p):
    return f"/sociopreneur/{p.pk}/ubah/"


def form_data(p, **changes):
    data = {
        "nama": p.nama,
        "nik": p.nik or "",
        "jenis_kelamin": p.jenis_kelamin,
        "telepon": p.telepon,
        "tanggal_lahir": p.tanggal_lahir.isoformat() if p.tanggal_lahir else "",
        "pesantren_asal": p.pesantren_asal_id or "",
        "nama_usaha": p.nama_usaha,
        "sektor": p.sektor,
        "kabkota": p.kabkota_id,
        "nib": p.nib,
        "tahun_mulai": p.tahun_mulai,
        "jumlah_pekerja": p.jumlah_pekerja,
        "status": p.status,
        "versi": version_of(p),
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix(persona, as_persona, socio):
    assert_access(as_persona(persona).get(url(socio)), write_matrix()[persona])


@pytest.mark.parametrize("persona", ["anonymous", "pimpinan", "petugas_a"])
def test_handcrafted_post_by_non_writer_changes_nothing(persona, as_persona, socio):
    response = as_persona(persona).post(url(socio), form_data(socio, jumlah_pekerja=99))
    assert_access(response, write_matrix()[persona])
    assert Sociopreneur.objects.get().jumlah_pekerja == 6


def test_staf_edits_with_a_reason(as_persona, staf, socio):
    response = as_persona("staf").post(url(socio), form_data(socio, jumlah_pekerja=12, alasan="Survei 2024"))
    assert response.status_code == 302
    socio.refresh_from_db()
    assert socio.jumlah_pekerja == 12
    assert socio.history.order_by("-history_id").first().history_change_reason == "Survei 2024"


def test_invalid_edit_changes_nothing(as_persona, socio):
    response = as_persona("staf").post(url(socio), form_data(socio, nama_usaha="", jumlah_pekerja=99))
    assert response.status_code == 200
    assert Sociopreneur.objects.get().jumlah_pekerja == 6


def test_a_save_over_someone_elses_newer_change_is_refused(as_persona, admin, socio):
    client = as_persona("staf")
    loaded = client.get(url(socio)).context["form"]["versi"].value()
    services.sociopreneur_save(actor=admin, person=Sociopreneur.objects.get(), jumlah_pekerja=7)
    response = client.post(url(socio), form_data(socio, versi=loaded, jumlah_pekerja=99))
    assert "Data ini sudah diubah oleh" in response.content.decode()
    assert Sociopreneur.objects.get().jumlah_pekerja == 7
