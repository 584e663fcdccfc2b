"""seed_demo's FGDs (programs.fgd_demo): the source document's 2 February 2023 meeting with decisions in every
state, and an upcoming meeting after today with a drafted agenda; seeding twice adds nothing."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from programs.models import Fgd, StatusFgd, StatusTindakLanjut, TindakLanjut


@pytest.mark.django_db
def test_seed_demo_adds_the_source_fgd_and_an_upcoming_one(client):
    call_command("seed_demo", allow_production=True)
    counts = (Fgd.objects.count(), TindakLanjut.objects.count())
    call_command("seed_demo", allow_production=True)
    assert (Fgd.objects.count(), TindakLanjut.objects.count()) == counts == (2, 4)

    source = Fgd.objects.get(tanggal=datetime.date(2023, 2, 2))
    assert source.status == StatusFgd.SELESAI and "Aria Wiria Atmadja" in source.tempat
    assert set(source.tindak_lanjut.values_list("status", flat=True)) == set(StatusTindakLanjut.values)
    assert source.hadir.count() < source.diundang.count()
    upcoming = Fgd.objects.exclude(pk=source.pk).get()
    assert upcoming.tanggal > timezone.localdate() and upcoming.status == StatusFgd.TERJADWAL
    # The upcoming meeting's page opens with the source meeting's decisions.
    from opop.accounts.models import User

    client.force_login(User.objects.get(username="staf"))
    page = client.get(upcoming.get_absolute_url())
    assert len(page.context["sebelumnya"]) == 4
