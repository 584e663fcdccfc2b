from pesantren.demo import seed_demo_registry
from pesantren.models import Kopontren, Participation, Pesantren, Santripreneur, Sociopreneur
from pesantren.selectors import santripreneur_open_duplicate_groups


def test_demo_registry_is_realistic_valid_and_audited(admin):
    summary = seed_demo_registry()
    assert summary.startswith("Registri demo:")
    assert Pesantren.objects.values("kabkota").distinct().count() == 38
    assert 190 <= Pesantren.objects.count() <= 460
    assert Santripreneur.objects.count() >= 1000 and Sociopreneur.objects.count() >= 100
    assert Kopontren.objects.exists() and Pesantren.objects.filter(tahun_kohort__isnull=False).exists()
    assert Santripreneur.objects.filter(nik__isnull=False).exists()
    # some people were trained by several OPDs: one santripreneur, several participations
    assert Participation.objects.values("santripreneur").distinct().count() < Participation.objects.count()
    assert santripreneur_open_duplicate_groups(admin).count() >= 2
    assert sum(p.nspp_region_mismatch for p in Pesantren.objects.all()) == 2
    for model in (Pesantren, Kopontren, Santripreneur, Participation, Sociopreneur):
        assert model.history.count() == model.objects.count()
    for obj in Pesantren.objects.all()[:50]:
        obj.full_clean()
    for obj in Santripreneur.objects.all()[:300]:
        obj.full_clean()


def test_demo_registry_is_deterministic_and_idempotent(db):
    seed_demo_registry()
    first = list(Pesantren.objects.order_by("nspp").values_list("nspp", "nama"))
    counts = (Santripreneur.objects.count(), Participation.objects.count())
    assert seed_demo_registry() == "Registri demo sudah ada; tidak diubah."
    assert list(Pesantren.objects.order_by("nspp").values_list("nspp", "nama")) == first
    assert (Santripreneur.objects.count(), Participation.objects.count()) == counts


def test_demo_registry_leaves_the_dashboard_tallies_in_step(db):
    from django.db.models import Sum

    from pesantren.models import ParticipationTally, SantripreneurTally

    seed_demo_registry()
    assert SantripreneurTally.objects.aggregate(n=Sum("jumlah"))["n"] == Santripreneur.objects.count()
    aktif = SantripreneurTally.objects.filter(aktif=True).aggregate(n=Sum("jumlah"))["n"]
    assert aktif == Santripreneur.objects.filter(status="aktif").count()
    assert ParticipationTally.objects.aggregate(n=Sum("jumlah"))["n"] == Participation.objects.count()
