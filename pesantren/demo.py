"""A realistic small registry for a first look: a few hundred generated pesantren across all 38 kab/kota,
a few thousand santripreneur, some sociopreneur, participations (some persons trained by two or three OPDs)
and a handful of suspected duplicates. Deterministic (one seeded random generator) and idempotent: a second
run finds the first pesantren it would create and leaves the registry as it is.

Everything is generated: no real pesantren list is used (the Kemenag sample has no licence). Rows are written
with `bulk_create_with_history`, so even demo data has its "created" history rows, and the dashboard tallies are
rebuilt at the end (bulk writes bypass the services that keep them in step)."""

import datetime
import random

from simple_history.utils import bulk_create_with_history

from opop.accounts.models import PerangkatDaerah
from opop.wilayah.models import KabupatenKota, Kecamatan
from pesantren import duplicates, tallies
from pesantren.models import (
    JenisKelamin,
    Kopontren,
    Participation,
    Pesantren,
    Santripreneur,
    Sociopreneur,
    StatusAktif,
    StatusKopontren,
    Tipologi,
    normalize_name,
)

SEED = 2024
REASON = "Data demo (seed_demo)"
BATCH = 1000

PESANTREN_NAMES = [
    "Darul Ulum",
    "Miftahul Huda",
    "Al-Hikmah",
    "Nurul Jadid",
    "Darussalam",
    "Al-Amien",
    "Bahrul Ulum",
    "Mambaul Ulum",
    "Raudlatul Ulum",
    "Sabilul Muttaqin",
    "Hidayatul Mubtadiin",
    "Al-Falah",
    "Salafiyah Syafiiyah",
    "Nurul Huda",
    "Al-Ishlah",
    "Tarbiyatul Islam",
    "Mambaul Hikam",
    "Al-Anwar",
    "Riyadlul Jannah",
    "Darul Falah",
    "Al-Muhajirin",
    "Roudlotul Mutaallimin",
    "Ihyaul Ulum",
    "Nurul Iman",
    "Al-Fattah",
    "Manbaul Falah",
    "Bustanul Ulum",
    "Zainul Hasan",
    "Al-Qodiri",
    "Miftahul Ulum",
    "Nurul Quran",
    "Al-Maruf",
    "Hidayatullah",
    "Darul Arqam",
    "Al-Mukhtar",
    "Baitul Hikmah",
    "Sirojul Ulum",
    "Matholiul Anwar",
    "Darut Taqwa",
    "Al-Khoirot",
]
MALE = [
    "Ahmad",
    "Muhammad",
    "Abdul",
    "Fauzi",
    "Rizky",
    "Hasan",
    "Ilham",
    "Fahmi",
    "Arif",
    "Syaiful",
    "Imam",
    "Zainal",
    "Lukman",
    "Hafidz",
    "Ridwan",
    "Nur",
    "Anwar",
    "Khoirul",
    "Mahfud",
    "Yusuf",
    "Bagus",
    "Dimas",
    "Faisal",
    "Agus",
]
FEMALE = [
    "Siti",
    "Nur",
    "Aisyah",
    "Fatimah",
    "Laila",
    "Zahra",
    "Nadia",
    "Ulfa",
    "Rina",
    "Dewi",
    "Khusnul",
    "Annisa",
    "Maulida",
    "Latifah",
    "Hanifah",
    "Salsabila",
    "Rahma",
    "Umi",
    "Putri",
    "Nabila",
    "Izza",
    "Azizah",
]
SURNAMES = [
    "Hidayat",
    "Rahman",
    "Maulana",
    "Hakim",
    "Fauzan",
    "Syahputra",
    "Kurniawan",
    "Wahyudi",
    "Mubarok",
    "Zulfikar",
    "Ramadhan",
    "Firmansyah",
    "Hamzah",
    "Aziz",
    "Mustofa",
    "Ma'arif",
    "Asy'ari",
    "Baidowi",
    "Jazuli",
    "Rosyidi",
]
SURNAMES_F = [
    "Hasanah",
    "Khoiriyah",
    "Sholihah",
    "Fitriani",
    "Rohmah",
    "Nisa",
    "Saputri",
    "Safitri",
    "Maghfiroh",
    "Mufidah",
    "Zahroh",
    "Rahmawati",
    "Kurniasari",
    "Wulandari",
]
STREETS = ["Raya", "KH. Hasyim Asy'ari", "Pesantren", "Masjid", "Diponegoro", "Ahmad Yani", "Pahlawan", "Sunan Ampel"]
POTENSI = [
    "Pertanian padi dan hortikultura",
    "Olahan makanan ringan",
    "Konveksi dan bordir",
    "Peternakan kambing",
    "Perikanan air tawar",
    "Air minum dalam kemasan",
    "Kerajinan anyaman bambu",
    "Toko dan minimarket pesantren",
    "Batik tulis",
    "Kopi robusta",
    "Jamu dan herbal",
    "Percetakan dan sablon",
]
BIDANG = [
    "Kuliner",
    "Konveksi",
    "Kerajinan tangan",
    "Pertanian",
    "Peternakan",
    "Perikanan",
    "Jasa digital",
    "Toko kelontong",
    "Herbal dan jamu",
    "Kopi",
    "Batik",
    "Percetakan",
]
SEKTOR = [
    "Pemberdayaan petani",
    "Pengolahan sampah",
    "Pendidikan anak",
    "Kesehatan masyarakat",
    "UMKM perempuan",
    "Pertanian organik",
    "Air bersih",
    "Ekonomi kreatif",
]
USAHA_WORDS = (
    ["Berkah", "Barokah", "Amanah", "Sinar", "Mitra", "Rumah", "Sahabat", "Lumbung", "Griya", "Kampung"],
    ["Tani", "Jahit", "Kopi", "Daur Ulang", "Belajar", "Sehat", "Tenun", "Madu", "Santri", "Ternak"],
    ["Nusantara", "Mandiri", "Sejahtera", "Lestari", "Makmur", "Bersama", "Berdaya", "Jaya"],
)
KEGIATAN = {
    "diskop-ukm": ["Pelatihan Kewirausahaan Santri", "Pendampingan Kopontren"],
    "kominfo": ["Pelatihan Pemasaran Digital"],
    "dindik": ["Pelatihan Vokasi Santri"],
    "disnakertrans": ["Pelatihan Berbasis Kompetensi"],
    "disperindag": ["Bimbingan Teknis Pengemasan Produk"],
    "dinkes": ["Pendampingan Sertifikasi P-IRT"],
    "distan": ["Sekolah Lapang Pertanian"],
    "dkp": ["Pelatihan Budidaya Ikan"],
    "biro-kesra": ["Pendampingan Sertifikasi Halal"],
}


