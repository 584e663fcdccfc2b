"""The dashboard tallies always equal a direct count of the rows, whatever path wrote them."""

import datetime
from collections import Counter

import pytest
from django.db.models import Count

from opop.accounts.models import PerangkatDaerah
from opop.imports.engine import run_import
from opop.imports.registry import get_spec
from opop.wilayah.models import KabupatenKota
from pesantren import services, tallies
from pesantren.models import Participation, ParticipationTally, Pesantren, Santripreneur, SantripreneurTally
from tests.importer.data import SANTRI_HEADERS, santri_rows, to_csv


def _direct():
    santri = Counter()
    for row in Santripreneur.objects.values("pesantren__kabkota_id", "tahun_terdaftar", "status").annotate(
        n=Count("id")
    ):
        santri[(row["pesantren__kabkota_id"], row["tahun_terdaftar"], row["status"] == "aktif")] += row["n"]
    participation = Counter(
        {
            (r["opd_id"], r["tahun"]): r["n"]
            for r in Participation.objects.values("opd_id", "tahun").annotate(n=Count("id"))
        }
    )
    return +santri, +participation


def _tallied():
    santri = Counter({(t.kabkota_id, t.tahun, t.aktif): t.jumlah for t in SantripreneurTally.objects.all()})
    participation = Counter({(t.opd_id, t.tahun): t.jumlah for t in ParticipationTally.objects.all()})
    return +santri, +participation


def test_tallies_follow_every_write_path(pesantren_nspps, staf):
    spec = get_spec("santripreneur")
    rows = santri_rows(40, pesantren_nspps)
    run_import(spec, to_csv(SANTRI_HEADERS, rows), "a.csv", actor=staf, commit=True)
    assert _tallied() == _direct() and sum(_tallied()[0].values()) == 40

    rows[0][7] = "Tidak aktif"  # status change through an import update
    rows[1][8] = "2021"  # year change
    run_import(
        spec,
        to_csv(SANTRI_HEADERS, rows + santri_rows(5, pesantren_nspps, start=100)),
        "b.csv",
        actor=staf,
        commit=True,
    )
    assert _tallied() == _direct()

    surabaya_pesantren = services.pesantren_save(
        actor=staf, nspp="510035780001", nama="PP Surabaya", kabkota=KabupatenKota.objects.get(pk="35.78")
    )
    person = services.santripreneur_save(
        actor=staf,
        nama="Ahmad Baru",
        pesantren=surabaya_pesantren,
        tahun_terdaftar=2024,
        tanggal_lahir=datetime.date(2004, 1, 2),
    )
    twin = services.santripreneur_save(
        actor=staf,
        nama="ahmad  baru",
        pesantren=surabaya_pesantren,
        tahun_terdaftar=2024,
        tanggal_lahir=datetime.date(2004, 1, 2),
    )
    opds = list(PerangkatDaerah.objects.all()[:3])
    for opd in opds:
        services.participation_add(actor=staf, santripreneur=person, kegiatan="Pelatihan", opd=opd, tahun=2024)
    services.participation_add(actor=staf, santripreneur=twin, kegiatan="Pelatihan", opd=opds[0], tahun=2024)
    services.participation_add(actor=staf, santripreneur=twin, kegiatan="Magang", opd=opds[1], tahun=2023)
    assert _tallied() == _direct()

    person.status = "tidak_aktif"  # the instance changed before the service sees it, as a ModelForm does
    services.santripreneur_save(actor=staf, person=person, status="tidak_aktif", tahun_terdaftar=2023)
    services.santripreneur_merge(actor=staf, keep=person, drop=twin, reason="Orang yang sama")
    assert Participation.objects.filter(santripreneur=person).count() == 4  # 3 + Magang; the repeated one dropped
    assert _tallied() == _direct()

    services.record_delete(actor=staf, obj=Participation.objects.filter(santripreneur=person).first())
    services.record_delete(actor=staf, obj=Santripreneur.objects.exclude(pk=person.pk).first())
    assert _tallied() == _direct()

    # A pesantren that moves to another kab/kota takes its santripreneur with it.
    services.pesantren_save(actor=staf, pesantren=surabaya_pesantren, kabkota=KabupatenKota.objects.get(pk="35.17"))
    assert _tallied() == _direct()
    services.record_delete(actor=staf, obj=person)
    assert _tallied() == _direct()


@pytest.mark.django_db
def test_rebuild_recomputes_from_rows(pesantren_nspps):
    run_import(
        get_spec("santripreneur"),
        to_csv(SANTRI_HEADERS, santri_rows(10, pesantren_nspps)),
        "a.csv",
        actor=None,
        commit=True,
    )
    SantripreneurTally.objects.update(jumlah=999)
    tallies.rebuild()
    assert _tallied() == _direct()
    assert Pesantren.objects.count() == 20


@pytest.mark.django_db
def test_name_search_has_a_trigram_index_on_postgresql_and_works_everywhere(pesantren_nspps):
    from django.db import connection

    run_import(
        get_spec("santripreneur"),
        to_csv(SANTRI_HEADERS, santri_rows(5, pesantren_nspps)),
        "a.csv",
        actor=None,
        commit=True,
    )
    assert Santripreneur.objects.filter(nama_normal__contains="nomor 3").count() == 1
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'pesantren_santripreneur'")
            assert "santri_nama_trgm" in {row[0] for row in cursor.fetchall()}
