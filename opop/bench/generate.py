"""Target-scale data for benchmarks: COPY on PostgreSQL, batched INSERT elsewhere.

Rows are written straight into the tables (no history rows, no model validation): this is load for timing
pages and imports, not registry data. Deterministic for a given seed."""

import datetime
import random

from django.db import connection
from django.utils import timezone

from opop.accounts.models import PerangkatDaerah
from opop.wilayah.models import Kecamatan
from pesantren import duplicates, tallies
from pesantren.models import (
    Participation,
    ParticipationTally,
    Pesantren,
    Santripreneur,
    SantripreneurTally,
    duplicate_key,
    normalize_name,
)

FIRST = [
    "Ahmad",
    "Muhammad",
    "Abdul",
    "Siti",
    "Nur",
    "Fatimah",
    "Ali",
    "Umar",
    "Aisyah",
    "Zainab",
    "Rizki",
    "Dewi",
    "Agus",
    "Budi",
    "Lailatul",
    "Imam",
    "Hasan",
    "Husain",
    "Khoirul",
    "Aminah",
    "Yusuf",
    "Ilham",
    "Fajar",
    "Putri",
]
LAST = [
    "Fauzi",
    "Hidayat",
    "Rahman",
    "Hakim",
    "Maulana",
    "Zahra",
    "Azizah",
    "Ramadhan",
    "Syafi'i",
    "Kurniawan",
    "Wahyudi",
    "Mubarok",
    "Khoiriyah",
    "Hasanah",
    "Anwar",
    "Ma'ruf",
    "Santoso",
    "Setiawan",
    "Nuraini",
    "Ulfa",
]
PREFIX = ["Pondok Pesantren", "PP", "Ponpes"]
NAMES = [
    "Darul Ulum",
    "Nurul Huda",
    "Al-Falah",
    "Miftahul Jannah",
    "Bahrul Ulum",
    "Raudlatul Ulum",
    "Al-Amin",
    "Sunan Drajat",
    "Darussalam",
    "Hidayatullah",
    "Al-Hikmah",
    "Tebuireng",
    "Salafiyah Syafi'iyah",
]
BUSINESS = ["Kuliner", "Fesyen", "Kerajinan", "Pertanian", "Peternakan", "Jasa digital", "Herbal", "Perikanan"]
# The santripreneur columns a COPY writes, in the order of the generated rows (the bench's import floor too).
SANTRI_COLUMNS = [
    "nama",
    "nama_normal",
    "kunci_duplikat",
    "nik",
    "jenis_kelamin",
    "tanggal_lahir",
    "telepon",
    "status",
    "pesantren_id",
    "bidang_usaha",
    "tahun_terdaftar",
    "dibuat_pada",
    "diubah_pada",
]
DUPLICATE_EVERY = 500  # every 500th person repeats the one before: 2 000 duplicate groups at a million

ACTIVITIES = [
    "Pelatihan kewirausahaan",
    "Pelatihan digital marketing",
    "Bimtek pengemasan",
    "Magang industri",
    "Pelatihan keuangan usaha",
    "Pendampingan sertifikasi halal",
]


def _copy(model, columns, rows):
    """Write rows (tuples) into model's table; COPY on PostgreSQL, executemany otherwise."""
    table = model._meta.db_table
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            # Fresh statistics before the next table's COPY: its foreign-key checks are planned from them, and
            # a just-truncated table looks empty, which turns 1.5 million key lookups into sequential scans.
            cursor.execute(f"ANALYZE {table}")
        return
    placeholders = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})"
    batch = []
    with connection.cursor() as cursor:
        for row in rows:
            batch.append(row)
            if len(batch) == 5000:
                cursor.executemany(sql, batch)
                batch.clear()
        if batch:
            cursor.executemany(sql, batch)


def person_name(rng):
    return f"{rng.choice(FIRST)} {rng.choice(FIRST)} {rng.choice(LAST)}"


