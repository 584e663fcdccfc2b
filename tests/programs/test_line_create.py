import pytest

from programs.models import Kegiatan
from tests.access import LOGIN, assert_access
from tests.once import form_token, post_twice
from tests.programs.factories import line_post

URL = "/program/{pk}/kegiatan/baru/"
MATRIX = {"anonymous": LOGIN, "admin": 200, "staf": 403, "pimpinan": 403, "petugas_a": 200, "petugas_b": 404}


@pytest.mark.parametrize("persona", MATRIX)
def test_line_create_page_access(persona, as_persona, plan_a):
    assert_access(as_persona(persona).get(URL.format(pk=plan_a.pk)), MATRIX[persona])


@pytest.mark.parametrize("persona", MATRIX)
def test_line_create_post_access(persona, as_persona, plan_a):
    response = as_persona(persona).post(URL.format(pk=plan_a.pk), line_post(uraian="Baris baru"))
    expected = 302 if MATRIX[persona] == 200 else MATRIX[persona]
    assert_access(response, expected)
    assert Kegiatan.objects.filter(uraian="Baris baru").exists() == (expected == 302)


def test_petugas_adds_a_line_with_locations_and_quarters(as_persona, plan_a):
    response = as_persona("petugas_a").post(
        URL.format(pk=plan_a.pk), line_post(uraian="Kurasi produk", triwulan=["3", "2"])
    )
    kegiatan = Kegiatan.objects.get(uraian="Kurasi produk")
    assert response["Location"] == f"/program/{plan_a.pk}/#kegiatan-{kegiatan.pk}"
    assert kegiatan.triwulan == "23" and kegiatan.level_sipd == "sub_kegiatan"
    assert sorted(kegiatan.lokasi.values_list("kode", flat=True)) == ["35.17", "35.78"]
    assert kegiatan.history.first().history_user.username == "dina"


@pytest.mark.parametrize("pagu", ["125000000", "125.000.000", "Rp 125.000.000", "Rp125.000.000,00"])
def test_pagu_typed_the_indonesian_way_is_saved_as_whole_rupiah(pagu, as_persona, plan_a):
    as_persona("petugas_a").post(URL.format(pk=plan_a.pk), line_post(uraian="Kurasi produk", pagu=pagu))
    assert Kegiatan.objects.get(uraian="Kurasi produk").pagu == 125_000_000


def test_a_refused_pagu_is_shown_back_as_typed(as_persona, plan_a):
    response = as_persona("petugas_a").post(URL.format(pk=plan_a.pk), line_post(pagu="125,5"))
    assert 'value="125,5"' in response.content.decode()


def test_free_text_activity_without_a_code(as_persona, plan_a):
    as_persona("petugas_a").post(URL.format(pk=plan_a.pk), line_post(level_sipd="", kode_sipd="", uraian="Bazar CSR"))
    assert Kegiatan.objects.get(uraian="Bazar CSR").kode_sipd == ""


def test_save_and_add_another_returns_to_the_empty_form(as_persona, plan_a):
    response = as_persona("petugas_a").post(URL.format(pk=plan_a.pk), {**line_post(), "simpan_tambah": "1"})
    assert response["Location"] == URL.format(pk=plan_a.pk)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("kode_sipd", "2.17.7.1.1.2", "X.XX.XX.X.XX.XXXX"),
        ("target", "0", "Target harus lebih dari nol"),
        ("target", "-3", ""),
        ("pagu", "-1", ""),
        ("pagu", "1500000.50", "Tulis rupiah tanpa desimal"),
        ("pagu", "125,5", "Tulis rupiah tanpa desimal"),
        ("pagu", "125.5", "Tulis rupiah tanpa desimal"),
        ("uraian", "", "tidak boleh kosong"),
        ("triwulan", [], "tidak boleh kosong"),
        ("pilar", "pesantren", "pilihan yang valid"),
    ],
)
def test_invalid_input_shows_errors_and_saves_nothing(field, value, message, as_persona, plan_a):
    response = as_persona("petugas_a").post(URL.format(pk=plan_a.pk), line_post(**{field: value}))
    assert response.status_code == 200
    assert response.context["form"].errors
    assert message in response.content.decode()
    assert Kegiatan.objects.filter(rencana=plan_a).count() == 1


