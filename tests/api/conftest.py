"""API fixtures: one small world that every role sees part of (a pesantren with a santripreneur and a sociopreneur
whose personal data is easy to spot, a participation, a product with a certificate, a verified plan of OPD A and one
of OPD B with a realisation each), and a token per persona."""

import datetime
from dataclasses import dataclass

import pytest
from rest_framework.test import APIClient

from opop.api import services as tokens
from opop.api.models import ApiToken
from products.models import CertificationType, CurationStatus, ProductCategory
from products.services import certification_save, product_move, product_save
from programs import services as plan_services
from programs.models import Status
from tests.pesantren.conftest import BIRTH, NIK, PHONE, make_participation, make_pesantren, make_santri, make_socio
from tests.programs.factories import first_kegiatan, make_plan, realisasi_data

SOCIO_NIK = "3517020202850002"
SOCIO_PHONE = "085711112222"
PERSONAL_VALUES = [NIK, SOCIO_NIK, PHONE, SOCIO_PHONE, BIRTH.isoformat(), BIRTH.strftime("%d-%m-%Y")]


@pytest.fixture(autouse=True)
def api_media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")


@dataclass
class World:
    pesantren: object
    santri: object
    socio: object
    product: object
    rencana_a: object
    rencana_b: object
    kegiatan_a: object
    kegiatan_b: object


def build_world(admin, staf, petugas_a, petugas_b, opd_a, opd_b):
    pesantren = make_pesantren()
    santri = make_santri(pesantren, nama="Siti Aminah", nik=NIK, jenis_kelamin="P", telepon=PHONE)
    socio = make_socio(pesantren, nik=SOCIO_NIK, telepon=SOCIO_PHONE)
    make_participation(santri, opd_a)
    product = product_save(
        actor=admin,
        nama="Keripik Tempe Tebuireng",
        harga=15000,
        pesantren=pesantren,
        kategori=ProductCategory.objects.get(kode="makanan-minuman"),
    )
    for step in (CurationStatus.DIVERIFIKASI, CurationStatus.DIKURASI, CurationStatus.UNGGULAN):
        product_move(
            actor=admin, product=product, to=step, year=2023 if step == CurationStatus.UNGGULAN else None, notes="uji"
        )
    certification_save(
        actor=admin,
        product=product,
        jenis=CertificationType.HALAL,
        nomor="ID35110000123450523",
        tanggal_terbit=datetime.date(2023, 5, 1),
        berlaku_sampai=datetime.date(2027, 5, 1),
    )
    rencana_a = make_plan(actor=petugas_a, opd=opd_a, tahun=2024, status=Status.DIVERIFIKASI, verifier=staf)
    rencana_b = make_plan(actor=petugas_b, opd=opd_b, tahun=2024, status=Status.DIVERIFIKASI, verifier=staf)
    kegiatan_a, kegiatan_b = first_kegiatan(rencana_a), first_kegiatan(rencana_b)
    plan_services.realisasi_save(actor=petugas_a, kegiatan=kegiatan_a, triwulan=1, data=realisasi_data(output=10))
    plan_services.realisasi_save(actor=petugas_b, kegiatan=kegiatan_b, triwulan=1, data=realisasi_data(output=10))
    return World(pesantren, santri, socio, product, rencana_a, rencana_b, kegiatan_a, kegiatan_b)


@pytest.fixture
def world(admin, staf, pimpinan, petugas_a, petugas_b, opd_a, opd_b):
    return build_world(admin, staf, petugas_a, petugas_b, opd_a, opd_b)


def make_token(user, akses=ApiToken.Akses.BACA_TULIS, **kwargs):
    return tokens.api_token_create(actor=user, user=user, nama=f"uji {user.username}", akses=akses, **kwargs)


def token_client(secret):
    client = APIClient()
    if secret:
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


@pytest.fixture
def api_as(request, db):
    """api_as("petugas_a") -> an API client with a read-write token of that persona (anonymous: no token)."""

    def client(persona, akses=ApiToken.Akses.BACA_TULIS):
        if persona == "anonymous":
            return token_client("")
        _token, secret = make_token(request.getfixturevalue(persona), akses=akses)
        return token_client(secret)

    return client
