import pytest

from opop.common.concurrency import version_of
from pesantren import services
from pesantren.models import Pesantren
from tests.access import PERSONAS, assert_access
from tests.pesantren.conftest import write_matrix


def url(p):
    return f"/pesantren/{p.pk}/ubah/"


def form_data(p, **changes):
    data = {
        "nspp": p.nspp,
        "nama": p.nama,
        "kabkota": p.kabkota_id,
        "kecamatan": p.kecamatan_id or "",
        "tipologi": p.tipologi,
        "tahun_kohort": p.tahun_kohort or "",
        "jumlah_santri": p.jumlah_santri or "",
        "status": p.status,
        "versi": version_of(p),
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix(persona, as_persona, pesantren):
    assert_access(as_persona(persona).get(url(pesantren)), write_matrix()[persona])


@pytest.mark.parametrize("persona", ["anonymous", "pimpinan", "petugas_a"])
def test_handcrafted_post_by_non_writer_changes_nothing(persona, as_persona, pesantren):
    response = as_persona(persona).post(url(pesantren), form_data(pesantren, nama="Diubah"))
    assert_access(response, write_matrix()[persona])
    assert Pesantren.objects.get().nama == "Pondok Pesantren Tebuireng"


def test_unknown_pesantren_is_404_before_the_permission_check(as_persona, db):
    assert as_persona("pimpinan").get("/pesantren/999999/ubah/").status_code == 404


def test_staf_edits_and_history_records_the_change(as_persona, staf, pesantren):
    response = as_persona("staf").post(url(pesantren), form_data(pesantren, jumlah_santri="5000", alasan="EMIS 2024"))
    assert response.status_code == 302
    pesantren.refresh_from_db()
    assert pesantren.jumlah_santri == 5000
    record = pesantren.history.order_by("-history_id").first()
    assert (record.history_type, record.history_user, record.history_change_reason) == ("~", staf, "EMIS 2024")
    assert [c.field for c in record.diff_against(record.prev_record).changes] == ["jumlah_santri"]


def test_invalid_edit_changes_nothing(as_persona, pesantren):
    response = as_persona("staf").post(url(pesantren), form_data(pesantren, nama="Baru", nspp="123"))
    assert response.status_code == 200 and "NSPP harus 12 digit" in response.content.decode()
    pesantren.refresh_from_db()
    assert pesantren.nama == "Pondok Pesantren Tebuireng" and pesantren.history.count() == 1


def test_a_save_over_someone_elses_newer_change_is_refused(as_persona, admin, pesantren):
    client = as_persona("staf")
    loaded = client.get(url(pesantren)).context["form"]["versi"].value()
    services.pesantren_save(actor=admin, pesantren=Pesantren.objects.get(), jumlah_santri=4300, reason="EMIS")
    response = client.post(url(pesantren), form_data(pesantren, versi=loaded, jumlah_santri="9999"))
    assert "Data ini sudah diubah oleh Alice" in response.content.decode()
    assert Pesantren.objects.get().jumlah_santri == 4300
