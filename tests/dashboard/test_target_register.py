import pytest
from django.core.exceptions import ValidationError

from opop.dashboard.services import target_set
from opop.indicators.models import Indicator, Target

# PRODUCT.md §4, as seeded by the data migration.
EXPECTED = {
    "produk-unggulan": {2019: 150, 2020: 200, 2021: 200, 2022: 200, 2023: 250, 2024: 1000},
    "santripreneur": {2024: 1_000_000},
    "sociopreneur": {2024: 1000},
    "pesantren-opop": {2021: 550, 2022: 750, 2023: 1000, 2024: 1000},
}


@pytest.mark.django_db
def test_migrate_seeds_the_target_register_of_product_md():
    seeded = {}
    for t in Target.objects.filter(berlaku=True).select_related("indikator"):
        seeded.setdefault(t.indikator.kode, {})[t.tahun] = t.nilai
    assert seeded == EXPECTED
    assert Target.objects.get(indikator__kode="santripreneur", tahun=2024).sumber.startswith("FGD")


@pytest.mark.django_db
def test_indicator_dictionary_says_what_each_number_counts():
    santri = Indicator.objects.get(kode="santripreneur")
    assert santri.satuan == "orang" and santri.kumulatif
    assert "unik" in santri.aturan_hitung


@pytest.mark.django_db
def test_restated_target_keeps_the_old_value_with_reason(staf):
    indicator = Indicator.objects.get(kode="sociopreneur")
    target_set(actor=staf, indikator=indicator, tahun=2024, nilai=1500, sumber="Revisi RPJMD", alasan="Revisi")
    current = Target.objects.get(indikator=indicator, tahun=2024, berlaku=True)
    old = Target.objects.get(indikator=indicator, tahun=2024, berlaku=False)
    assert (current.nilai, current.alasan, current.dicatat_oleh) == (1500, "Revisi", staf)
    assert old.nilai == 1000


@pytest.mark.django_db
def test_restating_without_reason_is_refused_and_changes_nothing(staf):
    indicator = Indicator.objects.get(kode="sociopreneur")
    with pytest.raises(ValidationError, match="Alasan wajib"):
        target_set(actor=staf, indikator=indicator, tahun=2024, nilai=1500, sumber="x")
    assert list(Target.objects.filter(indikator=indicator).values_list("nilai", "berlaku")) == [(1000, True)]


def test_admin_restates_target_through_the_add_form(client, admin):
    client.force_login(admin)
    indicator = Indicator.objects.get(kode="produk-unggulan")
    data = {"indikator": indicator.pk, "tahun": 2024, "nilai": 1200, "sumber": "Rapat 2024"}
    refused = client.post("/admin/indicators/target/add/", data)
    assert refused.status_code == 200 and "Alasan wajib" in refused.content.decode()
    response = client.post("/admin/indicators/target/add/", {**data, "alasan": "Percepatan"})
    assert response.status_code == 302
    assert Target.objects.get(indikator=indicator, tahun=2024, berlaku=True).nilai == 1200
    assert Target.objects.filter(indikator=indicator, tahun=2024, berlaku=False).get().nilai == 1000


def test_register_page_shows_current_and_restated_targets(as_persona, staf):
    indicator = Indicator.objects.get(kode="sociopreneur")
    target_set(actor=staf, indikator=indicator, tahun=2024, nilai=1500, sumber="Revisi", alasan="Perluasan")
    html = as_persona("pimpinan").get("/indikator/").content.decode()
    assert "1.000.000" in html and "1.500" in html
    assert "Riwayat perubahan target" in html and "Perluasan" in html