def _weighted(rng, options):
    values, weights = zip(*options, strict=True)
    return rng.choices(values, weights=weights)[0]


def _pesantren_plan(rng, kabkota_list, kecamatan_by_kabkota):
    rows = []
    for kabkota in kabkota_list:
        code = kabkota.kode_bps  # 3517
        count = rng.randint(5, 12)
        names = rng.sample(PESANTREN_NAMES, count)
        numbers = rng.sample(range(1, 9999), count)
        for name, number in zip(names, numbers, strict=True):
            kecamatan = rng.choice(kecamatan_by_kabkota[kabkota.kode])
            cohort = _weighted(rng, [(None, 45), (2019, 10), (2020, 8), (2021, 12), (2022, 10), (2023, 8), (2024, 7)])
            rows.append(
                Pesantren(
                    nspp=f"5100{code}{number:04d}",
                    nama=f"Pondok Pesantren {name}",
                    alamat=f"Jl. {rng.choice(STREETS)} No. {rng.randint(1, 150)}, {kecamatan.nama}",
                    kabkota=kabkota,
                    kecamatan=kecamatan,
                    pengasuh=f"KH. {rng.choice(MALE)} {rng.choice(SURNAMES)}",
                    telepon=f"03{rng.randint(21, 58)}{rng.randint(100000, 999999)}",
                    tahun_berdiri=rng.randint(1850, 2015),
                    tipologi=_weighted(
                        rng, [(Tipologi.SALAFIYAH, 35), (Tipologi.KHALAFIYAH, 25), (Tipologi.KOMBINASI, 40)]
                    ),
                    jumlah_santri=max(30, min(12000, int(rng.lognormvariate(6, 0.9)))),
                    potensi_ekonomi=rng.choice(POTENSI),
                    tahun_kohort=cohort,
                    status=StatusAktif.AKTIF if rng.random() < 0.95 else StatusAktif.TIDAK_AKTIF,
                )
            )
    # Two entries whose NSPP region digits do not match the kab/kota (a typo the registry flags, not refuses).
    for pesantren in rng.sample(rows, 2):
        other = rng.choice([k for k in kabkota_list if k.kode != pesantren.kabkota_id])
        pesantren.nspp = f"5100{other.kode_bps}{pesantren.nspp[-4:]}"
    return rows


