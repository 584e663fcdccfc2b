"""Builders for plan data in tests: they go through the services, as the portal does."""

from decimal import Decimal

from opop.indicators.models import Indicator
from opop.wilayah.models import KabupatenKota
from programs import services
from programs.models import Kegiatan, Status


def line_data(**overrides):
    data = {
        "level_sipd": "sub_kegiatan",
        "kode_sipd": "2.17.07.1.01.0002",
        "uraian": "Pelatihan kewirausahaan santri",
        "pilar": "santripreneur",
        "indikator": Indicator.objects.get(kode="santripreneur"),
        "indikator_kinerja": "Jumlah santri terlatih",
        "target": 100,
        "satuan": "orang",
        "pagu": Decimal("150000000"),
        "sumber_dana": "apbd",
        "triwulan": "1234",
        "pptk": "Ir. Hadi Susanto",
        "lokasi": list(KabupatenKota.objects.filter(kode__in=["35.17", "35.78"])),
    }
    data.update(overrides)
    return data


def line_post(**overrides):
    """The same kegiatan as a browser posts it."""
    data = {
        "level_sipd": "sub_kegiatan",
        "kode_sipd": "2.17.07.1.01.0002",
        "uraian": "Pelatihan kewirausahaan santri",
        "pilar": "santripreneur",
        "indikator": Indicator.objects.get(kode="santripreneur").pk,
        "indikator_kinerja": "Jumlah santri terlatih",
        "target": "100",
        "satuan": "orang",
        "pagu": "150000000",
        "sumber_dana": "apbd",
        "triwulan": ["1", "2"],
        "pptk": "Ir. Hadi Susanto",
        "lokasi": ["35.17", "35.78"],
        "versi": "",
    }
    data.update(overrides)
    return data


def make_plan(*, actor, opd, tahun=2024, jumlah_kegiatan=1, status=Status.DRAF, verifier=None, line_overrides=None):
    """A plan with `jumlah_kegiatan` kegiatan, moved to `status` (diajukan and later states need a verifier)."""
    rencana = services.rencana_create(actor=actor, opd=opd, tahun=tahun)
    for index in range(jumlah_kegiatan):
        overrides = (line_overrides or [{}] * jumlah_kegiatan)[index] if line_overrides else {}
        services.kegiatan_create(actor=actor, rencana=rencana, data=line_data(**overrides))
    if status in (Status.DIAJUKAN, Status.DIKEMBALIKAN, Status.DIVERIFIKASI):
        services.rencana_submit(actor=actor, rencana=rencana)
    if status == Status.DIKEMBALIKAN:
        services.rencana_return(actor=verifier, rencana=rencana, catatan="Lengkapi lokasi kegiatan.")
    if status == Status.DIVERIFIKASI:
        services.rencana_verify(actor=verifier, rencana=rencana)
    rencana.refresh_from_db()
    return rencana


def realisasi_data(**overrides):
    data = {
        "output": 40,
        "fisik_persen": Decimal("45"),
        "anggaran_terserap": Decimal("60000000"),
        "penjelasan_anggaran": "",
        "permasalahan": "Jadwal pelatihan bergeser karena libur pondok.",
        "faktor_pendorong": "Dukungan pengasuh pesantren.",
        "faktor_penghambat": "",
    }
    data.update(overrides)
    return data


def first_kegiatan(rencana):
    return Kegiatan.objects.filter(rencana=rencana).order_by("id").first()


def fill_quarter(rencana, actor, triwulan, output=10):
    """Enter a realisation for every kegiatan of the plan in one quarter."""
    for kegiatan in rencana.kegiatan.order_by("id"):
        services.realisasi_save(actor=actor, kegiatan=kegiatan, triwulan=triwulan, data=realisasi_data(output=output))
