"""Demo catalogue for a first look: ~60 products across the categories and curation states, unggulan products
for every designation year 2019-2024, certificates (some expired, some expiring) and photos drawn locally with
Pillow. Idempotent: pesantren are looked up by NSPP and products by (pesantren, name); existing ones are kept."""

import datetime
import io
import random
import textwrap

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from opop.accounts.models import User
from opop.accounts.roles import Role
from opop.wilayah.models import KabupatenKota
from pesantren.models import Pesantren
from pesantren.services import kopontren_save, pesantren_save
from products.models import CertificationType, CurationStatus, Product, ProductCategory
from products.services import certification_save, photo_add, product_move, product_save

# NSPP = 51 00 + kab/kota code + 4 digits. Tebuireng's is real (PRODUCT.md); the others are demo numbers.
DEMO_PESANTREN = [
    ("510035170239", "PP Tebuireng", "35.17", "Kopontren Tebuireng"),
    ("510035710101", "PP Lirboyo", "35.71", "Kopontren Lirboyo"),
    ("510035140102", "PP Sidogiri", "35.14", "Kopontren Sidogiri"),
    ("510035130103", "PP Nurul Jadid", "35.13", "Kopontren Nurul Jadid"),
    ("510035120104", "PP Salafiyah Syafi'iyah Sukorejo", "35.12", None),
    ("510035020105", "PP Darussalam Gontor", "35.02", "Kopontren La Tansa"),
    ("510035160106", "PP Amanatul Ummah", "35.16", None),
    ("510035290107", "PP Annuqayah", "35.29", "Kopontren Annuqayah"),
    ("510035240108", "PP Sunan Drajat", "35.24", "Kopontren Sunan Drajat"),
    ("510035090109", "PP Nurul Islam Jember", "35.09", None),
]

# category code -> [(name, unit, price)]
DEMO_PRODUCTS = {
    "makanan-minuman": [
        ("Kopi Robusta Santri", "bungkus 250 g", 45000),
        ("Keripik Tempe Renyah", "bungkus 200 g", 15000),
        ("Sambal Pecel Khas", "toples 250 g", 18000),
        ("Air Minum Dalam Kemasan", "dus 48 gelas", 22000),
        ("Madu Hutan Murni", "botol 500 ml", 95000),
        ("Kerupuk Ikan Tengiri", "bungkus 250 g", 25000),
        ("Roti Manis Pesantren", "bungkus isi 6", 12000),
        ("Gula Aren Cair", "botol 350 ml", 30000),
        ("Teh Rosela Kering", "kotak 20 kantong", 28000),
        ("Abon Sapi", "toples 200 g", 55000),
        ("Kue Kering Nastar", "toples 500 g", 65000),
        ("Sirup Markisa", "botol 600 ml", 32000),
        ("Bumbu Rujak Cingur", "bungkus 200 g", 20000),
        ("Dodol Apel", "kotak 250 g", 27000),
    ],
    "busana-fashion": [
        ("Sarung Tenun Ikat", "lembar", 175000),
        ("Batik Tulis Santri", "lembar 2 m", 350000),
        ("Kopiah Rajut", "buah", 40000),
        ("Mukena Katun Bordir", "set", 225000),
        ("Kaos Dakwah Sablon", "potong", 75000),
        ("Gamis Anak", "potong", 120000),
        ("Jilbab Segi Empat", "lembar", 55000),
        ("Sandal Kulit Santri", "pasang", 95000),
    ],
    "kerajinan": [
        ("Tas Anyaman Pandan", "buah", 85000),
        ("Tasbih Kayu Kokka", "buah", 35000),
        ("Kaligrafi Ukir Jati", "buah", 650000),
        ("Sajadah Rajut", "lembar", 150000),
        ("Keramik Hias", "buah", 90000),
        ("Kerajinan Bambu", "set", 110000),
        ("Miniatur Masjid Kayu", "buah", 275000),
        ("Cetakan Batik Cap", "buah", 300000),
    ],
    "pertanian-agro": [
        ("Beras Organik", "karung 5 kg", 80000),
        ("Jahe Merah Bubuk", "bungkus 100 g", 25000),
        ("Kopi Arabika Ijen", "bungkus 200 g", 70000),
        ("Bibit Buah Unggul", "polybag", 20000),
        ("Pupuk Organik Cair", "jeriken 5 l", 60000),
        ("Jamur Tiram Segar", "kg", 18000),
        ("Kedelai Lokal", "kg", 12000),
        ("Cabai Kering", "bungkus 100 g", 15000),
    ],
    "peternakan-perikanan": [
        ("Telur Ayam Kampung", "tray isi 30", 60000),
        ("Ikan Lele Asap", "bungkus 250 g", 35000),
        ("Susu Kambing Etawa", "botol 250 ml", 20000),
        ("Bandeng Presto", "bungkus isi 2", 40000),
        ("Daging Ayam Beku", "kg", 38000),
        ("Udang Vaname Beku", "kg", 95000),
    ],
    "herbal-kosmetik": [
        ("Minyak Kayu Putih", "botol 60 ml", 30000),
        ("Sabun Zaitun Herbal", "batang", 15000),
        ("Jamu Kunyit Asam", "botol 250 ml", 10000),
        ("Minyak Habbatussauda", "botol 100 kapsul", 65000),
        ("Lulur Rempah", "toples 100 g", 35000),
        ("Balsem Jahe", "pot 20 g", 12000),
    ],
    "jasa-digital": [
        ("Jasa Desain Grafis", "paket", 250000),
        ("Percetakan Kitab", "eksemplar", 45000),
        ("Jasa Konveksi", "potong", 60000),
        ("Aplikasi Kasir Koperasi", "lisensi/tahun", 1200000),
        ("Jasa Servis Komputer", "kali", 100000),
        ("Kursus Bahasa Arab Daring", "paket", 300000),
    ],
    "wisata-halal": [
        ("Paket Wisata Religi Makam Wali", "orang", 350000),
        ("Homestay Santri", "malam", 150000),
        ("Edukasi Agrowisata Pesantren", "orang", 50000),
        ("Paket Ziarah Wali Songo", "orang", 1250000),
    ],
}