def _nik(rng, pesantren, birth, female, used):
    """A plausible NIK: kab/kota (4) + kecamatan (2) + birth date (DDMMYY, +40 on the day for women) + 4 digits."""
    kec = pesantren.kecamatan.kode[-2:] if pesantren.kecamatan else "01"
    day = birth.day + (40 if female else 0)
    while True:
        nik = f"{pesantren.kabkota.kode_bps}{kec}{day:02d}{birth:%m%y}{rng.randint(1, 9999):04d}"
        if nik not in used:
            used.add(nik)
            return nik


def _person_name(rng, female):
    first = rng.choice(FEMALE if female else MALE)
    middle = rng.choice(["", "", "Nur ", "Muhammad "]) if not female else rng.choice(["", "", "Nur "])
    return f"{middle}{first} {rng.choice(SURNAMES_F if female else SURNAMES)}".strip()


def _person(rng, nama, female, *, nik, tanggal_lahir, with_phone, active):
    """The fields a demo santripreneur and sociopreneur share; `with_phone`, `active`: the shares that have them."""
    return {
        "nama": nama,
        "nama_normal": normalize_name(nama),
        "nik": nik,
        "jenis_kelamin": JenisKelamin.PEREMPUAN if female else JenisKelamin.LAKI_LAKI,
        "tanggal_lahir": tanggal_lahir,
        "telepon": f"08{rng.randint(11, 59)}{rng.randint(10000000, 99999999)}" if rng.random() < with_phone else "",
        "status": StatusAktif.AKTIF if rng.random() < active else StatusAktif.TIDAK_AKTIF,
    }


def _santripreneur_plan(rng, pesantren_list, used_niks):
    rows = []
    for pesantren in pesantren_list:
        for _ in range(rng.randint(3, 16)):
            female = rng.random() < 0.45
            birth = datetime.date(rng.randint(1990, 2007), rng.randint(1, 12), rng.randint(1, 28))
            has_birth = rng.random() < 0.85
            nama = _person_name(rng, female)
            rows.append(
                Santripreneur(
                    **_person(
                        rng,
                        nama,
                        female,
                        nik=_nik(rng, pesantren, birth, female, used_niks)
                        if has_birth and rng.random() < 0.45
                        else None,
                        tanggal_lahir=birth if has_birth else None,
                        with_phone=0.5,
                        active=0.88,
                    ),
                    pesantren=pesantren,
                    bidang_usaha=rng.choice(BIDANG),
                    tahun_terdaftar=_weighted(
                        rng, [(2019, 8), (2020, 10), (2021, 14), (2022, 18), (2023, 22), (2024, 28)]
                    ),
                )
            )
    # A few suspected duplicates: the same person typed again (other casing/spacing, no NIK, later year).
    candidates = [p for p in rows if p.tanggal_lahir and p.nik is None]
    for original in rng.sample(candidates, 5):
        typed_again = original.nama.upper() if rng.random() < 0.5 else original.nama.replace(" ", "  ", 1)
        rows.append(
            Santripreneur(
                nama=" ".join(typed_again.split()),
                nama_normal=original.nama_normal,
                nik=None,
                jenis_kelamin=original.jenis_kelamin,
                tanggal_lahir=original.tanggal_lahir,
                telepon="",
                status=StatusAktif.AKTIF,
                pesantren=original.pesantren,
                bidang_usaha=original.bidang_usaha,
                tahun_terdaftar=min(original.tahun_terdaftar + 1, 2024),
            )
        )
    return rows


def _participation_plan(rng, persons, opds):
    rows = []
    codes = [code for code in KEGIATAN if code in opds]
    for person in persons:
        if rng.random() < 0.25:
            continue
        n = _weighted(rng, [(1, 70), (2, 22), (3, 8)])
        for code in rng.sample(codes, n):
            rows.append(
                Participation(
                    santripreneur=person,
                    kegiatan=rng.choice(KEGIATAN[code]),
                    opd=opds[code],
                    tahun=rng.randint(person.tahun_terdaftar, 2024),
                )
            )
    return rows


