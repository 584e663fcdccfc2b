"""Catalogue fixtures: a producer in Jombang, products in each curation state, image and document bytes."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from opop.wilayah.models import KabupatenKota
from pesantren.services import pesantren_save
from products.models import CurationStatus, Product, ProductCategory
from products.services import product_move, product_save
from tests.files import pdf_bytes


@pytest.fixture(autouse=True)
def media_dirs(settings, tmp_path):
    """Uploads of each test go to its own temporary folders."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    return tmp_path


def stored_files(root):
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.fixture
def jombang(db):
    return KabupatenKota.objects.get(kode="35.17")


@pytest.fixture
def pesantren(admin, jombang):
    return pesantren_save(actor=admin, nspp="510035170239", nama="PP Tebuireng", kabkota=jombang)


@pytest.fixture
def other_pesantren(admin):
    return pesantren_save(
        actor=admin, nspp="510035710101", nama="PP Lirboyo", kabkota=KabupatenKota.objects.get(kode="35.71")
    )


@pytest.fixture
def makanan(db):
    return ProductCategory.objects.get(kode="makanan-minuman")


@pytest.fixture
def kerajinan(db):
    return ProductCategory.objects.get(kode="kerajinan")


@pytest.fixture
def make_product(admin, pesantren, makanan):
    """make_product(status="unggulan", year=2023, nama=...) walks the curation path through the services."""
    counter = iter(range(1, 10_000))

    def make(status=CurationStatus.TERDAFTAR, year=2023, nama=None, **fields):
        fields.setdefault("pesantren", pesantren)
        fields.setdefault("kategori", makanan)
        product = product_save(actor=admin, nama=nama or f"Produk uji {next(counter)}", harga=15000, **fields)
        path = {
            CurationStatus.TERDAFTAR: [],
            CurationStatus.DIVERIFIKASI: [CurationStatus.DIVERIFIKASI],
            CurationStatus.DIKURASI: [CurationStatus.DIVERIFIKASI, CurationStatus.DIKURASI],
            CurationStatus.UNGGULAN: [CurationStatus.DIVERIFIKASI, CurationStatus.DIKURASI, CurationStatus.UNGGULAN],
            CurationStatus.TIDAK_LOLOS: [CurationStatus.TIDAK_LOLOS],
        }[status]
        for step in path:
            product_move(
                actor=admin,
                product=product,
                to=step,
                year=year if step == CurationStatus.UNGGULAN else None,
                notes="alasan uji",
            )
        return Product.objects.get(pk=product.pk)

    return make


@pytest.fixture
def product(make_product):
    return make_product(nama="Kopi Robusta Santri")


def image_bytes(fmt="PNG", size=(640, 480), colour="#0b5d45"):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, fmt)
    return buffer.getvalue()


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


PDF_BYTES = pdf_bytes()
