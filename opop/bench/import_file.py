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
        }
        normal = normalize_name(name)
        plain = (name, normal, duplicate_key(normal, born, pid), nik, "P" if female else "L", born, phone_stored)
        plain += ("aktif" if active else "tidak_aktif", pid, field, year, now, now)
        yield cells, plain


def csv_line(cells):
    return ",".join(f'"{c}"' if "," in c else c for c in cells)
