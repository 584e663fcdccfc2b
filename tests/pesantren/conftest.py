"""Registry fixtures: a pesantren in Jombang (Tebuireng's real NSPP), one in Kab. Malang, and persons whose
personal data is easy to spot in any output (NIK 3517010101900001 -> masked 3517********0001)."""

import datetime

import pytest

from opop.accounts.models import PerangkatDaerah
from pesantren import services
from pesantren.models import Participation, Pesantren, Santripreneur, Sociopreneur
from tests.access import LOGIN

NIK = "3517010101900001"
NIK_MASKED = "3517********0001"
PHONE = "081234567890"
BIRTH = datetime.date(1990, 1, 1)
WRITERS = {"admin", "staf"}
READ_ONLY = {"pimpinan", "petugas_a", "petugas_b"}


def read_matrix():
    """Every signed-in role may read; anonymous goes to login."""
    return {"anonymous": LOGIN, **{p: 200 for p in WRITERS | READ_ONLY}}


def write_matrix(ok=200):
    """Staf Diskop and Admin may write; read-only roles get 403; anonymous goes to login."""
    return {"anonymous": LOGIN, **{p: ok for p in WRITERS}, **{p: 403 for p in READ_ONLY}}


def make_pesantren(**overrides):
    data = {
        "nspp": "510035170239",
        "nama": "Pondok Pesantren Tebuireng",
        "kabkota_id": "35.17",
        "kecamatan_id": "35.17.08",
        "tipologi": "kombinasi",
        "tahun_kohort": 2021,
        "jumlah_santri": 4200,
    }
    data.update(overrides)
    kabkota_id, kecamatan_id = data.pop("kabkota_id"), data.pop("kecamatan_id")
    obj = Pesantren(kabkota_id=kabkota_id, kecamatan_id=kecamatan_id)
    return services.pesantren_save(actor=None, pesantren=obj, **data)


def make_santri(pesantren, **overrides):
    data = {
        "nama": "Ahmad Fauzi",
        "nik": None,
        "jenis_kelamin": "L",
        "tanggal_lahir": BIRTH,
        "telepon": "",
        "pesantren": pesantren,
        "bidang_usaha": "Kuliner",
        "tahun_terdaftar": 2023,
    }
    data.update(overrides)
    return services.santripreneur_save(actor=None, **data)


def make_socio(pesantren, **overrides):
    data = {
        "nama": "Laila Hasanah",
        "nik": None,
        "jenis_kelamin": "P",
        "tanggal_lahir": BIRTH,
        "telepon": "",
        "pesantren_asal": pesantren,
        "nama_usaha": "Rumah Jahit Berkah",
        "sektor": "UMKM perempuan",
        "kabkota_id": "35.17",
        "tahun_mulai": 2020,
        "jumlah_pekerja": 6,
    }
    data.update(overrides)
    kabkota_id = data.pop("kabkota_id")
    return services.sociopreneur_save(actor=None, person=Sociopreneur(kabkota_id=kabkota_id), **data)


@pytest.fixture
def pesantren(db):
    return make_pesantren()


@pytest.fixture
def pesantren_malang(db):
    return make_pesantren(
        nspp="510035070001", nama="Pondok Pesantren Al-Hikmah", kabkota_id="35.07", kecamatan_id="35.07.01"
    )


@pytest.fixture
def santri(pesantren):
    """A santripreneur with every personal field filled."""
    return make_santri(pesantren, nama="Siti Aminah", nik=NIK, jenis_kelamin="P", telepon=PHONE)


@pytest.fixture
def socio(pesantren):
    return make_socio(pesantren, nik="3517020202850002", telepon=PHONE)


@pytest.fixture
def diskop(db):
    return PerangkatDaerah.objects.get(kode="diskop-ukm")


@pytest.fixture
def kominfo(db):
    return PerangkatDaerah.objects.get(kode="kominfo")


def make_participation(person, opd, kegiatan="Pelatihan Kewirausahaan Santri", tahun=2023):
    return services.participation_add(actor=None, santripreneur=person, kegiatan=kegiatan, opd=opd, tahun=tahun)


def counts():
    return (
        Pesantren.objects.count(),
        Santripreneur.objects.count(),
        Sociopreneur.objects.count(),
        Participation.objects.count(),
    )
