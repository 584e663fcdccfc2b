"""Plan fixtures: OPD A (kominfo, petugas_a) and OPD B (dindik, petugas_b), in each workflow state."""

import pytest

from programs.models import Status
from tests.programs.factories import first_kegiatan, make_plan


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.MEDIA_ROOT


@pytest.fixture
def plan_a(petugas_a, opd_a):
    """OPD A's 2024 plan in draft with one kegiatan."""
    return make_plan(actor=petugas_a, opd=opd_a, tahun=2024, jumlah_kegiatan=1)


@pytest.fixture
def submitted_a(petugas_a, opd_a):
    return make_plan(actor=petugas_a, opd=opd_a, tahun=2024, jumlah_kegiatan=1, status=Status.DIAJUKAN)


@pytest.fixture
def returned_a(petugas_a, opd_a, staf):
    return make_plan(
        actor=petugas_a, opd=opd_a, tahun=2024, jumlah_kegiatan=1, status=Status.DIKEMBALIKAN, verifier=staf
    )


@pytest.fixture
def verified_a(petugas_a, opd_a, staf):
    return make_plan(
        actor=petugas_a, opd=opd_a, tahun=2024, jumlah_kegiatan=2, status=Status.DIVERIFIKASI, verifier=staf
    )


@pytest.fixture
def line_a(plan_a):
    return first_kegiatan(plan_a)


@pytest.fixture
def fgd_data(petugas_a, petugas_b, opd_a, opd_b, staf):
    """Hand-counted FGD fixture (see test_rekap_fgd.py for the expected numbers).

    2023 (verified): A: santripreneur 100 orang / Rp150 jt, realised 70 orang / Rp100 jt (TW II, kept to TW IV);
                        produk unggulan 50 produk / Rp200 jt, realised 20 / Rp50 jt (TW I, kept to TW IV);
                        TW IV report submitted.
                     B: santripreneur 200 orang / Rp300 jt, realised 150 / Rp250 jt (TW I); no TW IV report:
                        "belum melapor" in the recap (`b_reports` submits it).
    2024: A (draft): santripreneur 120 orang / Rp180 jt; produk unggulan 60 produk / Rp250 jt.
          B (submitted): santripreneur 250 orang / Rp350 jt; sociopreneur 10 kelompok / Rp90 jt."""
    from decimal import Decimal

    from opop.indicators.models import Indicator
    from programs import services
    from tests.programs.factories import realisasi_data

    santri = {"pilar": "santripreneur", "indikator": Indicator.objects.get(kode="santripreneur"), "satuan": "orang"}
    produk = {
        "pilar": "pesantrenpreneur",
        "indikator": Indicator.objects.get(kode="produk-unggulan"),
        "satuan": "produk",
    }
    socio = {"pilar": "sociopreneur", "indikator": Indicator.objects.get(kode="sociopreneur"), "satuan": "kelompok"}
    jt = Decimal(1_000_000)

    a23 = make_plan(
        actor=petugas_a,
        opd=opd_a,
        tahun=2023,
        jumlah_kegiatan=2,
        status=Status.DIVERIFIKASI,
        verifier=staf,
        line_overrides=[{**santri, "target": 100, "pagu": 150 * jt}, {**produk, "target": 50, "pagu": 200 * jt}],
    )
    b23 = make_plan(
        actor=petugas_b,
        opd=opd_b,
        tahun=2023,
        jumlah_kegiatan=1,
        status=Status.DIVERIFIKASI,
        verifier=staf,
        line_overrides=[{**santri, "target": 200, "pagu": 300 * jt}],
    )
    a_santri, a_produk = a23.kegiatan.order_by("id")
    services.realisasi_save(
        actor=petugas_a, kegiatan=a_santri, triwulan=1, data=realisasi_data(output=30, anggaran_terserap=40 * jt)
    )
    services.realisasi_save(
        actor=petugas_a, kegiatan=a_santri, triwulan=2, data=realisasi_data(output=70, anggaran_terserap=100 * jt)
    )
    services.realisasi_save(
        actor=petugas_a, kegiatan=a_produk, triwulan=1, data=realisasi_data(output=20, anggaran_terserap=50 * jt)
    )
    for kegiatan, output, spent in ((a_santri, 70, 100 * jt), (a_produk, 20, 50 * jt)):
        services.realisasi_save(
            actor=petugas_a, kegiatan=kegiatan, triwulan=4, data=realisasi_data(output=output, anggaran_terserap=spent)
        )
    services.laporan_submit(actor=petugas_a, rencana=a23, triwulan=4)
    services.realisasi_save(
        actor=petugas_b,
        kegiatan=b23.kegiatan.get(),
        triwulan=1,
        data=realisasi_data(output=150, anggaran_terserap=250 * jt),
    )
    make_plan(
        actor=petugas_a,
        opd=opd_a,
        tahun=2024,
        jumlah_kegiatan=2,
        line_overrides=[{**santri, "target": 120, "pagu": 180 * jt}, {**produk, "target": 60, "pagu": 250 * jt}],
    )
    make_plan(
        actor=petugas_b,
        opd=opd_b,
        tahun=2024,
        jumlah_kegiatan=2,
        status=Status.DIAJUKAN,
        line_overrides=[{**santri, "target": 250, "pagu": 350 * jt}, {**socio, "target": 10, "pagu": 90 * jt}],
    )


@pytest.fixture
def b_reports(fgd_data, petugas_b):
    """OPD B's TW IV 2023 report, submitted with the TW I figures kept (150 orang, Rp250 jt)."""
    from decimal import Decimal

    from programs import services
    from programs.models import Rencana
    from tests.programs.factories import realisasi_data

    b23 = Rencana.objects.get(opd=petugas_b.opd, tahun=2023)
    services.realisasi_save(
        actor=petugas_b,
        kegiatan=b23.kegiatan.get(),
        triwulan=4,
        data=realisasi_data(output=150, anggaran_terserap=Decimal(250_000_000)),
    )
    services.laporan_submit(actor=petugas_b, rencana=b23, triwulan=4)
