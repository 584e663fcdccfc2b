import pytest

from opop.wilayah.models import JenisWilayah, KabupatenKota, Kecamatan


@pytest.mark.django_db
def test_migrate_loads_38_kabkota_29_kabupaten_9_kota():
    assert KabupatenKota.objects.count() == 38
    assert KabupatenKota.objects.filter(jenis=JenisWilayah.KABUPATEN).count() == 29
    assert KabupatenKota.objects.filter(jenis=JenisWilayah.KOTA).count() == 9
    # Kemendagri numbering: kabupaten 35.01-35.29, kota 35.71-35.79
    assert KabupatenKota.objects.filter(jenis=JenisWilayah.KOTA).first().kode == "35.71"
    assert KabupatenKota.objects.order_by("kode").last().kode == "35.79"


@pytest.mark.django_db
def test_migrate_loads_666_kecamatan_each_under_its_kabkota():
    assert Kecamatan.objects.count() == 666
    for kec in Kecamatan.objects.select_related("kabkota").iterator():
        assert kec.kode.startswith(kec.kabkota.kode + ".")


@pytest.mark.django_db
def test_known_regions_have_their_kemendagri_codes():
    jombang = KabupatenKota.objects.get(kode="35.17")
    assert jombang.nama == "Kabupaten Jombang" and jombang.kode_bps == "3517"
    assert KabupatenKota.objects.get(kode="35.78").nama == "Kota Surabaya"
    assert Kecamatan.objects.get(kode="35.01.02").nama == "Pringkuku"
    assert sum(KabupatenKota.objects.values_list("penduduk", flat=True)) == 41_919_906


@pytest.mark.django_db
def test_load_reference_data_is_idempotent(capsys):
    from django.core.management import call_command

    call_command("load_reference_data")
    call_command("load_reference_data")
    assert "38 kab/kota, 666 kecamatan, 11 OPD, 4 indikator" in capsys.readouterr().out
    assert Kecamatan.objects.count() == 666