def generate_registry(*, pesantren=7000, santri=1_000_000, participations=1_500_000, seed=2024, log=print):
    """Replace the registry tables' rows with generated ones."""
    rng = random.Random(seed)
    now = timezone.now()
    with connection.cursor() as cursor:
        for model in (
            Participation,
            Santripreneur.bukan_duplikat.through,
            Santripreneur,
            Pesantren,
            SantripreneurTally,
            ParticipationTally,
        ):
            if connection.vendor == "postgresql":
                cursor.execute(f"TRUNCATE {model._meta.db_table} RESTART IDENTITY CASCADE")
            else:
                cursor.execute(f"DELETE FROM {model._meta.db_table}")

    kecamatan = {}
    for kode, kabkota_id in Kecamatan.objects.values_list("kode", "kabkota_id"):
        kecamatan.setdefault(kabkota_id, []).append(kode)
    kabkota = sorted(kecamatan)

    def pesantren_rows():
        for i in range(pesantren):
            kab = kabkota[i % len(kabkota)]
            nspp = f"5100{kab.replace('.', '')}{i // len(kabkota):04d}"
            name = f"{rng.choice(PREFIX)} {rng.choice(NAMES)} {i}"
            cohort = rng.choice([2019, 2020, 2021, 2022, 2023, 2024]) if i % 7 == 0 else None
            yield (
                nspp,
                name,
                "",
                kab,
                rng.choice(kecamatan[kab]),
                "",
                "",
                "",
                1900 + i % 120,
                rng.choice(["salafiyah", "khalafiyah", "kombinasi"]),
                rng.randint(50, 5000),
                "",
                cohort,
                "aktif",
                now,
                now,
            )

    log(f"  pesantren: {pesantren:,}")
    _copy(
        Pesantren,
        [
            "nspp",
            "nama",
            "alamat",
            "kabkota_id",
            "kecamatan_id",
            "pengasuh",
            "telepon",
            "email",
            "tahun_berdiri",
            "tipologi",
            "jumlah_santri",
            "potensi_ekonomi",
            "tahun_kohort",
            "status",
            "dibuat_pada",
            "diubah_pada",
        ],
        pesantren_rows(),
    )
    pesantren_ids = list(Pesantren.objects.order_by("pk").values_list("pk", "kabkota_id"))

    def santri_rows():
        previous = None
        for i in range(santri):
            pid, kab = pesantren_ids[rng.randrange(len(pesantren_ids))]
            name = person_name(rng)
            nik = f"{kab.replace('.', '')}{i:012d}" if i % 10 < 7 else None
            birth = datetime.date(1990 + rng.randrange(16), 1 + rng.randrange(12), 1 + rng.randrange(28))
            if i % DUPLICATE_EVERY == DUPLICATE_EVERY - 1 and previous:
                pid, name, birth = previous  # the person before typed in again: a suspected duplicate
                nik = None
            previous = (pid, name, birth)
            yield (
                name,
                normalize_name(name),
                duplicate_key(normalize_name(name), birth, pid),
                nik,
                rng.choice("LP"),
                birth,
                "",
                "aktif" if i % 10 else "tidak_aktif",
                pid,
                rng.choice(BUSINESS),
                2019 + rng.randrange(6),
                now,
                now,
            )

    log(f"  santripreneur: {santri:,}")
    _copy(Santripreneur, SANTRI_COLUMNS, santri_rows())

    opd_ids = list(PerangkatDaerah.objects.values_list("pk", flat=True))
    first_id = Santripreneur.objects.order_by("pk").values_list("pk", flat=True).first()

    def participation_rows():
        # One to three OPDs per person, each once: the unique (person, activity, OPD, year) always holds.
        written = 0
        for person in range(santri):
            for opd in rng.sample(opd_ids, k=min(len(opd_ids), 1 + person % 3)):
                if written == participations:
                    return
                yield (first_id + person, rng.choice(ACTIVITIES), opd, 2019 + rng.randrange(6), now, now)
                written += 1

    log(f"  partisipasi: {participations:,}")
    _copy(
        Participation,
        ["santripreneur_id", "kegiatan", "opd_id", "tahun", "dibuat_pada", "diubah_pada"],
        participation_rows(),
    )
    log("  rekap dasbor, tanda dugaan duplikat")
    tallies.rebuild()
    duplicates.rebuild()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # VACUUM as autovacuum would soon after a load: the visibility map lets counts run index-only.
            for model in (Santripreneur, Participation) if not connection.in_atomic_block else ():
                cursor.execute(f"VACUUM (ANALYZE) {model._meta.db_table}")
            cursor.execute("ANALYZE")


