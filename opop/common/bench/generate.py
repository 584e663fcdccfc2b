"""Target-scale data for benchmarks: COPY on PostgreSQL, batched INSERT elsewhere.

Rows are written straight into the tables (no history rows, no model validation): this is load for timing
pages and imports, not registry data. Deterministic for a given seed."""

import datetime
import random

from django.db import connection
from django.utils import timezone

from opop.accounts.models import PerangkatDaerah
from opop.wilayah.models import Kecamatan
from pesantren import tallies
from pesantren.models import Participation, ParticipationTally, Pesantren, Santripreneur, SantripreneurTally

FIRST = [
    "Ahmad", "Muhammad", "Abdul", "Siti", "Nur", "Fatimah", "Ali", "Umar", "Aisyah", "Zainab", "Rizki", "Dewi",
    "Agus", "Budi", "Lailatul", "Imam", "Hasan", "Husain", "Khoirul", "Aminah", "Yusuf", "Ilham", "Fajar", "Putri",
]  # fmt: skip
LAST = [
    "Fauzi", "Hidayat", "Rahman", "Hakim", "Maulana", "Zahra", "Azizah", "Ramadhan", "Syafi'i", "Kurniawan",
    "Wahyudi", "Mubarok", "Khoiriyah", "Hasanah", "Anwar", "Ma'ruf", "Santoso", "Setiawan", "Nuraini", "Ulfa",
]  # fmt: skip
PREFIX = ["Pondok Pesantren", "PP", "Ponpes"]
NAMES = ["Darul Ulum", "Nurul Huda", "Al-Falah", "Miftahul Jannah", "Bahrul Ulum", "Raudlatul Ulum", "Al-Amin",
         "Sunan Drajat", "Darussalam", "Hidayatullah", "Al-Hikmah", "Tebuireng", "Salafiyah Syafi'iyah"]  # fmt: skip
BUSINESS = ["Kuliner", "Fesyen", "Kerajinan", "Pertanian", "Peternakan", "Jasa digital", "Herbal", "Perikanan"]
ACTIVITIES = ["Pelatihan kewirausahaan", "Pelatihan digital marketing", "Bimtek pengemasan", "Magang industri",
              "Pelatihan keuangan usaha", "Pendampingan sertifikasi halal"]  # fmt: skip


def _copy(model, columns, rows):
    """Write rows (tuples) into model's table; COPY on PostgreSQL, executemany otherwise."""
    table = model._meta.db_table
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor, cursor.copy(
            f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        ) as copy:  # fmt: skip
            for row in rows:
                copy.write_row(row)
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
            Participation, Santripreneur.bukan_duplikat.through, Santripreneur, Pesantren, SantripreneurTally,
            ParticipationTally,
        ):  # fmt: skip
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
                nspp, name, "", kab, rng.choice(kecamatan[kab]), "", "", "", 1900 + i % 120,
                rng.choice(["salafiyah", "khalafiyah", "kombinasi"]), rng.randint(50, 5000), "", cohort, "aktif",
                now, now,
            )  # fmt: skip

    log(f"  pesantren: {pesantren:,}")
    _copy(Pesantren, [
        "nspp", "nama", "alamat", "kabkota_id", "kecamatan_id", "pengasuh", "telepon", "email", "tahun_berdiri",
        "tipologi", "jumlah_santri", "potensi_ekonomi", "tahun_kohort", "status", "dibuat_pada", "diubah_pada",
    ], pesantren_rows())  # fmt: skip
    pesantren_ids = list(Pesantren.objects.order_by("pk").values_list("pk", "kabkota_id"))

    def santri_rows():
        for i in range(santri):
            pid, kab = pesantren_ids[rng.randrange(len(pesantren_ids))]
            name = person_name(rng)
            nik = f"{kab.replace('.', '')}{i:012d}" if i % 10 < 7 else None
            birth = datetime.date(1990 + rng.randrange(16), 1 + rng.randrange(12), 1 + rng.randrange(28))
            yield (
                name, name.lower(), nik, rng.choice("LP"), birth, "", "aktif" if i % 10 else "tidak_aktif", pid,
                rng.choice(BUSINESS), 2019 + rng.randrange(6), now, now,
            )  # fmt: skip

    log(f"  santripreneur: {santri:,}")
    _copy(Santripreneur, [
        "nama", "nama_normal", "nik", "jenis_kelamin", "tanggal_lahir", "telepon", "status", "pesantren_id",
        "bidang_usaha", "tahun_terdaftar", "dibuat_pada", "diubah_pada",
    ], santri_rows())  # fmt: skip

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
    _copy(Participation, ["santripreneur_id", "kegiatan", "opd_id", "tahun", "dibuat_pada", "diubah_pada"],
          participation_rows())  # fmt: skip
    log("  rekap dasbor")
    tallies.rebuild()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
