"""The hand-counted fixture every dashboard number is checked against. Built through the services (as the portal
writes), so the santripreneur and participation tallies are kept in step exactly as in production.

Registry (kab/kota: Jombang 35.17, Kota Surabaya 35.78)
  Pesantren   P1 Jombang kohort 2019 · P2 Jombang kohort 2021 · P3 Jombang no kohort · P4 Surabaya kohort 2022
              -> registered: Jombang 3, Surabaya 1; peserta OPOP ≤2019: 1, ≤2021: 2, ≤2022: 3 (Jombang 2, Surabaya 1)
  Santripreneur S1 P1 2019 aktif · S2 P1 2020 aktif · S3 P2 2022 aktif · S4 P2 2022 tidak aktif · S5 P4 2023 aktif
              -> aktif ≤2019: 1, ≤2020: 2, ≤2022: 3, ≤2023: 4 (Jombang 3, Surabaya 1)
              S3 is trained in 2023 by three OPDs (kominfo, dindik, disnakertrans): 1 santripreneur, 3 participations
  Sociopreneur  SO1 Jombang mulai 2015 aktif · SO2 Jombang 2021 aktif · SO3 Surabaya 2023 aktif ·
              SO4 Surabaya 2022 tidak aktif -> aktif ≤2019: 1, ≤2022: 2, ≤2023: 3 (Jombang 2, Surabaya 1)
  Products      unggulan 2019 (P1), 2022 (P1), 2023 (P4); one dikurasi (not counted)
              -> ≤2019: 1, ≤2022: 2, ≤2023: 3 (Jombang 2, Surabaya 1)
Plans 2023
  kominfo (OPD A) diverifikasi: santripreneur 100 orang Rp150 jt, realised 60 (TW II) Rp90 jt;
                                produk unggulan 10 produk Rp50 jt, realised 4 (TW I) Rp10 jt
  dindik  (OPD B) draf:         santripreneur 200 orang Rp300 jt; sociopreneur 5 kelompok Rp20 jt (other unit)"""

import datetime
from decimal import Decimal

import pytest

from opop.accounts.models import PerangkatDaerah
from opop.accounts.roles import Role
from opop.indicators.models import Indicator
from opop.wilayah.models import KabupatenKota
from pesantren import services as registry
from pesantren.models import Pesantren
from products.models import CurationStatus, ProductCategory
from products.services import product_move, product_save
from programs import services as plans
from tests.conftest import module_data
from tests.programs.factories import line_data, realisasi_data

NIK = "3517010101900007"
PHONE = "081299887766"
PERSON_NAME = "Muhammad Santri Rahasia"
JT = Decimal(1_000_000)


