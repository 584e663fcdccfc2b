"""Hand-made plans, pesantren and participations of 2024 for the synergy map (peta sinergi), built through the
services. Short OPD names: Kominfo = "Dinas Kominfo" (OPD A), Dindik = "Dinas Pendidikan" (OPD B).

Plan lines 2024 (pilar, kab/kota, target, pagu in juta):
  Kominfo (diverifikasi)  K1 santripreneur  Jombang+Surabaya 100 orang 150 · K2 pesantrenpreneur province-wide
                          10 produk 50 · K3 pesantrenpreneur Malang 1 produk 1
  Dindik (draf)           D1 santripreneur Jombang 200 orang 300 · D2 santripreneur Jombang 5 kelompok 20 ·
                          D3 pesantrenpreneur Malang 1 produk 1
  Disperindag (diajukan)  P1 santripreneur Jombang+Malang 50 orang 100 · P2 pesantrenpreneur Malang 1 produk 1
  Disnakertrans (draf)    N1 santripreneur Surabaya 30 orang 40 · N2 pesantrenpreneur Malang 1 produk 1 ·
                          N3 pesantrenpreneur province-wide 20 pesantren 70
  Dinas Pertanian (draf)  T1 santripreneur Surabaya 10 orang 10
  -> overlaps: 1 Malang pesantrenpreneur (4 OPDs, 4 jt) · 2 Jombang santripreneur (3 OPDs, 570 jt, 350 orang +
     5 kelompok) · 3 Surabaya santripreneur (3 OPDs, 200 jt); province-wide pesantrenpreneur: 2 OPDs, not an overlap
Pesantren (kohort): Jombang 2024 · Bangkalan 2021, 2023 · Sampang 2019 · Kediri 2025 (not yet in 2024) · Pacitan none
  -> gaps 2024: 1 Bangkalan (2 pesantren OPOP) · 2 Sampang (1); Jombang has lines; Kediri, Pacitan no OPOP pesantren
Participations 2024: PP Jombang: Kominfo 2 (two activities), Dindik 1 · PP Bangkalan Satu: Disnakertrans 1;
  2023: PP Sampang: Kominfo 1 (another year: not counted)"""

from decimal import Decimal

from opop.accounts.models import PerangkatDaerah
from opop.indicators.models import Indicator
from opop.wilayah.models import KabupatenKota
from pesantren import services as registry
from pesantren.models import Pesantren
from programs import services as plans
from programs.models import Status
from tests.programs.factories import line_data

TAHUN = 2024
JT = Decimal(1_000_000)
JOMBANG, SURABAYA, MALANG, BANGKALAN, SAMPANG, KEDIRI, PACITAN = (
    "35.17",
    "35.78",
    "35.07",
    "35.26",
    "35.27",
    "35.06",
    "35.01",
)


def _line(rencana, actor, pilar, lokasi, target, satuan, pagu_jt, uraian):
    indicator = "santripreneur" if pilar == "santripreneur" else "produk-unggulan"
    data = line_data(
        pilar=pilar,
        indikator=Indicator.objects.get(kode=indicator),
        lokasi=list(KabupatenKota.objects.filter(kode__in=lokasi)),
        target=target,
        satuan=satuan,
        pagu=pagu_jt * JT,
        uraian=uraian,
    )
    return plans.kegiatan_create(actor=actor, rencana=rencana, data=data)


def _plan(actor, kode, lines, status=Status.DRAF, verifier=None):
    rencana = plans.rencana_create(actor=actor, opd=PerangkatDaerah.objects.get(kode=kode), tahun=TAHUN)
    for line in lines:
        _line(rencana, actor, *line)
    if status in (Status.DIAJUKAN, Status.DIVERIFIKASI):
        plans.rencana_submit(actor=actor, rencana=rencana)
    if status == Status.DIVERIFIKASI:
        plans.rencana_verify(actor=verifier, rencana=rencana)
    return rencana


