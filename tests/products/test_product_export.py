import io

import pytest
from openpyxl import load_workbook

from products.models import CertificationType, CurationStatus
from products.services import certification_save
from tests.access import PERSONAS
from tests.products.matrix import READ, assert_access


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix(persona, fmt, as_persona, product):
    assert_access(as_persona(persona).get(f"/produk/ekspor.{fmt}"), READ[persona])


def test_unknown_format_is_404(as_persona, product):
    assert as_persona("staf").get("/produk/ekspor.pdf").status_code == 404


def test_csv_follows_the_filters_and_keeps_identifiers(as_persona, make_product, staf):
    shown = make_product(nama="=Kopi Unggulan", status=CurationStatus.UNGGULAN, year=2023)
    make_product(nama="Draf")
    certification_save(actor=staf, product=shown, jenis=CertificationType.NIB, nomor="0120301234567")
    response = as_persona("pimpinan").get("/produk/ekspor.csv", {"status": "unggulan"})
    assert response["Content-Disposition"] == 'attachment; filename="produk-opop.csv"'
    text = response.content.decode("utf-8-sig")
    assert "'=Kopi Unggulan" in text  # formula neutralised
    assert "Draf" not in text
    assert "0120301234567" in text and "510035170239" in text


def test_xlsx_has_a_row_per_product_with_text_identifiers(as_persona, make_product, staf):
    product = make_product(nama="Kopi")
    certification_save(actor=staf, product=product, jenis=CertificationType.NIB, nomor="0120301234567")
    make_product(nama="Teh")
    response = as_persona("staf").get("/produk/ekspor.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][1] == "Nama produk" and len(rows) == 3
    kopi = next(r for r in rows if r[1] == "Kopi")
    assert kopi[4] == "510035170239" and kopi[13] == "0120301234567"
    assert kopi[6] == "Terdaftar" and kopi[8] == 15000


def test_export_query_count_is_bounded(as_persona, make_product, django_assert_max_num_queries):
    for i in range(20):
        make_product(nama=f"P{i}")
    client = as_persona("staf")
    with django_assert_max_num_queries(10):
        client.get("/produk/ekspor.csv")


def test_a_large_export_is_a_job_with_the_list_filters_as_its_owner_sees_them(
    settings, as_persona, make_product, private_media
):
    """The catalogue's export is a Sheet like every list (issue 26: one export builder): above
    EXPORT_IMMEDIATE_MAX_ROWS it is written by the worker from the same filters."""
    from opop.jobs.models import Job

    settings.EXPORT_IMMEDIATE_MAX_ROWS = 1
    for nama in ("Kopi Satu", "Kopi Dua", "Sabun"):
        make_product(nama=nama, status=CurationStatus.UNGGULAN, year=2023)
    client = as_persona("pimpinan")
    response = client.get("/produk/ekspor.xlsx", {"q": "Kopi"})
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/pekerjaan/{job.pk}/"
    assert job.params == {"list": "produk", "format": "xlsx", "query": "q=Kopi"}
    assert job.status == "selesai" and job.done == 2
    content = b"".join(client.get(f"/pekerjaan/{job.pk}/unduh/").streaming_content)
    rows = list(load_workbook(io.BytesIO(content), read_only=True).worksheets[0].iter_rows(values_only=True))
    assert sorted(row[1] for row in rows[1:]) == ["Kopi Dua", "Kopi Satu"]