@pytest.fixture(autouse=True)
def media_dirs(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")


def _pesantren(nspp, nama, kabkota, kohort):
    return registry.pesantren_save(
        actor=None, pesantren=Pesantren(kabkota_id=kabkota), nspp=nspp, nama=nama, tahun_kohort=kohort
    )


def _santri(pesantren, nama, tahun, status="aktif", **extra):
    return registry.santripreneur_save(
        actor=None, nama=nama, pesantren=pesantren, tahun_terdaftar=tahun, status=status, **extra
    )


def _socio(kabkota, nama, mulai, status="aktif"):
    return registry.sociopreneur_save(
        actor=None,
        nama=nama,
        nama_usaha=f"Usaha {nama}",
        kabkota=KabupatenKota.objects.get(kode=kabkota),
        tahun_mulai=mulai,
        status=status,
    )


def _product(actor, pesantren, nama, year=None, status=CurationStatus.UNGGULAN):
    kategori = ProductCategory.objects.get(kode="makanan-minuman")
    product = product_save(actor=actor, nama=nama, pesantren=pesantren, kategori=kategori, harga=10000)
    steps = [CurationStatus.DIVERIFIKASI, CurationStatus.DIKURASI]
    if status == CurationStatus.UNGGULAN:
        steps.append(CurationStatus.UNGGULAN)
    for step in steps:
        product_move(actor=actor, product=product, to=step, year=year if step == CurationStatus.UNGGULAN else None)
    return product


def build_registry(admin):
    p1 = _pesantren("510035170001", "PP Satu", "35.17", 2019)
    p2 = _pesantren("510035170002", "PP Dua", "35.17", 2021)
    _pesantren("510035170003", "PP Tiga", "35.17", None)
    p4 = _pesantren("510035780004", "PP Empat", "35.78", 2022)
    _santri(p1, "Santri Satu", 2019)
    _santri(p1, "Santri Dua", 2020)
    s3 = _santri(p2, PERSON_NAME, 2022, nik=NIK, telepon=PHONE, tanggal_lahir=datetime.date(2001, 2, 3))
    _santri(p2, "Santri Empat", 2022, status="tidak_aktif")
    _santri(p4, "Santri Lima", 2023)
    for kode in ("kominfo", "dindik", "disnakertrans"):
        registry.participation_add(
            actor=None,
            santripreneur=s3,
            kegiatan="Pelatihan wirausaha",
            opd=PerangkatDaerah.objects.get(kode=kode),
            tahun=2023,
        )
    _socio("35.17", "Socio Satu", 2015)
    _socio("35.17", "Socio Dua", 2021)
    _socio("35.78", "Socio Tiga", 2023)
    _socio("35.78", "Socio Empat", 2022, status="tidak_aktif")
    _product(admin, p1, "Keripik 2019", 2019)
    _product(admin, p1, "Sambal 2022", 2022)
    _product(admin, p4, "Kopi 2023", 2023)
    _product(admin, p4, "Teh dikurasi", status=CurationStatus.DIKURASI)
    return {"p1": p1, "p2": p2, "p4": p4, "s3": s3}


def build_plans(petugas_a, petugas_b, opd_a, opd_b, staf):
    santri = {"pilar": "santripreneur", "indikator": Indicator.objects.get(kode="santripreneur"), "satuan": "orang"}
    produk = {
        "pilar": "pesantrenpreneur",
        "indikator": Indicator.objects.get(kode="produk-unggulan"),
        "satuan": "produk",
    }
    socio = {"pilar": "sociopreneur", "indikator": Indicator.objects.get(kode="sociopreneur"), "satuan": "kelompok"}
    a = plans.rencana_create(actor=petugas_a, opd=opd_a, tahun=2023)
    a_santri = plans.kegiatan_create(actor=petugas_a, rencana=a, data=line_data(**santri, target=100, pagu=150 * JT))
    a_produk = plans.kegiatan_create(actor=petugas_a, rencana=a, data=line_data(**produk, target=10, pagu=50 * JT))
    plans.rencana_submit(actor=petugas_a, rencana=a)
    plans.rencana_verify(actor=staf, rencana=a)
    plans.realisasi_save(
        actor=petugas_a, kegiatan=a_santri, triwulan=1, data=realisasi_data(output=20, anggaran_terserap=30 * JT)
    )
    plans.realisasi_save(
        actor=petugas_a, kegiatan=a_santri, triwulan=2, data=realisasi_data(output=60, anggaran_terserap=90 * JT)
    )
    plans.realisasi_save(
        actor=petugas_a, kegiatan=a_produk, triwulan=1, data=realisasi_data(output=4, anggaran_terserap=10 * JT)
    )
    b = plans.rencana_create(actor=petugas_b, opd=opd_b, tahun=2023)
    plans.kegiatan_create(actor=petugas_b, rencana=b, data=line_data(**santri, target=200, pagu=300 * JT))
    plans.kegiatan_create(actor=petugas_b, rencana=b, data=line_data(**socio, target=5, pagu=20 * JT))
    return {"a": a, "b": b}


def hand_counted_data():
    """The personas and the data above, built once per test module (tests/conftest.py: module_data)."""
    from tests.conftest import _make

    admin = _make("alice", Role.ADMIN)
    staf = _make("bob", Role.STAF_DISKOP, PerangkatDaerah.objects.get(kode="diskop-ukm"))
    opd_a, opd_b = PerangkatDaerah.objects.get(kode="kominfo"), PerangkatDaerah.objects.get(kode="dindik")
    petugas_a, petugas_b = _make("dina", Role.PETUGAS_OPD, opd_a), _make("eko", Role.PETUGAS_OPD, opd_b)
    data = build_registry(admin)
    data.update(build_plans(petugas_a, petugas_b, opd_a, opd_b, staf))
    return {key: (type(value), value.pk) for key, value in data.items()}


hand_counted_once = module_data(hand_counted_data)


@pytest.fixture
def hand_counted(hand_counted_data_once, db, admin, staf, petugas_a, petugas_b):
    """The hand-counted data, as fresh objects for this test; the personas are the users it was built by."""
    return {key: model.objects.get(pk=pk) for key, (model, pk) in hand_counted_data_once.items()}


def grow(admin, n=25):
    """More of everything (another data size): pesantren, santripreneur, participations, products, sociopreneur."""
    kabkota = ["35.01", "35.09", "35.73", "35.25", "35.17"]
    opd = PerangkatDaerah.objects.get(kode="kominfo")
    for i in range(n):
        pesantren = _pesantren(f"51003{5001 + i:07d}", f"PP Tambahan {i}", kabkota[i % 5], 2019 + i % 5)
        person = _santri(pesantren, f"Santri Tambahan {i}", 2019 + i % 6)
        registry.participation_add(actor=None, santripreneur=person, kegiatan="Kelas", opd=opd, tahun=2023)
        _socio(kabkota[i % 5], f"Socio Tambahan {i}", 2018 + i % 6)
        if i % 5 == 0:
            _product(admin, pesantren, f"Produk Tambahan {i}", 2019 + i % 5)
