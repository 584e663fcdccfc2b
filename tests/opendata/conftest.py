"""The dashboards' hand-counted data (tests/dashboard/conftest.py), grown so that some kab/kota hold five persons or
more and others fewer, one certificate, and version 1 of the open data published by the Staf: built once per module."""

import pytest

from opop.accounts.models import User
from opop.opendata.models import Publikasi
from opop.opendata.services import publikasi_create, publikasi_preview
from products.models import CertificationType, Product
from products.services import certification_save
from tests.conftest import module_data
from tests.dashboard.conftest import grow, hand_counted_data, media_dirs  # noqa: F401 - media_dirs is autouse

NIB = "9120301234567"


def open_data():
    ids = hand_counted_data()
    admin = User.objects.get(username="alice")
    grow(admin)
    product = Product.objects.get(nama="Keripik 2019")
    certification_save(actor=admin, product=product, jenis=CertificationType.NIB, nomor=NIB, verified=True)
    staf = User.objects.get(username="bob")
    publikasi = publikasi_create(actor=staf, catatan="Versi uji", sidik=publikasi_preview().sidik)
    return {**ids, "publikasi": (Publikasi, publikasi.pk)}


open_data_once = module_data(open_data)


@pytest.fixture
def published(open_data_once, db, admin, staf, pimpinan, petugas_a, petugas_b):
    """The data above as fresh objects; "publikasi" is version 1."""
    return {key: model.objects.get(pk=pk) for key, (model, pk) in open_data_once.items()}
