"""The bench's import file: shaped like the santripreneur template with the spread of a real one (issue 18) — every
template column, people of thousands of pesantren, birth dates over eighteen years coded in their NIK (+40 on the
day for women), phones written three ways, a few blanks — and the same rows as a plain COPY would write them (the
floor). `agency_sheet` is the same people as an agency's own list: its titles, a title row above, NIK and phone under
titles no synonym knows, so the mapping has to recognise them from their values (issue 16)."""

import datetime
import random

from django.utils import timezone

from opop.bench.generate import SANTRI_COLUMNS, person_name
from pesantren.models import Pesantren, duplicate_key, normalize_name

FIRST_BIRTH = datetime.date(1990, 1, 1)
BIRTH_DAYS = 18 * 365
FIELDS = ["Kuliner", "Fesyen", "Kriya", "Pertanian", "Peternakan", "Jasa", "Perdagangan", "Digital", ""]
COPY_COLUMNS = SANTRI_COLUMNS  # the plain rows below are in this order
AGENCY_TITLES = [
    "No",
    "Nama Lengkap",
    "Nomor Induk",  # no synonym: recognised from its 16 digits
    "L/P",
    "Tgl Lahir",
    "Kontak",  # no synonym: recognised as phones
    "Asal Pondok Pesantren",
    "Jenis Usaha",
    "Status",
    "Tahun",
]


def _phone(rng):
    digits = f"8{rng.randrange(10**10, 10**11):d}"[:11]
    written = rng.random()
    if written < 0.8:
        return "0" + digits, "0" + digits
    if written < 0.9:
        return f"+62 {digits[:3]}-{digits[3:7]}-{digits[7:]}", "0" + digits
    return "", ""


def people(count, *, run, seed=7):
    """`count` people as (cells by template key, the row COPY writes). NIKs are unique for up to 100 000 people
    a run: digits 5–6 hold the run (a bench run with --reuse imports new people) and the ten-thousands of the
    row, the last four its rest; the generated registry's NIKs have 00 in digits 5–6."""
    rng = random.Random(seed + run)
    pesantren = list(Pesantren.objects.values_list("nspp", "pk", "kabkota__kode", "kabkota__nama"))
    now = timezone.now()
    for i in range(count):
        nspp, pid, kab_code, kab_name = pesantren[rng.randrange(len(pesantren))]
        born = FIRST_BIRTH + datetime.timedelta(days=rng.randrange(BIRTH_DAYS))
        female = rng.random() < 0.45
        day = born.day + (40 if female else 0)
        nik = f"{kab_code.replace('.', '')}{1 + run % 9}{i // 10_000 % 10}{day:02d}{born:%m%y}{i % 10_000:04d}"
        phone, phone_stored = _phone(rng)
        name = person_name(rng)
        field = rng.choice(FIELDS)
        active = rng.random() < 0.9
        year = rng.randrange(2019, 2025)
        cells = {
            "nama": name,
            "nik": nik,
            "jenis_kelamin": "P" if female else "L",
            "tanggal_lahir": f"{born:%d-%m-%Y}",
            "telepon": phone,
            "nspp_pesantren": nspp,
            "bidang_usaha": field,
            "status": "Aktif" if active else "Tidak aktif",
            "tahun_terdaftar": str(year),
            "kabkota_pesantren": kab_name if i % 2 else "",
            "domisili": kab_name,  # the roster's own address column: where the santri lives, here the pesantren's kab
        }
        normal = normalize_name(name)
        plain = (name, normal, duplicate_key(normal, born, pid), nik, "P" if female else "L", born, phone_stored)
        plain += ("aktif" if active else "tidak_aktif", pid, field, year, now, now)
        yield cells, plain


def csv_line(cells):
    return ",".join(f'"{c}"' if "," in c else c for c in cells)


# A pesantren's new-santri roster (issue 27): 54 columns, a title row, a header over two rows (the birth date over
# TGL / BLN / THN, the address over its parts), the columns the registry keeps among many it does not.
ROSTER_TITLE = "DATA SANTRI BARU PONDOK PESANTREN TAHUN AJARAN 2024/2025"
ROSTER_UPPER = ["No", "Nama Lengkap", "NIK", "JKL", "Tempat Lahir", "TANGGAL LAHIR", None, None]
ROSTER_UPPER += ["ALAMAT", None, None, None, "No. Handphone", "NSPP Pesantren", "Bidang Usaha", "Status"]
ROSTER_UPPER += ["Tahun Terdaftar"]
ROSTER_LOWER = [None] * 5 + ["TGL", "BLN", "THN", "Desa/Kel", "Kecamatan", "Kab/Kota", "Provinsi"] + [None] * 5
ROSTER_OTHERS = [  # what the roster keeps that the registry does not: parents, schooling, health, boarding
    *(f"{what} {parent}" for parent in ("Ayah", "Ibu", "Wali") for what in ("Nama", "Pekerjaan", "Pendidikan")),
    *(f"{what} {parent}" for parent in ("Ayah", "Ibu") for what in ("Penghasilan", "Tahun Lahir", "Status Hidup")),
    "Anak Ke", "Jumlah Saudara", "Hobi", "Cita-cita", "Asal Sekolah", "Tahun Lulus", "No. Ijazah", "Tinggi Badan",
    "Berat Badan", "Golongan Darah", "Riwayat Penyakit", "Kamar", "Asrama", "Kelas Diniyah", "Kelas Formal",
    "Tanggal Masuk", "Jarak ke Pondok", "Transportasi", "Ukuran Baju", "Nama Panggilan", "Bahasa Sehari-hari",
    "Keterangan",
]  # fmt: skip
ROSTER_WIDTH = len(ROSTER_UPPER) + len(ROSTER_OTHERS)  # 54
ROSTER_TEXT = [2, 12, 13]  # NIK, phone, NSPP: typed as text, as a roster made from the template keeps them


def roster(people, *, repeat_at=None):
    """(title row, rows) of `people` (cells by template key) as the roster writes them, 54 columns wide; the header's
    two rows again before person `repeat_at` (a second block pasted under the first)."""
    header = [
        ROSTER_UPPER + ROSTER_OTHERS,
        ROSTER_LOWER + [None] * len(ROSTER_OTHERS),
    ]
    rows = [[], *header]
    for number, cells in enumerate(people, start=1):
        if number == repeat_at:
            rows += header
        day, month, year = (int(part) for part in cells["tanggal_lahir"].split("-"))
        kab = cells["domisili"]
        rows.append(
            [number, cells["nama"], cells["nik"], cells["jenis_kelamin"], kab, day, month, year]
            + ["Cukir", "Diwek", kab, "Jawa Timur", cells["telepon"], cells["nspp_pesantren"]]
            + [cells["bidang_usaha"], cells["status"], cells["tahun_terdaftar"]]
            + [f"{title} {number % 7}" for title in ROSTER_OTHERS]
        )
    return [ROSTER_TITLE], rows
