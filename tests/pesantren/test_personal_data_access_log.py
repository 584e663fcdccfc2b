"""Revealing personal data leaves a trace: who, when, what, with which filter (never the NIK searched for)."""

import pytest

from pesantren import services
from pesantren.models import PersonalDataAccess, Pesantren, Santripreneur


@pytest.fixture
def person(pesantren_nspps, staf):
    return services.santripreneur_save(
        actor=staf,
        nama="Siti Aminah",
        nik="3517010101040001",
        pesantren=Pesantren.objects.first(),
        tahun_terdaftar=2023,
    )


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


@pytest.fixture
def pesantren_with_contact(pesantren_nspps):
    p = Pesantren.objects.first()
    Pesantren.objects.filter(pk=p.pk).update(pengasuh="KH. Ahmad", telepon="0321861234")
    return p


@pytest.mark.parametrize("persona", ["staf", "pimpinan", "petugas_a"])
def test_a_pesantren_page_with_contact_data_is_logged_for_every_role(persona, as_persona, pesantren_with_contact):
    as_persona(persona).get(f"/pesantren/{pesantren_with_contact.pk}/")
    entry = PersonalDataAccess.objects.get()
    assert (entry.aksi, entry.objek) == ("detail", f"pesantren #{pesantren_with_contact.pk}")


def test_a_pesantren_page_without_contact_data_is_not_logged(as_persona, pesantren_nspps):
    as_persona("pimpinan").get(f"/pesantren/{Pesantren.objects.last().pk}/")
    assert not PersonalDataAccess.objects.exists()


@pytest.mark.parametrize("persona", ["staf", "petugas_a"])
def test_pesantren_exports_are_logged_with_row_count(persona, as_persona, pesantren_nspps):
    as_persona(persona).get("/pesantren/?format=xlsx")
    entry = PersonalDataAccess.objects.get()
    assert (entry.aksi, entry.jumlah_baris) == ("ekspor", 20)


@pytest.mark.parametrize(("persona", "shown"), [("staf", True), ("pimpinan", False), ("petugas_a", False)])
def test_a_change_reason_holding_a_nik_or_phone_is_masked_for_roles_without_personal_data(
    persona, shown, as_persona, pesantren_nspps, staf
):
    pesantren = Pesantren.objects.first()
    services.santripreneur_save(
        actor=staf,
        nama="Siti Aminah",
        pesantren=pesantren,
        tahun_terdaftar=2023,
        reason="NIK 3517010101040001 dikonfirmasi lewat 081234567890",
    )
    person = Santripreneur.objects.get()
    html = as_persona(persona).get(person.get_absolute_url()).content.decode()
    assert ("3517010101040001" in html) is shown and ("081234567890" in html) is shown
    assert "dikonfirmasi lewat" in html
