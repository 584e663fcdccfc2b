import pytest

from opop.common.concurrency import version_of
from programs.models import Kegiatan
from tests.access import LOGIN, assert_access
from tests.programs.factories import first_kegiatan, line_post

URL = "/program/kegiatan/{pk}/ubah/"
MATRIX = {"anonymous": LOGIN, "admin": 200, "staf": 403, "pimpinan": 403, "petugas_a": 200, "petugas_b": 404}


@pytest.mark.parametrize("persona", MATRIX)
def test_line_edit_page_access(persona, as_persona, line_a):
    assert_access(as_persona(persona).get(URL.format(pk=line_a.pk)), MATRIX[persona])


@pytest.mark.parametrize("persona", MATRIX)
def test_line_edit_post_access(persona, as_persona, line_a):
    data = line_post(target="777", versi=version_of(line_a))
    response = as_persona(persona).post(URL.format(pk=line_a.pk), data)
    expected = 302 if MATRIX[persona] == 200 else MATRIX[persona]
    assert_access(response, expected)
    assert Kegiatan.objects.get(pk=line_a.pk).target == (777 if expected == 302 else 100)


def test_form_carries_the_version_it_was_loaded_with(as_persona, line_a):
    form = as_persona("petugas_a").get(URL.format(pk=line_a.pk)).context["form"]
    assert form["versi"].value() == version_of(line_a)
    assert form["triwulan"].value() == ["1", "2", "3", "4"]


def test_second_concurrent_save_is_refused_and_the_first_kept(client, petugas_a, admin, line_a):
    """Dina and Alice open the same kegiatan; Dina saves first, Alice's save must not overwrite it."""
    loaded_version = version_of(line_a)
    client.force_login(petugas_a)
    first = client.post(URL.format(pk=line_a.pk), line_post(target="111", versi=loaded_version))
    assert first.status_code == 302

    client.force_login(admin)
    second = client.post(URL.format(pk=line_a.pk), line_post(target="222", versi=loaded_version))
    assert second.status_code == 200
    html = second.content.decode()
    assert "Data ini sudah diubah oleh Dina pada" in html and "muat ulang halaman" in html
    assert Kegiatan.objects.get(pk=line_a.pk).target == 111


def test_missing_version_is_treated_as_stale(as_persona, line_a):
    response = as_persona("petugas_a").post(URL.format(pk=line_a.pk), line_post(target="5", versi=""))
    assert "muat ulang halaman" in response.content.decode()
    assert Kegiatan.objects.get(pk=line_a.pk).target == 100


def test_invalid_edit_saves_nothing(as_persona, line_a):
    response = as_persona("petugas_a").post(
        URL.format(pk=line_a.pk), line_post(kode_sipd="2.17.07", level_sipd="sub_kegiatan", versi=version_of(line_a))
    )
    assert "kode_sipd" in response.context["form"].errors
    assert Kegiatan.objects.get(pk=line_a.pk).kode_sipd == "2.17.07.1.01.0002"


def test_editing_a_line_of_a_locked_plan_is_refused(as_persona, verified_a):
    kegiatan = first_kegiatan(verified_a)
    response = as_persona("petugas_a").post(
        URL.format(pk=kegiatan.pk), line_post(target="9", versi=version_of(kegiatan))
    )
    assert response["Location"] == f"/program/{verified_a.pk}/"
    assert Kegiatan.objects.get(pk=kegiatan.pk).target == 100


def test_edit_page_shows_line_history_with_names(as_persona, line_a):
    html = as_persona("petugas_a").get(URL.format(pk=line_a.pk)).content.decode()
    assert "Riwayat perubahan" in html and "Jombang, Surabaya" in html


def test_the_edit_form_shows_the_line_number_as_the_plan_lists_it(as_persona, petugas_a, opd_a):
    from tests.programs.factories import make_plan

    plan = make_plan(
        actor=petugas_a, opd=opd_a, jumlah_kegiatan=3, line_overrides=[{}, {"kode_sipd": "2.17.07.1.01.0001"}, {}]
    )
    first, second, third = plan.kegiatan.order_by("id")
    client = as_persona("petugas_a")
    # The number is the line's own (given at entry), not its place in a sort by SIPD code.
    assert "Kegiatan No. 2" in client.get(URL.format(pk=second.pk)).content.decode()
    assert "Kegiatan No. 3" in client.get(URL.format(pk=third.pk)).content.decode()
    assert "Kegiatan No. 4" in client.get(f"/program/{plan.pk}/kegiatan/baru/").content.decode()


def test_a_line_in_every_kab_kota_shows_whole_east_java_ticked(as_persona, petugas_a, line_a):
    from opop.wilayah.models import KabupatenKota

    line_a.lokasi.set(KabupatenKota.objects.all())
    form = as_persona("petugas_a").get(URL.format(pk=line_a.pk)).context["form"]
    assert form["seluruh_jatim"].value() is True
