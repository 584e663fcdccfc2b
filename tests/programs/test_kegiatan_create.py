import pytest

from opop.indicators.models import Indicator
from opop.wilayah.models import KabupatenKota
from programs.models import Kegiatan
from tests.access import LOGIN, assert_access
from tests.once import form_token, post_twice
from tests.programs.factories import line_post, make_plan

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


def _save_and_add(client, plan, **overrides):
    defaults = dict(
        uraian="Kurasi produk",
        pilar="pesantrenpreneur",
        indikator=Indicator.objects.get(kode="produk-unggulan").pk,
        indikator_kinerja="Jumlah produk terkurasi",
        satuan="produk",
        sumber_dana="dak",
        triwulan=["1", "2", "3", "4"],
        pptk="Siti Aminah, S.E.",
        lokasi=["35.17", "35.78", "35.25", "35.07", "35.73"],
        target="40",
        pagu="75.000.000",
    )
    post = line_post(**(defaults | overrides))
    response = client.post(URL.format(pk=plan.pk), {**post, "simpan_tambah": "1"})
    return response, Kegiatan.objects.get(uraian=post["uraian"])


def test_save_and_add_another_carries_only_the_shared_fields(as_persona, plan_a):
    client = as_persona("petugas_a")
    response, saved = _save_and_add(client, plan_a)
    assert response["Location"] == f"{URL.format(pk=plan_a.pk)}?dari={saved.pk}"
    page = client.get(response["Location"])
    form = page.context["form"]
    kept = {name: form[name].value() for name in ["pilar", "indikator", "satuan", "sumber_dana", "pptk"]}
    assert kept == {
        "pilar": "pesantrenpreneur",
        "indikator": saved.indikator_id,
        "satuan": "produk",
        "sumber_dana": "dak",
        "pptk": "Siti Aminah, S.E.",
    }
    # What differs from line to line starts empty: places and quarters too (they sat below the fold, issue 29).
    assert not any(form[name].value() for name in ["uraian", "kode_sipd", "indikator_kinerja", "target", "pagu"])
    assert not form["triwulan"].value() and not form["lokasi"].value() and not form["seluruh_jatim"].value()
    html = page.content.decode()
    assert "dibawa dari kegiatan yang baru disimpan" in html and "Kegiatan No. 3" in html
    assert 'name="sama_sebelumnya"' in html and "TW I, TW II, TW III, TW IV" in html


def test_a_second_line_stores_exactly_the_places_and_quarters_ticked(as_persona, plan_a):
    client = as_persona("petugas_a")
    response, _first = _save_and_add(client, plan_a)
    second = line_post(uraian="Pameran produk", triwulan=["2", "3"], lokasi=["35.17", "35.78"])
    client.post(response["Location"], second)
    line = Kegiatan.objects.get(uraian="Pameran produk")
    assert line.triwulan == "23"
    assert sorted(line.lokasi.values_list("kode", flat=True)) == ["35.17", "35.78"]


def test_same_as_the_previous_line_takes_its_places_and_quarters(as_persona, plan_a):
    client = as_persona("petugas_a")
    response, first = _save_and_add(client, plan_a, triwulan=["2", "3"])
    second = line_post(uraian="Pameran produk", triwulan=[], lokasi=[], sama_sebelumnya="on")
    client.post(response["Location"], second)
    line = Kegiatan.objects.get(uraian="Pameran produk")
    assert line.triwulan == first.triwulan == "23"
    assert sorted(line.lokasi.values_list("kode", flat=True)) == sorted(first.lokasi.values_list("kode", flat=True))


def test_without_quarters_and_without_the_tick_nothing_is_saved(as_persona, plan_a):
    client = as_persona("petugas_a")
    response, _first = _save_and_add(client, plan_a)
    page = client.post(response["Location"], line_post(uraian="Pameran produk", triwulan=[], lokasi=[]))
    assert page.status_code == 200 and page.context["form"].errors["triwulan"]
    assert not Kegiatan.objects.filter(uraian="Pameran produk").exists()


def test_a_planned_quarter_with_target_zero_is_refused_naming_it(as_persona, plan_a):
    post = line_post(uraian="Nol", triwulan=["1", "2", "3"], target="100", target_tw1="50", target_tw2="50")
    page = as_persona("petugas_a").post(URL.format(pk=plan_a.pk), post)
    assert "TW III termasuk triwulan pelaksanaan tetapi targetnya 0" in " ".join(
        page.context["form"].errors["target_tw3"]
    )
    assert not Kegiatan.objects.filter(uraian="Nol").exists()


@pytest.mark.parametrize("dari", ["abc", "999999", "-1", "1 OR 1=1"])
def test_an_unknown_kept_line_id_gives_the_empty_form(dari, as_persona, plan_a):
    page = as_persona("petugas_a").get(URL.format(pk=plan_a.pk), {"dari": dari})
    assert page.status_code == 200 and page.context["form"]["pptk"].value() in (None, "")
    assert "dibawa dari kegiatan" not in page.content.decode()


def test_a_line_of_another_opd_is_never_copied_into_the_form(as_persona, plan_a, petugas_b, opd_b):
    other = make_plan(actor=petugas_b, opd=opd_b, line_overrides=[{"pptk": "Rahasia Dinas B"}])
    line_b = other.kegiatan.get()
    page = as_persona("petugas_a").get(URL.format(pk=plan_a.pk), {"dari": line_b.pk})
    assert "Rahasia Dinas B" not in page.content.decode()
    assert page.context["form"]["pptk"].value() in (None, "")
    # Nor a line of one's own other plan: only this plan's lines are looked up.
    own_2025 = make_plan(actor=plan_a.dibuat_oleh, opd=plan_a.opd, tahun=2025, line_overrides=[{"pptk": "PPTK 2025"}])
    page = as_persona("petugas_a").get(URL.format(pk=plan_a.pk), {"dari": own_2025.kegiatan.get().pk})
    assert "PPTK 2025" not in page.content.decode()


def test_the_form_shows_the_number_the_new_line_will_have(as_persona, plan_a):
    html = as_persona("petugas_a").get(URL.format(pk=plan_a.pk)).content.decode()
    assert "Kegiatan No. 2" in html  # the plan has one line


def test_whole_east_java_selects_every_kab_kota(as_persona, plan_a):
    as_persona("petugas_a").post(
        URL.format(pk=plan_a.pk), line_post(uraian="Expo OPOP", lokasi=["35.17"], seluruh_jatim="on")
    )
    assert Kegiatan.objects.get(uraian="Expo OPOP").lokasi.count() == KabupatenKota.objects.count() == 38


def test_the_form_page_loads_its_scripts_from_static_files_only(as_persona, plan_a):
    html = as_persona("petugas_a").get(URL.format(pk=plan_a.pk)).content.decode()
    assert "js/rupiah.js" in html and "js/lokasi.js" in html
    assert "data-lokasi-tools" in html and 'inputmode="numeric"' in html
    assert "<script>" not in html  # the CSP forbids inline scripts


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