COLOURS = {
    "makanan-minuman": "#c0392b",
    "busana-fashion": "#8e44ad",
    "kerajinan": "#a0522d",
    "pertanian-agro": "#2e8b57",
    "peternakan-perikanan": "#1f6f99",
    "herbal-kosmetik": "#5d8c3a",
    "jasa-digital": "#34495e",
    "wisata-halal": "#0b5d45",
}

# The curation plan by position: (status, designation year). 24 unggulan (4 per year 2019-2024), then the rest.
YEARS = [2019, 2020, 2021, 2022, 2023, 2024]
PLAN = (
    [(CurationStatus.UNGGULAN, year) for year in YEARS for _ in range(4)]
    + [(CurationStatus.DIKURASI, None)] * 8
    + [(CurationStatus.DIVERIFIKASI, None)] * 8
    + [(CurationStatus.TIDAK_LOLOS, None)] * 6
)
PATH = [CurationStatus.DIVERIFIKASI, CurationStatus.DIKURASI]


def _font(size):
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow built without FreeType
        return ImageFont.load_default()


def demo_photo(title, subtitle, colour, variant=0):
    """A simple 800x600 JPEG: a coloured panel with the product's name and its producer."""
    image = Image.new("RGB", (800, 600), colour)
    draw = ImageDraw.Draw(image)
    draw.ellipse([520 - variant * 60, -80, 920 - variant * 60, 320], fill="#f2c14e")
    draw.rectangle([0, 470, 800, 600], fill="#ffffff")
    y = 170
    for line in textwrap.wrap(title, width=16)[:3]:
        draw.text((48, y), line, fill="#ffffff", font=_font(72))
        y += 86
    draw.text((48, 505), subtitle, fill="#1d1d1d", font=_font(44))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def _demo_pesantren(actor):
    found = {p.nspp: p for p in Pesantren.objects.filter(nspp__in=[row[0] for row in DEMO_PESANTREN])}
    result = []
    for nspp, nama, kode, koperasi in DEMO_PESANTREN:
        pesantren = found.get(nspp)
        if pesantren is None:
            pesantren = pesantren_save(
                actor=actor,
                nspp=nspp,
                nama=nama,
                kabkota=KabupatenKota.objects.get(kode=kode),
                tahun_kohort=2019 + len(result) % 4,
                reason="Data demo",
            )
            if koperasi:
                kopontren_save(actor=actor, pesantren=pesantren, nama=koperasi, status="berbadan_hukum")
        result.append(pesantren)
    return result