def _sociopreneur_plan(rng, pesantren_list, kabkota_list, used_niks):
    rows = []
    for _ in range(160):
        asal = rng.choice(pesantren_list) if rng.random() < 0.8 else None
        female = rng.random() < 0.4
        birth = datetime.date(rng.randint(1975, 2000), rng.randint(1, 12), rng.randint(1, 28))
        nama = _person_name(rng, female)
        rows.append(
            Sociopreneur(
                **_person(
                    rng,
                    nama,
                    female,
                    nik=_nik(rng, asal, birth, female, used_niks) if asal and rng.random() < 0.5 else None,
                    tanggal_lahir=birth if rng.random() < 0.8 else None,
                    with_phone=0.6,
                    active=0.9,
                ),
                pesantren_asal=asal,
                nama_usaha=" ".join(rng.choice(words) for words in USAHA_WORDS),
                sektor=rng.choice(SEKTOR),
                kabkota=asal.kabkota if asal and rng.random() < 0.8 else rng.choice(kabkota_list),
                nib=f"{rng.randint(10**12, 10**13 - 1)}" if rng.random() < 0.4 else "",
                tahun_mulai=rng.randint(2012, 2024),
                jumlah_pekerja=rng.randint(1, 60),
            )
        )
    return rows


def _kopontren_plan(rng, pesantren_list):
    rows = []
    for pesantren in pesantren_list:
        if rng.random() >= 0.45:
            continue
        status = _weighted(
            rng,
            [
                (StatusKopontren.BERBADAN_HUKUM, 60),
                (StatusKopontren.TIDAK_AKTIF, 15),
                (StatusKopontren.BELUM_BERBADAN_HUKUM, 25),
            ],
        )
        legal = status != StatusKopontren.BELUM_BERBADAN_HUKUM
        rows.append(
            Kopontren(
                pesantren=pesantren,
                nama=f"Kopontren {pesantren.nama.removeprefix('Pondok Pesantren ')}",
                nomor_badan_hukum=f"{rng.randint(100, 999)}/BH/XVI.{rng.randint(1, 38)}/{rng.randint(1995, 2022)}"
                if legal
                else "",
                nib=f"{rng.randint(10**12, 10**13 - 1)}" if legal and rng.random() < 0.7 else "",
                jumlah_anggota=rng.randint(20, 800),
                status=status,
            )
        )
    return rows


def seed_demo_registry(*, seed=SEED):
    """Create the demo registry once; returns a one-line summary for the command's output."""
    rng = random.Random(seed)
    kabkota_list = list(KabupatenKota.objects.order_by("kode"))
    kecamatan_by_kabkota = {}
    for kecamatan in Kecamatan.objects.order_by("kode"):
        kecamatan_by_kabkota.setdefault(kecamatan.kabkota_id, []).append(kecamatan)

    pesantren_list = _pesantren_plan(rng, kabkota_list, kecamatan_by_kabkota)
    existing = set(Pesantren.objects.filter(nspp__in=[p.nspp for p in pesantren_list]).values_list("nspp", flat=True))
    if pesantren_list[0].nspp in existing:
        return "Registri demo sudah ada; tidak diubah."
    pesantren_list = [p for p in pesantren_list if p.nspp not in existing]  # never clash with real entries

    def create(objs, model):
        for obj in objs:
            if hasattr(obj, "refresh_derived_fields"):  # bulk_create skips save(): the duplicate key
                obj.refresh_derived_fields()
        return bulk_create_with_history(objs, model, batch_size=BATCH, default_change_reason=REASON)

    pesantren_list = create(pesantren_list, Pesantren)
    kopontren_list = create(_kopontren_plan(rng, pesantren_list), Kopontren)
    used_niks = set(Santripreneur.objects.exclude(nik=None).values_list("nik", flat=True))
    persons = create(_santripreneur_plan(rng, pesantren_list, used_niks), Santripreneur)
    opds = {opd.kode: opd for opd in PerangkatDaerah.objects.filter(kode__in=KEGIATAN)}
    participations = create(_participation_plan(rng, persons, opds), Participation)
    used_niks |= set(Sociopreneur.objects.exclude(nik=None).values_list("nik", flat=True))
    socio = create(_sociopreneur_plan(rng, pesantren_list, kabkota_list, used_niks), Sociopreneur)
    tallies.rebuild()  # bulk_create bypasses the services that keep the dashboard tallies in step
    duplicates.rebuild()  # and the "has a twin" flags
    return (
        f"Registri demo: {len(pesantren_list)} pesantren ({len(kopontren_list)} dengan kopontren), "
        f"{len(persons)} santripreneur, {len(participations)} partisipasi, {len(socio)} sociopreneur."
    )