def generate_catalogue(*, products=5000, unggulan=1000, seed=2025, log=print):
    """Products across categories and curation states; `unggulan` of them designated 2019-2024."""
    from products.models import CurationStatus, Product, ProductCategory

    rng = random.Random(seed)
    Product.objects.all().delete()
    categories = list(ProductCategory.objects.values_list("pk", flat=True))
    pesantren_ids = list(Pesantren.objects.values_list("pk", flat=True))
    other_states = [
        CurationStatus.TERDAFTAR,
        CurationStatus.DIVERIFIKASI,
        CurationStatus.DIKURASI,
        CurationStatus.TIDAK_LOLOS,
    ]
    objs = []
    for i in range(products):
        designated = i < unggulan
        objs.append(
            Product(
                nama=f"{rng.choice(BUSINESS)} {rng.choice(NAMES)} {i}",
                pesantren_id=rng.choice(pesantren_ids),
                kategori_id=rng.choice(categories),
                harga=rng.randrange(5, 500) * 1000,
                satuan="bungkus",
                status_kurasi=CurationStatus.UNGGULAN if designated else rng.choice(other_states),
                tahun_unggulan=2019 + i % 6 if designated else None,
            )
        )
    log(f"  produk: {products:,} ({unggulan:,} unggulan)")
    Product.objects.bulk_create(objs, batch_size=2000)


def generate_plans(*, author, opds=20, years=range(2019, 2025), lines=30, seed=2026, log=print):
    """One verified plan per OPD and year with `lines` lines and four quarters of cumulative realisation."""
    from opop.indicators.models import Indicator
    from programs.capaian import even_split
    from programs.models import Kegiatan, Realisasi, Rencana

    rng = random.Random(seed)
    Rencana.objects.all().delete()
    for n in range(PerangkatDaerah.objects.count(), opds):
        PerangkatDaerah.objects.get_or_create(
            kode=f"bench-{n}", defaults={"nama": f"OPD Uji Beban {n}", "singkatan": f"OPD-{n}"}
        )
    opd_ids = list(PerangkatDaerah.objects.order_by("pk").values_list("pk", flat=True)[:opds])
    indicators = list(Indicator.objects.values_list("pk", "satuan"))
    plans = Rencana.objects.bulk_create(
        [
            Rencana(opd_id=opd, tahun=year, status="diverifikasi", dibuat_oleh=author, diverifikasi_oleh=author)
            for opd in opd_ids
            for year in years
        ]
    )
    plan_lines = []
    for plan in plans:
        for i in range(lines):
            indicator, satuan = rng.choice(indicators)
            plan_lines.append(
                Kegiatan(
                    rencana_id=plan.pk,
                    nomor=i + 1,
                    uraian=f"{rng.choice(ACTIVITIES)} angkatan {i + 1}",
                    pilar="santripreneur",
                    indikator_id=indicator,
                    indikator_kinerja="Jumlah peserta terlatih",
                    target=rng.randrange(20, 500),
                    satuan=satuan,
                    pagu=rng.randrange(50, 2000) * 1_000_000,
                    sumber_dana="apbd",
                    triwulan="1234",
                    pptk=person_name(rng),
                )
            )
    for line in plan_lines:  # bulk_create skips Kegiatan.save(), which keeps the quarterly split
        line.target_split = even_split(line.target, line.triwulan)
        line.kas_split = even_split(line.pagu, line.triwulan)
    Kegiatan.objects.bulk_create(plan_lines, batch_size=2000)
    saved = Kegiatan.objects.filter(rencana__in=plans).values_list("pk", "target", "pagu")
    realisations = []
    for pk, target, pagu in saved:
        for quarter in range(1, 5):
            share = min(1, quarter * rng.uniform(0.15, 0.3))
            realisations.append(
                Realisasi(
                    kegiatan_id=pk,
                    triwulan=quarter,
                    output=int(target * share),
                    fisik_persen=round(share * 100, 2),
                    anggaran_terserap=int(float(pagu) * share * 0.9),
                    diisi_oleh=author,
                )
            )
    Realisasi.objects.bulk_create(realisations, batch_size=5000)
    log(f"  rencana OPD: {len(plans)} rencana, {len(plan_lines):,} kegiatan, {len(realisations):,} realisasi")
