"""Revealing personal data leaves a trace: who, when, what, with which filter (never the NIK searched for)."""

import pytest

from pesantren import services
from pesantren.models import PersonalDataAccess, Pesantren, Santripreneur


@pytest.fixture
def person(pesantren_nspps, staf):
    return services.santripreneur_save(
        actor=staf, nama="Siti Aminah", nik="3517010101040001", pesantren=Pesantren.objects.first(),
        tahun_terdaftar=2023,
    )  # fmt: skip


def test_staf_opening_a_person_is_logged(as_persona, person):
    as_persona("staf").get(person.get_absolute_url())
    entry = PersonalDataAccess.objects.get()
    assert (entry.user.username, entry.aksi, entry.objek) == ("bob", "detail", f"santripreneur #{person.pk}")
    assert entry.alamat_ip == "127.0.0.1"


@pytest.mark.parametrize("persona", ["pimpinan", "petugas_a"])
def test_masked_or_hidden_pages_are_not_logged(persona, as_persona, person):
    as_persona(persona).get(person.get_absolute_url())
    assert not PersonalDataAccess.objects.exists()


def test_exports_are_logged_with_filter_and_row_count(as_persona, person):
    as_persona("staf").get("/santripreneur/?kabkota=35.17&format=csv")
    as_persona("pimpinan").get("/sociopreneur/?format=xlsx")  # masked, but the file leaves the portal
    entries = list(PersonalDataAccess.objects.order_by("pk").values_list("aksi", "filter", "jumlah_baris"))
    assert entries == [("ekspor", "kabkota=35.17", 1), ("ekspor", "", 0)]


def test_petugas_export_without_personal_data_is_not_logged(as_persona, person):
    as_persona("petugas_a").get("/santripreneur/?format=csv")
    assert not PersonalDataAccess.objects.exists()


def test_nik_search_is_logged_without_the_nik(as_persona, person):
    as_persona("staf").post("/santripreneur/cari-nik/", {"nik": "3517010101040001"})
    entry = PersonalDataAccess.objects.get()
    assert entry.aksi == "cari_nik" and entry.objek == f"santripreneur #{person.pk}"
    assert "3517010101040001" not in f"{entry.objek}{entry.filter}"
    assert Santripreneur.objects.count() == 1