def _certificates(actor, product, pesantren, rng, index, today):
    category = product.kategori
    if index % 5 != 4:
        certification_save(
            actor=actor,
            product=product,
            nomor=f"91203{index:08d}",
            jenis=CertificationType.NIB,
            tanggal_terbit=datetime.date(2019 + index % 5, 3, 1),
            verified=index % 2 == 0,
        )
    if category.perlu_izin_edar and index % 4 != 3:
        if category.kode == "herbal-kosmetik" and index % 2 == 0:
            certification_save(
                actor=actor,
                product=product,
                jenis=CertificationType.BPOM,
                nomor=f"MD 2241130{index:05d}",
                tanggal_terbit=datetime.date(2021, 6, 1),
                berlaku_sampai=datetime.date(today.year + 2, 6, 1),
            )
        else:
            # Some expired (year digits in the past), some expiring within 90 days, the rest valid.
            region = pesantren.kabkota.kode_bps if index % 9 else "3578"  # every ninth: mismatch warning
            if index % 6 == 0:
                year, until = today.year - 2, None
            elif index % 6 == 1:
                until = today + datetime.timedelta(days=30 + index % 50)
                year = until.year
            else:
                year, until = today.year + 3, None
            certification_save(
                actor=actor,
                product=product,
                jenis=CertificationType.PIRT,
                nomor=f"206{region}01{index:02d}{rng.randint(10, 99)}-{year % 100:02d}",
                tanggal_terbit=datetime.date(year - 5, 1, 15),
                berlaku_sampai=until,
            )
    if category.perlu_halal and index % 3 != 2:
        certification_save(
            actor=actor,
            product=product,
            jenis=CertificationType.HALAL,
            nomor=f"ID3511{index:013d}",
            tanggal_terbit=datetime.date(2022, 1, 10),
            verified=True,
        )
    if index % 2 == 0:
        certification_save(
            actor=actor,
            product=product,
            jenis=CertificationType.MEREK,
            nomor=f"IDM000{800000 + index}",
            tanggal_terbit=datetime.date(2020, 8, 17),
            berlaku_sampai=datetime.date(2030, 8, 17),
        )


def _curate(actor, product, status, year):
    if status == CurationStatus.TERDAFTAR:
        return
    if status == CurationStatus.TIDAK_LOLOS:
        product_move(actor=actor, product=product, to=CurationStatus.DIVERIFIKASI, notes="Berkas lengkap")
        product_move(
            actor=actor,
            product=product,
            to=CurationStatus.TIDAK_LOLOS,
            notes="Kemasan dan izin edar belum memenuhi syarat kurasi.",
        )
        return
    for step in PATH:
        product_move(actor=actor, product=product, to=step, notes="Data demo")
        if step == status:
            return
    product_move(actor=actor, product=product, to=CurationStatus.UNGGULAN, year=year, notes="Penetapan demo")


def seed_demo_products(actor=None):
    """Create the demo catalogue; returns the number of products created now."""
    actor = actor or User.objects.filter(role=Role.STAF_DISKOP).order_by("pk").first()
    if actor is None:
        return 0
    pesantren_list = _demo_pesantren(actor)
    categories = {c.kode: c for c in ProductCategory.objects.all()}
    rng = random.Random(2024)
    today = timezone.localdate()
    existing = set(Product.objects.values_list("pesantren_id", "nama"))
    rows = [(code, item) for code, items in DEMO_PRODUCTS.items() for item in items if code in categories]
    rng.shuffle(rows)
    created = 0
    for index, (code, (nama, unit, price)) in enumerate(rows):
        pesantren = pesantren_list[index % len(pesantren_list)]
        if (pesantren.pk, nama) in existing:
            continue
        export = index % 7 == 0
        product = product_save(
            actor=actor,
            nama=nama,
            pesantren=pesantren,
            kategori=categories[code],
            harga=price,
            satuan=unit,
            deskripsi=f"{nama} produksi {pesantren.nama}, dibuat oleh santri dan dipasarkan melalui koperasi.",
            kapasitas_bulanan=rng.choice([200, 500, 1000, 2500, 5000]),
            jangkauan_pasar="ekspor" if export else rng.choice(["lokal", "ritel_modern"]),
            negara_tujuan="Malaysia, Arab Saudi" if export else "",
            tautan_opop_mart="https://opopmart.example/produk/" + str(index + 1) if index % 3 == 0 else "",
            reason="Data demo",
        )
        _certificates(actor, product, pesantren, rng, index, today)
        if index % 10 != 9:
            for variant in range(1 + index % 2):
                jpeg = demo_photo(nama, pesantren.nama, COLOURS[code], variant)
                photo_add(actor=actor, product=product, upload=SimpleUploadedFile("demo.jpg", jpeg, "image/jpeg"))
        status, year = PLAN[index] if index < len(PLAN) else (CurationStatus.TERDAFTAR, None)
        _curate(actor, product, status, year)
        created += 1
    return created
