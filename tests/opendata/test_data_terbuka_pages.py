"""The public open-data pages (/data-terbuka/): open to everyone, metadata in the SDI shape, every version's files."""

import io

import openpyxl
import pytest

from opop.opendata.datasets import DATASETS
from tests.access import PERSONAS, assert_access

pytestmark = pytest.mark.django_db
MS_IND = (
    "Konsep",
    "Definisi",
    "Interpretasi",
    "Metode/rumus perhitungan",
    "Ukuran",
    "Satuan",
    "Klasifikasi penyajian",
    "Produsen data",
    "Periode",
    "Level estimasi",
)
PUBLIC_URLS = [
    "/data-terbuka/",
    "/data-terbuka/katalog.jsonld",
    "/data-terbuka/santripreneur-kabkota/",
    "/data-terbuka/santripreneur-kabkota/metadata.xlsx",
    "/data-terbuka/unduh/v1/santripreneur-kabkota.csv",
    "/data-terbuka/unduh/v1/komitmen-opd-triwulan.json",
    "/data-terbuka/unduh/v1/produk-unggulan-kategori-kabkota.xlsx",
]
NOT_FOUND = [
    "/data-terbuka/tidak-ada/",
    "/data-terbuka/tidak-ada/metadata.xlsx",
    "/data-terbuka/unduh/v9/santripreneur-kabkota.csv",
    "/data-terbuka/unduh/v1/santripreneur-kabkota.pdf",
    "/data-terbuka/unduh/v1/tidak-ada.csv",
]


@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix(persona, as_persona, published):
    client = as_persona(persona)
    for url in PUBLIC_URLS:
        assert_access(client.get(url), 200)
    for url in NOT_FOUND:
        assert_access(client.get(url), 404)


def test_post_is_not_allowed(client, published):
    for url in PUBLIC_URLS:
        assert client.post(url).status_code == 405, url


def test_the_public_page_links_to_the_open_data(client):
    assert 'href="/data-terbuka/"' in client.get("/publik/").content.decode()


def test_before_the_first_version_the_pages_say_so(client):
    html = client.get("/data-terbuka/").content.decode()
    assert "Belum ada versi yang diterbitkan" in html
    assert client.get("/data-terbuka/sociopreneur-kabkota/").status_code == 200


def test_the_index_lists_every_dataset_and_the_activity_metadata(client, published):
    html = client.get("/data-terbuka/").content.decode()
    for dataset in DATASETS:
        assert f'href="/data-terbuka/{dataset.kode}/"' in html
    assert "Metadata kegiatan (MS-Keg)" in html and "Versi uji" in html
    assert "Terbitkan versi baru" not in html  # the visitor publishes nothing
    assert 'href="/data-terbuka/katalog.jsonld"' in html


def test_a_dataset_page_shows_its_ms_ind_and_each_version_files(client, published):
    html = client.get("/data-terbuka/sociopreneur-kabkota/").content.decode()
    for element in MS_IND:
        assert f">{element}</th>" in html, element
    for fmt in ("csv", "json", "xlsx"):
        assert f'href="/data-terbuka/unduh/v1/sociopreneur-kabkota.{fmt}"' in html
    assert "Bob" not in html  # who published is not public


def test_the_dataset_page_in_english(client, published):
    client.cookies["django_language"] = "en"
    html = client.get("/data-terbuka/sociopreneur-kabkota/").content.decode()
    assert "Sociopreneurs by regency/city" in html and ">Concept</th>" in html and ">Estimation level</th>" in html


def test_the_metadata_workbook_has_ms_keg_and_ms_ind(client, published):
    response = client.get("/data-terbuka/pesantren-peserta-kabkota/metadata.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    assert book.sheetnames == ["MS-Keg", "MS-Ind"]
    elements = [row[0] for row in book["MS-Ind"].iter_rows(min_row=2, values_only=True)]
    assert set(MS_IND) <= set(elements)
    keg = dict(book["MS-Keg"].iter_rows(min_row=2, values_only=True))
    assert keg["Judul kegiatan"].startswith("Pemantauan Program One Pesantren One Product")
