"""Exports above EXPORT_IMMEDIATE_MAX_ROWS become jobs: streamed to a private file, same scope as the list."""

import csv
import datetime
import io

import pytest
from openpyxl import load_workbook

from opop.jobs.models import Job
from pesantren.models import Santripreneur


def _download(client, job):
    return b"".join(client.get(f"/pekerjaan/{job.pk}/unduh/").streaming_content)


def test_small_exports_stay_immediate(settings, as_persona, people, private_media):
    settings.EXPORT_IMMEDIATE_MAX_ROWS = 100
    response = as_persona("staf").get("/santripreneur/?format=csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert not Job.objects.exists()


def test_a_large_xlsx_export_is_a_job_whose_file_opens_in_openpyxl(settings, as_persona, people, private_media):
    settings.EXPORT_IMMEDIATE_MAX_ROWS = 5
    client = as_persona("staf")
    response = client.get("/santripreneur/?format=xlsx&q=santri")
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/pekerjaan/{job.pk}/"
    assert job.kind == "ekspor" and job.status == "selesai" and job.done == job.total == 12
    assert job.params == {"list": "santripreneur", "format": "xlsx", "query": "q=santri"}
    sheet = load_workbook(io.BytesIO(_download(client, job)), read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("ID", "NIK", "Nama") and len(rows) == 13
    assert {r[1] for r in rows[1:]} == {p.nik for p in people}  # NIK as text, full for Staf
    assert rows[1][rows[0].index("Bidang usaha")] == "'=SUM(A1)"  # never a formula


def test_a_job_written_xlsx_holds_typed_cells(settings, as_persona, people, private_media):
    """Issue 32: the streamed workbook read back — identifiers text (16 digits, leading zeros, never 1.23E+15),
    birth dates real dates in dd-mm-yyyy, the ID and year numbers, an unknown birth date an empty cell."""
    settings.EXPORT_IMMEDIATE_MAX_ROWS = 5
    Santripreneur.objects.filter(pk=people[0].pk).update(nik="0017010101900001", telepon="08123", tanggal_lahir=None)
    client = as_persona("staf")
    client.get("/santripreneur/?format=xlsx")
    sheet = load_workbook(io.BytesIO(_download(client, Job.objects.get()))).worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header == [
        "ID", "NIK", "Nama", "Jenis kelamin", "Tanggal lahir", "Telepon", "NSPP pesantren", "Pesantren",
        "Kabupaten/kota", "Bidang usaha", "Tahun terdaftar", "Status",
    ]  # fmt: skip
    rows = {row[2].value: {h: cell for h, cell in zip(header, row, strict=True)} for row in sheet.iter_rows(min_row=2)}
    assert len(rows) == 12
    first, other = rows["Santri 0"], rows["Santri 1"]
    for cell, value in ((first["NIK"], "0017010101900001"), (first["Telepon"], "08123"),
                        (other["NIK"], people[1].nik), (other["NSPP pesantren"], "510035170901")):  # fmt: skip
        assert (cell.value, cell.data_type, cell.number_format) == (value, "s", "@")
    assert first["Tanggal lahir"].value is None
    birth = other["Tanggal lahir"]
    assert (birth.value, birth.data_type, birth.number_format) == (datetime.datetime(1990, 1, 1), "d", "dd-mm-yyyy")
    for name in ("ID", "Tahun terdaftar"):
        assert other[name].data_type == "n" and isinstance(other[name].value, int | float)
    assert (other["ID"].value, other["Tahun terdaftar"].value) == (people[1].pk, 2023)


@pytest.mark.parametrize(
    ("persona", "nik_header", "nik_value"), [("pimpinan", True, "3517********0000"), ("petugas_a", False, None)]
)
def test_an_export_job_keeps_the_scope_of_its_owner(
    persona, nik_header, nik_value, settings, as_persona, people, private_media
):
    settings.EXPORT_IMMEDIATE_MAX_ROWS = 5
    client = as_persona(persona)
    client.get("/santripreneur/?format=csv")
    job = Job.objects.get()
    lines = list(csv.reader(io.StringIO(_download(client, job).decode("utf-8-sig"))))
    assert ("NIK" in lines[0]) == nik_header
    text = "\n".join(",".join(line) for line in lines)
    assert "3517000000000000" not in text
    if nik_value:
        assert nik_value in text
