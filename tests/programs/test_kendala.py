"""The kendala digest (programs:kendala): the problems officers report each quarter, with their category, scoped as
the plan pages are, filtered and grouped; the realisation forms that tag them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from programs import services
from programs.models import KategoriKendala, Realisasi
from tests.access import LOGIN, assert_access
from tests.programs.factories import first_kegiatan, make_plan, realisasi_data

URL = "/program/kendala/?tahun=2024"
MATRIX = {"anonymous": LOGIN, "admin": 200, "staf": 200, "pimpinan": 200, "petugas_a": 200, "petugas_b": 200}
FORM_URL = "/program/kegiatan/{pk}/realisasi/{tw}/"


def _post(**overrides):
    data = {
        "output": "35",
        "fisik_persen": "40",
        "anggaran_terserap": "50000000",
        "penjelasan_anggaran": "",
        "permasalahan": "Pencairan anggaran terlambat karena revisi DPA.",
        "faktor_pendorong": "",
        "faktor_penghambat": "",
        "versi": "",
    }
    data.update(overrides)
    return data


def _kategori(nama):
    return KategoriKendala.objects.get(nama=nama)


@pytest.fixture
def reported(verified_a, petugas_b, opd_b, staf, as_persona):
    """OPD A's officer reports a budget problem on TW I through the form; OPD B's a coordination problem."""
    response = as_persona("petugas_a").post(
        FORM_URL.format(pk=first_kegiatan(verified_a).pk, tw=1), _post(kategori_kendala=_kategori("Anggaran").pk)
    )
    assert response.status_code == 302
    plan_b = make_plan(actor=petugas_b, opd=opd_b, tahun=2024, status="diverifikasi", verifier=staf)
    services.realisasi_save(
        actor=petugas_b,
        kegiatan=first_kegiatan(plan_b),
        triwulan=2,
        data=realisasi_data(
            permasalahan="Data peserta dari kab/kota belum sinkron.", kategori_kendala=_kategori("Koordinasi antar-OPD")
        ),
    )


@pytest.mark.parametrize("persona", MATRIX)
def test_kendala_access(persona, as_persona, db):
    assert_access(as_persona(persona).get(URL), MATRIX[persona])


def test_the_seven_categories_are_seeded_in_order(db):
    assert [k.nama for k in KategoriKendala.objects.all()] == [
        "Anggaran",
        "Regulasi/kebijakan",
        "SDM",
        "Data",
        "Koordinasi antar-OPD",
        "Sarana",
        "Lainnya",
    ]


def test_a_problem_reported_by_an_officer_appears_with_its_category_for_staf(reported, as_persona):
    response = as_persona("staf").get(URL)
    digest = response.context["digest"]
    by_opd = {item.opd: item for item in digest.items}
    assert (by_opd["Dinas Kominfo"].kategori, by_opd["Dinas Kominfo"].triwulan) == ("Anggaran", 1)
    assert by_opd["Dinas Kominfo"].nomor == 1
    assert by_opd["Dinas Pendidikan"].kategori == "Koordinasi antar-OPD"
    assert [(g.label, g.jumlah) for g in digest.per_kategori] == [("Anggaran", 1), ("Koordinasi antar-OPD", 1)]
    html = response.content.decode()
    assert "Pencairan anggaran terlambat karena revisi DPA." in html and "Masukkan ke agenda" in html
    assert "<caption" in html and 'scope="col"' in html


def test_a_petugas_never_sees_another_opds_problems(reported, as_persona, opd_a):
    html = as_persona("petugas_a").get(URL).content.decode()
    assert "Pencairan anggaran" in html and "belum sinkron" not in html
    assert "Masukkan ke agenda" not in html  # marking is Diskop's
    client = as_persona("petugas_b")
    assert {item.opd for item in client.get(URL).context["digest"].items} == {"Dinas Pendidikan"}
    # Asking for OPD A by its id does not widen a Petugas's scope (the filter is not theirs).
    assert {item.opd for item in client.get(f"{URL}&opd={opd_a.pk}").context["digest"].items} == {"Dinas Pendidikan"}


def test_pimpinan_reads_every_opds_problems_without_marking(reported, as_persona):
    html = as_persona("pimpinan").get(URL).content.decode()
    assert "Pencairan anggaran" in html and "belum sinkron" in html and "Masukkan ke agenda" not in html


def test_filters_and_grouping(reported, as_persona, opd_b):
    client = as_persona("staf")
    anggaran = _kategori("Anggaran").pk
    assert {i.opd for i in client.get(f"{URL}&kategori={anggaran}").context["digest"].items} == {"Dinas Kominfo"}
    assert {i.opd for i in client.get(f"{URL}&opd={opd_b.pk}").context["digest"].items} == {"Dinas Pendidikan"}
    assert {i.triwulan for i in client.get(f"{URL}&triwulan=2").context["digest"].items} == {2}
    assert client.get(f"{URL}&kategori=tanpa").context["digest"].items == ()
    grouped = client.get(f"{URL}&kelompok=opd").context["groups"]
    assert [g.label for g in grouped] == ["Dinas Kominfo", "Dinas Pendidikan"]
    # An unknown filter value is ignored, not an error.
    assert len(client.get(f"{URL}&kategori=999&triwulan=9").context["digest"].items) == 2


def test_a_category_without_a_problem_is_refused_and_nothing_saved(verified_a, as_persona):
    kegiatan = first_kegiatan(verified_a)
    response = as_persona("petugas_a").post(
        FORM_URL.format(pk=kegiatan.pk, tw=1), _post(permasalahan="", kategori_kendala=_kategori("SDM").pk)
    )
    assert response.status_code == 200 and "Tuliskan permasalahannya" in response.content.decode()
    assert not Realisasi.objects.filter(kegiatan=kegiatan).exists()


def test_a_category_not_offered_is_refused_and_nothing_saved(verified_a, as_persona):
    retired = KategoriKendala.objects.create(nama="Lama", aktif=False)
    kegiatan = first_kegiatan(verified_a)
    for value in (retired.pk, 99999, "x"):
        response = as_persona("petugas_a").post(FORM_URL.format(pk=kegiatan.pk, tw=1), _post(kategori_kendala=value))
        assert response.status_code == 200 and response.context["form"].errors["kategori_kendala"]
    assert not Realisasi.objects.filter(kegiatan=kegiatan).exists()


def test_the_quarter_grid_tags_problems_with_one_category_query(verified_a, as_persona):
    client = as_persona("petugas_a")
    lines = list(verified_a.kegiatan.order_by("nomor"))
    data = {}
    for kegiatan in lines:
        data.update({f"k{kegiatan.pk}-{key}": value for key, value in _post().items()})
    data[f"k{lines[0].pk}-kategori_kendala"] = _kategori("Sarana").pk
    response = client.post(f"/program/{verified_a.pk}/realisasi/1/", data)
    assert response.status_code == 302
    assert Realisasi.objects.get(kegiatan=lines[0], triwulan=1).kategori_kendala.nama == "Sarana"
    assert Realisasi.objects.get(kegiatan=lines[1], triwulan=1).kategori_kendala is None


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_digest_query_count_is_equal_at_two_data_sizes(reported, as_persona, petugas_a, staf, verified_a):
    client = as_persona("staf")
    small = _queries(client, URL)
    for kegiatan in verified_a.kegiatan.all():
        for triwulan in (2, 3):
            services.realisasi_save(
                actor=petugas_a,
                kegiatan=kegiatan,
                triwulan=triwulan,
                data=realisasi_data(output=40 + triwulan, kategori_kendala=_kategori("Data")),
            )
    for realisasi in Realisasi.objects.all():
        services.kendala_mark(actor=staf, realisasi=realisasi, masuk_agenda=True)
    assert len(client.get(URL).context["digest"].items) > 4
    assert _queries(client, URL) == small <= 12
