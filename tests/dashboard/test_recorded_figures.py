"""Historic realised figures recorded as such (FGD / press), with their source; editable in admin with history."""

import pytest

from opop.indicators.models import Indicator, RecordedFigure

pytestmark = pytest.mark.django_db
FGD = "FGD Diskop UKM Jatim dengan Perangkat Daerah, 2 Februari 2023"


def test_migration_seeds_the_published_figures():
    seeded = {(f.indikator.kode, f.tahun, f.jenis_sumber): f.nilai for f in RecordedFigure.objects.all()}
    assert seeded == {
        ("produk-unggulan", 2019, "fgd"): 150,
        ("produk-unggulan", 2020, "fgd"): 200,
        ("produk-unggulan", 2021, "fgd"): 200,
        ("produk-unggulan", 2022, "fgd"): 200,
        ("santripreneur", 2022, "pers"): 239_993,
        ("pesantren-opop", 2022, "pers"): 750,
        ("sociopreneur", 2022, "pers"): 1_029,
    }
    assert set(RecordedFigure.objects.filter(jenis_sumber="fgd").values_list("sumber", flat=True)) == {FGD}


def test_reloading_reference_data_keeps_an_admins_correction():
    from django.core.management import call_command

    figure = RecordedFigure.objects.get(indikator__kode="santripreneur", tahun=2022)
    figure.nilai = 240_000
    figure.save()
    call_command("load_reference_data", verbosity=0)
    assert RecordedFigure.objects.get(pk=figure.pk).nilai == 240_000
    assert RecordedFigure.objects.count() == 7


def test_admin_edits_a_figure_and_the_change_is_in_its_history(client, admin):
    client.force_login(admin)
    figure = RecordedFigure.objects.get(indikator__kode="sociopreneur", tahun=2022)
    data = {
        "indikator": figure.indikator_id,
        "tahun": 2022,
        "nilai": 1030,
        "jenis_sumber": "pers",
        "sumber": figure.sumber,
        "catatan": "Dikoreksi dari kliping",
    }
    response = client.post(f"/admin/indicators/recordedfigure/{figure.pk}/change/", data)
    assert response.status_code == 302
    assert RecordedFigure.objects.get(pk=figure.pk).nilai == 1030
    assert [h.nilai for h in figure.history.order_by("history_date")] == [1030]
    assert client.get(f"/admin/indicators/recordedfigure/{figure.pk}/history/").status_code == 200


def test_admin_adds_a_figure_for_another_year(client, admin):
    client.force_login(admin)
    data = {
        "indikator": Indicator.objects.get(kode="produk-unggulan").pk,
        "tahun": 2023,
        "nilai": 250,
        "jenis_sumber": "laporan",
        "sumber": "Laporan tahunan Diskop UKM 2023",
        "catatan": "",
    }
    assert client.post("/admin/indicators/recordedfigure/add/", data).status_code == 302
    assert RecordedFigure.objects.filter(tahun=2023, jenis_sumber="laporan").exists()


def test_one_figure_per_indicator_year_and_kind_of_source(client, admin):
    client.force_login(admin)
    existing = RecordedFigure.objects.get(indikator__kode="produk-unggulan", tahun=2019)
    data = {
        "indikator": existing.indikator_id,
        "tahun": 2019,
        "nilai": 151,
        "jenis_sumber": "fgd",
        "sumber": "x",
        "catatan": "",
    }
    response = client.post("/admin/indicators/recordedfigure/add/", data)
    assert response.status_code == 200 and "sudah ada" in response.content.decode()
    assert RecordedFigure.objects.filter(indikator=existing.indikator, tahun=2019).count() == 1


def test_non_admin_roles_cannot_edit_figures(as_persona):
    assert as_persona("staf").get("/admin/indicators/recordedfigure/").status_code == 302


def test_register_page_lists_the_recorded_figures_with_their_source(as_persona):
    html = as_persona("petugas_a").get("/indikator/").content.decode()
    assert "Angka capaian tercatat di luar registri" in html
    assert "239.993" in html and "FGD Diskop UKM Jatim dengan Perangkat Daerah, 2 Februari 2023" in html
