import pytest
from django.core.management import call_command

from programs.models import LaporanTriwulan, Realisasi, Rencana, Status


@pytest.mark.django_db
def test_seed_demo_adds_plans_in_every_state_and_is_idempotent():
    call_command("seed_demo", allow_production=True)  # speed is the bench's business, not a unit test's
    counts = (Rencana.objects.count(), Realisasi.objects.count(), LaporanTriwulan.objects.count())
    call_command("seed_demo", allow_production=True)
    assert (Rencana.objects.count(), Realisasi.objects.count(), LaporanTriwulan.objects.count()) == counts

    assert set(Rencana.objects.values_list("tahun", flat=True)) == {2022, 2023, 2024}
    assert set(Rencana.objects.values_list("status", flat=True)) == set(Status.values)
    assert Rencana.objects.values("opd").distinct().count() >= 4
    assert Realisasi.objects.filter(kegiatan__rencana__tahun=2022).exists()
    assert LaporanTriwulan.objects.filter(status=Status.DIAJUKAN).exists()
    # The demo officers own their OPD's plans, so they can open them in the portal.
    kominfo = Rencana.objects.get(opd__kode="kominfo", tahun=2024)
    assert kominfo.dibuat_oleh.username == "petugas.kominfo"