def build_sinergi(*, admin, staf, petugas_a, petugas_b):
    santri, pesantren = "santripreneur", "pesantrenpreneur"
    _plan(
        petugas_a,
        "kominfo",
        [
            (santri, [JOMBANG, SURABAYA], 100, "orang", 150, "K1 Pelatihan digital santri"),
            (pesantren, [], 10, "produk", 50, "K2 Promosi digital produk OPOP"),
            (pesantren, [MALANG], 1, "produk", 1, "K3 Foto produk Malang"),
        ],
        Status.DIVERIFIKASI,
        staf,
    )
    _plan(
        petugas_b,
        "dindik",
        [
            (santri, [JOMBANG], 200, "orang", 300, "D1 Kewirausahaan SMK pesantren"),
            (santri, [JOMBANG], 5, "kelompok", 20, "D2 Kelompok usaha santri"),
            (pesantren, [MALANG], 1, "produk", 1, "D3 Teaching factory Malang"),
        ],
    )
    _plan(
        admin,
        "disperindag",
        [
            (santri, [JOMBANG, MALANG], 50, "orang", 100, "P1 Pelatihan produksi santri"),
            (pesantren, [MALANG], 1, "produk", 1, "P2 Sertifikasi halal Malang"),
        ],
        Status.DIAJUKAN,
    )
    _plan(
        admin,
        "disnakertrans",
        [
            (santri, [SURABAYA], 30, "orang", 40, "N1 Pelatihan kerja santri"),
            (pesantren, [MALANG], 1, "produk", 1, "N2 Magang Malang"),
            (pesantren, [], 20, "pesantren", 70, "N3 Pendampingan pesantren se-Jatim"),
        ],
    )
    _plan(admin, "distan", [(santri, [SURABAYA], 10, "orang", 10, "T1 Santri tani")])

    def pondok(nspp, nama, kabkota, kohort):
        return registry.pesantren_save(
            actor=None, pesantren=Pesantren(kabkota_id=kabkota), nspp=nspp, nama=nama, tahun_kohort=kohort
        )

    jombang = pondok("510035170101", "PP Jombang", JOMBANG, 2024)
    bangkalan = pondok("510035260101", "PP Bangkalan Satu", BANGKALAN, 2021)
    pondok("510035260102", "PP Bangkalan Dua", BANGKALAN, 2023)
    sampang = pondok("510035270101", "PP Sampang", SAMPANG, 2019)
    pondok("510035060101", "PP Kediri", KEDIRI, 2025)
    pondok("510035010101", "PP Pacitan", PACITAN, None)

    def santri_of(pesantren, nama):
        return registry.santripreneur_save(
            actor=None, nama=nama, pesantren=pesantren, tahun_terdaftar=2023, status="aktif"
        )

    def took_part(person, kegiatan, kode, tahun=TAHUN):
        registry.participation_add(
            actor=None,
            santripreneur=person,
            kegiatan=kegiatan,
            opd=PerangkatDaerah.objects.get(kode=kode),
            tahun=tahun,
        )

    a, b = santri_of(jombang, "Santri Jombang A"), santri_of(jombang, "Santri Jombang B")
    took_part(a, "Kelas digital", "kominfo")
    took_part(b, "Kelas digital", "kominfo")
    took_part(a, "Kewirausahaan SMK", "dindik")
    took_part(santri_of(bangkalan, "Santri Bangkalan"), "Pelatihan kerja", "disnakertrans")
    took_part(santri_of(sampang, "Santri Sampang"), "Kelas digital", "kominfo", tahun=2023)


def grow_sinergi(admin, n=12):
    """Another data size: more OPD plans with lines, more pesantren, more participations of the year."""
    kabkota = [JOMBANG, SURABAYA, MALANG, "35.09", "35.73", "35.25"]
    for offset, kode in enumerate(("dkp", "bappeda", "dinkes")):
        lines = [
            ("sociopreneur" if i % 2 else "santripreneur", [kabkota[(i + offset) % 6]], 5 + i, "orang", 2 + i, f"G{i}")
            for i in range(n)
        ]
        _plan(admin, kode, lines)
    opd = PerangkatDaerah.objects.get(kode="dkp")
    for i in range(n):
        pesantren = registry.pesantren_save(
            actor=None,
            pesantren=Pesantren(kabkota_id=kabkota[i % 6]),
            nspp=f"51003{9001 + i:07d}",
            nama=f"PP Tambahan {i}",
            tahun_kohort=2019 + i % 5,
        )
        person = registry.santripreneur_save(
            actor=None, nama=f"Santri Tambahan {i}", pesantren=pesantren, tahun_terdaftar=2023, status="aktif"
        )
        registry.participation_add(actor=None, santripreneur=person, kegiatan="Kelas", opd=opd, tahun=TAHUN)
