"""Demo plans for a first look, built around the day they are seeded: the programme's history (2022–2024), last
year's plans verified and reported, and this year's plans in every state with a report for each quarter whose
deadline has passed — a programme in motion, whatever the date.

Idempotent: a plan that already exists for an OPD and year is left as it is. Everything goes through the services,
so the demo data carries the same history and obeys the same rules as data typed in the portal; only the dates of
the steps are then set to when they would have happened (the services stamp "now"), and what the seed told people
of earlier years is marked read."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from opop.accounts.models import PerangkatDaerah, User
from opop.accounts.roles import Role
from opop.indicators.models import Indicator
from opop.notifications.models import Notifikasi
from opop.notifications.services import notifikasi_mark_read
from opop.wilayah.models import KabupatenKota
from programs import services
from programs.models import BatasPelaporan, KategoriKendala, LaporanTriwulan, Rencana, Status, default_deadline
from programs.selectors import deadlines_for_year, last_due_quarter

# (SIPD level, code, uraian, pillar, indicator, indikator kinerja, target, satuan, pagu, sumber, quarters, kab/kota)
LINES = {
    "kominfo": [
        (
            "sub_kegiatan",
            "2.16.02.1.02.0004",
            "Pengelolaan media sosial dan promosi digital produk OPOP",
            "pesantrenpreneur",
            "produk-unggulan",
            "Produk pesantren yang dipromosikan secara digital",
            120,
            "produk",
            450_000_000,
            "apbd",
            "1234",
            ["35.17", "35.26", "35.78"],
        ),
        (
            "",
            "",
            "Pelatihan pemasaran digital santripreneur (mitra CSR operator seluler)",
            "santripreneur",
            "santripreneur",
            "Santri terlatih pemasaran digital",
            600,
            "orang",
            0,
            "csr",
            "23",
            ["35.09", "35.13"],
        ),
        (
            "sub_kegiatan",
            "2.16.03.1.01.0001",
            "Penyediaan konten literasi digital pesantren",
            "sociopreneur",
            "sociopreneur",
            "Alumni pesantren pelaku usaha sosial yang didampingi",
            40,
            "orang",
            175_000_000,
            "apbd",
            "34",
            ["35.17"],
        ),
    ],
    "dindik": [
        (
            "sub_kegiatan",
            "1.01.02.1.01.0012",
            "Pendidikan kewirausahaan pada SMK berbasis pesantren",
            "santripreneur",
            "santripreneur",
            "Santri SMK lulus uji kompetensi kewirausahaan",
            1500,
            "orang",
            1_250_000_000,
            "apbd",
            "1234",
            ["35.08", "35.15", "35.17", "35.24"],
        ),
        (
            "kegiatan",
            "1.01.02.1.01",
            "Pengelolaan pendidikan SMK: teaching factory pesantren",
            "pesantrenpreneur",
            "pesantren-opop",
            "Pesantren dengan teaching factory",
            25,
            "pesantren",
            2_100_000_000,
            "dak",
            "234",
            ["35.05", "35.29"],
        ),
    ],
    "disperindag": [
        (
            "sub_kegiatan",
            "3.31.02.1.01.0003",
            "Fasilitasi sertifikasi halal dan P-IRT produk pesantren",
            "pesantrenpreneur",
            "produk-unggulan",
            "Produk bersertifikat halal/P-IRT",
            200,
            "produk",
            900_000_000,
            "apbd",
            "1234",
            ["35.07", "35.17", "35.25", "35.73"],
        ),
        (
            "sub_kegiatan",
            "3.31.02.1.02.0001",
            "Kurasi dan pameran produk unggulan OPOP",
            "pesantrenpreneur",
            "produk-unggulan",
            "Produk lolos kurasi pameran",
            60,
            "produk",
            650_000_000,
            "apbd",
            "34",
            ["35.78"],
        ),
    ],
    "disnakertrans": [
        (
            "sub_kegiatan",
            "2.07.03.1.01.0002",
            "Pelatihan berbasis kompetensi bagi santri",
            "santripreneur",
            "santripreneur",
            "Santri bersertifikat kompetensi",
            800,
            "orang",
            1_600_000_000,
            "apbd",
            "23",
            ["35.12", "35.17", "35.22"],
        ),
    ],
    "distan": [
        (
            "",
            "",
            "Pendampingan agribisnis hortikultura di pesantren",
            "sociopreneur",
            "sociopreneur",
            "Kelompok usaha alumni pesantren yang didampingi",
            30,
            "kelompok",
            540_000_000,
            "apbd",
            "234",
            ["35.10", "35.11"],
        ),
    ],
}

# The other supporting agencies (PRODUCT.md §2) plan a line each from the year after the history, so the
# compliance board of a demo year has no agency missing a plan but the one this year's states leave in draft.
LINES.update(
    {
        "diskop-ukm": [
            (
                "",
                "",
                "Pendampingan kopontren pesantren OPOP",
                "pesantrenpreneur",
                "produk-unggulan",
                "Kopontren didampingi",
                40,
                "koperasi",
                750_000_000,
                "apbd",
                "1234",
                ["35.07", "35.78"],
            ),
        ],
        "bapenda": [
            (
                "",
                "",
                "Sosialisasi pajak daerah bagi usaha pesantren",
                "sociopreneur",
                "sociopreneur",
                "Pelaku usaha pesantren tersosialisasi",
                150,
                "orang",
                120_000_000,
                "apbd",
                "23",
                ["35.78"],
            ),
        ],
        "dinkes": [
            (
                "",
                "",
                "Pendampingan sertifikat laik higiene produk pangan pesantren",
                "pesantrenpreneur",
                "produk-unggulan",
                "Produk pangan laik higiene",
                45,
                "produk",
                300_000_000,
                "apbd",
                "234",
                ["35.09", "35.24"],
            ),
        ],
        "dkp": [
            (
                "",
                "",
                "Pelatihan pengolahan hasil perikanan santri pesisir",
                "santripreneur",
                "santripreneur",
                "Santri terlatih olahan perikanan",
                120,
                "orang",
                400_000_000,
                "apbd",
                "23",
                ["35.26", "35.28"],
            ),
        ],
        "biro-kesra": [
            (
                "",
                "",
                "Fasilitasi kemitraan pesantren dengan dunia usaha",
                "sociopreneur",
                "sociopreneur",
                "Kemitraan terjalin",
                12,
                "kegiatan",
                200_000_000,
                "apbd",
                "34",
                [],
            ),
        ],
        "bappeda": [
            (
                "",
                "",
                "Penyusunan peta jalan OPOP dan evaluasi capaian",
                "pesantrenpreneur",
                "produk-unggulan",
                "Dokumen evaluasi tersusun",
                2,
                "dokumen",
                250_000_000,
                "apbd",
                "24",
                [],
            ),
        ],
    }
)

# The programme's record kept as history: which OPDs planned each year (all five in the later years). Every plan of
# a past year is verified with all its quarters reported (nothing from a closed year is left overdue).
HISTORY = {
    2022: ("kominfo", "dindik", "disperindag", "disnakertrans"),
    2023: ("kominfo", "dindik", "disperindag", "disnakertrans", "distan"),
    2024: ("kominfo", "dindik", "disperindag", "disnakertrans", "distan"),
}
# This year's plans, one per state of the cycle: Diskop has a plan to verify, Dindik a returned plan to fix,
# Disnakertrans has not submitted yet.
THIS_YEAR = {
    "kominfo": Status.DIVERIFIKASI,
    "distan": Status.DIVERIFIKASI,
    "dindik": Status.DIKEMBALIKAN,
    "disperindag": Status.DIAJUKAN,
    "disnakertrans": Status.DRAF,
    **dict.fromkeys(("diskop-ukm", "bapenda", "dinkes", "dkp", "biro-kesra", "bappeda"), Status.DIVERIFIKASI),
}
# The OPD whose latest due quarterly report still waits for Diskop's verification (every other report is verified).
REPORT_WAITING = "distan"

# Cumulative share of the target reached by the end of each quarter, per year (a slow start, a strong finish).
PROGRESS = {1: Decimal("0.15"), 2: Decimal("0.40"), 3: Decimal("0.70"), 4: Decimal("0.93")}
YEAR_FACTOR = {2022: Decimal("0.9"), 2023: Decimal("1.0"), 2024: Decimal("1.05")}
LATER_FACTOR = Decimal("1.1")  # every year after 2024


def plan_states(today):
    """{year: {OPD code: status}} of the demo as seeded on `today`: every year from the history's first to last year
    verified (the history's OPDs, all five after it), this year's plans in every state."""
    tahun = today.year
    states = {y: dict.fromkeys(HISTORY.get(y, LINES), Status.DIVERIFIKASI) for y in range(min(HISTORY), tahun)}
    states[tahun] = dict(THIS_YEAR)
    return states


def _actors():
    admin = User.objects.filter(role=Role.ADMIN, is_active=True).order_by("pk").first()
    staf = User.objects.filter(role=Role.STAF_DISKOP, is_active=True).order_by("pk").first() or admin
    return admin, staf


def _officer(opd, admin):
    return User.objects.filter(role=Role.PETUGAS_OPD, opd=opd, is_active=True).order_by("pk").first() or admin


@transaction.atomic
def seed_demo_plans(today=None):
    """Create the demo plans that do not exist yet, as on `today` (default: today); returns the number created."""
    today = today or timezone.localdate()
    admin, staf = _actors()
    if admin is None:
        return 0
    indicators = {i.kode: i for i in Indicator.objects.all()}
    regions = {k.kode: k for k in KabupatenKota.objects.all()}
    opds = {o.kode: o for o in PerangkatDaerah.objects.filter(kode__in=LINES)}
    existing = set(Rencana.objects.values_list("opd__kode", "tahun"))
    states = plan_states(today)
    _seed_deadlines(admin, states)
    due = {tahun: last_due_quarter(tahun, today, deadlines_for_year(tahun)) for tahun in states}
    waiting = max(
        (t for t, plans in states.items() if due[t] and plans.get(REPORT_WAITING) == Status.DIVERIFIKASI), default=None
    )
    created = 0
    for tahun, plans in states.items():
        for kode, status in plans.items():
            if (kode, tahun) in existing or kode not in opds:
                continue
            quarters = due[tahun] if status == Status.DIVERIFIKASI else 0
            left_waiting = quarters if (kode, tahun) == (REPORT_WAITING, waiting) else 0
            rencana = _seed_plan(opds[kode], tahun, status, quarters, left_waiting, admin, staf, indicators, regions)
            _date_steps(rencana, status, today)
            if tahun < today.year:
                _mark_read(rencana)
            created += 1
    return created


def _seed_deadlines(admin, states):
    for tahun in states:
        for triwulan in range(1, 5):
            if not BatasPelaporan.objects.filter(tahun=tahun, triwulan=triwulan).exists():
                services.batas_set(actor=admin, tahun=tahun, triwulan=triwulan, batas=default_deadline(tahun, triwulan))


def _seed_plan(opd, tahun, status, quarters, left_waiting, admin, staf, indicators, regions):
    """One plan walked through the cycle to `status`, with reports of quarters 1..`quarters` submitted and
    verified, except quarter `left_waiting` (0: none) left submitted."""
    officer = _officer(opd, admin)
    rencana = services.rencana_create(actor=officer, opd=opd, tahun=tahun)
    factor = YEAR_FACTOR.get(tahun, LATER_FACTOR)
    kegiatan_list = []
    for level, kode, uraian, pilar, indikator, kinerja, target, satuan, pagu, sumber, tw, lokasi in LINES[opd.kode]:
        data = {
            "level_sipd": level,
            "kode_sipd": kode,
            "uraian": uraian,
            "pilar": pilar,
            "indikator": indicators[indikator],
            "indikator_kinerja": kinerja,
            "target": int(target * factor),
            "satuan": satuan,
            "pagu": Decimal(int(pagu * factor / 1000) * 1000),
            "sumber_dana": sumber,
            "triwulan": tw,
            "pptk": f"PPTK {opd.singkatan}",
            "lokasi": [regions[c] for c in lokasi],
        }
        kegiatan_list.append(services.kegiatan_create(actor=officer, rencana=rencana, data=data))
    if status == Status.DRAF:
        return rencana
    services.rencana_submit(actor=officer, rencana=rencana)
    if status == Status.DIKEMBALIKAN:
        services.rencana_return(
            actor=staf, rencana=rencana, catatan="Lengkapi kode SIPD dan lokasi kab/kota untuk kegiatan kedua."
        )
        return rencana
    if status == Status.DIAJUKAN:
        return rencana
    services.rencana_verify(actor=staf, rencana=rencana)
    anggaran = KategoriKendala.objects.filter(nama="Anggaran").first()  # seeded by programs' migration 0016
    for triwulan in range(1, quarters + 1):
        for index, kegiatan in enumerate(kegiatan_list):
            if triwulan < kegiatan.triwulan_mulai:
                continue  # not started yet: no report due
            share = PROGRESS[triwulan] * (Decimal("1.05") - Decimal(index) / 10)
            services.realisasi_save(
                actor=officer,
                kegiatan=kegiatan,
                triwulan=triwulan,
                data={
                    "output": int(kegiatan.target * min(share, Decimal("1.1"))),
                    "fisik_persen": min(Decimal(100), (share * 100).quantize(Decimal("1"))),
                    "anggaran_terserap": Decimal(int(kegiatan.pagu * min(share, Decimal(1)) / 1000) * 1000),
                    "permasalahan": "" if triwulan > 1 else "Penetapan DPA dan pengadaan baru selesai akhir triwulan.",
                    "kategori_kendala": None if triwulan > 1 else anggaran,
                    "faktor_pendorong": "Dukungan pengasuh pesantren dan pemerintah kab/kota.",
                    "faktor_penghambat": "" if index else "Jadwal kegiatan menyesuaikan kalender pesantren.",
                },
            )
        services.laporan_submit(actor=officer, rencana=rencana, triwulan=triwulan)
        if triwulan != left_waiting:
            services.laporan_verify(actor=staf, rencana=rencana, triwulan=triwulan)
    return rencana


def _mark_read(rencana):
    """What the seed told people of an earlier year's plan and reports is read: the inboxes open on this year's."""
    mark_read_at(rencana.get_absolute_url())


def mark_read_at(url):
    """The seed's messages about the page at `url` (and its anchors) are marked read."""
    unread = Notifikasi.objects.filter(Q(tautan=url) | Q(tautan__startswith=f"{url}#"), dibaca_pada__isnull=True)
    for notifikasi in unread.select_related("penerima"):
        notifikasi_mark_read(actor=notifikasi.penerima, notifikasi=notifikasi)


def _date_steps(rencana, status, today):
    """Give the plan's and its reports' steps the dates they would have had, all before `today`: a plan submitted
    in December before its year and verified ten days later (this year's open plans: submitted days ago), each
    report submitted five days before its deadline and verified five days after it."""
    tahun = rencana.tahun

    def at(day):
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))

    yesterday = today - datetime.timedelta(days=1)
    if status == Status.DIVERIFIKASI:
        stamps = {
            "diajukan_pada": datetime.date(tahun - 1, 12, 10),
            "diverifikasi_pada": datetime.date(tahun - 1, 12, 20),
        }
    elif status == Status.DIAJUKAN:
        stamps = {"diajukan_pada": today - datetime.timedelta(days=3)}
    elif status == Status.DIKEMBALIKAN:
        stamps = {"diajukan_pada": today - datetime.timedelta(days=12)}
    else:
        return
    Rencana.objects.filter(pk=rencana.pk).update(**{field: at(min(day, yesterday)) for field, day in stamps.items()})
    deadlines = deadlines_for_year(tahun)
    for laporan in LaporanTriwulan.objects.filter(rencana=rencana):
        batas = deadlines[laporan.triwulan] or default_deadline(tahun, laporan.triwulan)  # removed by Diskop
        stamps = {"diajukan_pada": min(batas - datetime.timedelta(days=5), yesterday)}
        if laporan.status == Status.DIVERIFIKASI:
            stamps["diverifikasi_pada"] = min(batas + datetime.timedelta(days=5), yesterday)
        LaporanTriwulan.objects.filter(pk=laporan.pk).update(**{f: at(day) for f, day in stamps.items()})
        # Its history too: the reporting rate reads when a report was first submitted from there.
        LaporanTriwulan.history.filter(id=laporan.pk, status=Status.DIAJUKAN).update(
            diajukan_pada=at(stamps["diajukan_pada"]), history_date=at(stamps["diajukan_pada"])
        )