@pytest.mark.parametrize("lokasi", [["99.99"], ["35.17", "36.01"]])
def test_unknown_kab_kota_ids_are_rejected(lokasi, as_persona, plan_a):
    response = as_persona("petugas_a").post(URL.format(pk=plan_a.pk), line_post(lokasi=lokasi))
    assert "lokasi" in response.context["form"].errors
    assert Kegiatan.objects.filter(rencana=plan_a).count() == 1


def test_unknown_indicator_id_is_rejected(as_persona, plan_a):
    response = as_persona("petugas_a").post(URL.format(pk=plan_a.pk), line_post(indikator=999999))
    assert "indikator" in response.context["form"].errors


def test_adding_to_a_verified_plan_is_refused(as_persona, verified_a):
    client = as_persona("petugas_a")
    response = client.post(URL.format(pk=verified_a.pk), line_post(uraian="Terlambat"), follow=True)
    assert "tidak dapat diubah" in response.content.decode()
    assert not Kegiatan.objects.filter(uraian="Terlambat").exists()
    assert client.get(URL.format(pk=verified_a.pk))["Location"] == f"/program/{verified_a.pk}/"


def test_adding_to_a_returned_plan_is_allowed(as_persona, returned_a):
    as_persona("petugas_a").post(URL.format(pk=returned_a.pk), line_post(uraian="Perbaikan"))
    assert Kegiatan.objects.filter(uraian="Perbaikan").exists()


def test_double_submitted_line_creates_one_row_and_the_second_goes_to_it(as_persona, plan_a):
    client = as_persona("petugas_a")
    first, second = post_twice(client, URL.format(pk=plan_a.pk), line_post(uraian="Kurasi produk"))
    kegiatan = Kegiatan.objects.get(uraian="Kurasi produk")
    assert first["Location"] == second["Location"] == f"/program/{plan_a.pk}/#kegiatan-{kegiatan.pk}"
    assert "sudah dikirim sebelumnya" in client.get(second["Location"]).content.decode()


def test_double_submitted_save_and_add_another_also_creates_one_row(as_persona, plan_a):
    client = as_persona("petugas_a")
    post_twice(client, URL.format(pk=plan_a.pk), {**line_post(uraian="Bazar"), "simpan_tambah": "1"})
    assert Kegiatan.objects.filter(uraian="Bazar").count() == 1


def test_an_invalid_post_does_not_use_up_the_token(as_persona, plan_a):
    client = as_persona("petugas_a")
    token = form_token(client, URL.format(pk=plan_a.pk))
    refused = client.post(URL.format(pk=plan_a.pk), line_post(uraian="Kurasi", target="0", token=token))
    assert refused.status_code == 200 and f'value="{token}"' in refused.content.decode()  # the form keeps it
    assert client.post(URL.format(pk=plan_a.pk), line_post(uraian="Kurasi", token=token)).status_code == 302
    assert Kegiatan.objects.filter(uraian="Kurasi").count() == 1


def test_each_load_of_the_form_creates_its_own_line(as_persona, plan_a):
    client = as_persona("petugas_a")
    for _ in range(2):
        token = form_token(client, URL.format(pk=plan_a.pk))
        client.post(URL.format(pk=plan_a.pk), line_post(uraian="Pelatihan", token=token))
    assert Kegiatan.objects.filter(uraian="Pelatihan").count() == 2


def test_a_malformed_token_is_a_form_error_and_saves_nothing(as_persona, plan_a):
    response = as_persona("petugas_a").post(URL.format(pk=plan_a.pk), line_post(uraian="X", token="../../etc"))
    assert response.status_code == 200 and "muat ulang halaman" in response.content.decode()
    assert not Kegiatan.objects.filter(uraian="X").exists()
