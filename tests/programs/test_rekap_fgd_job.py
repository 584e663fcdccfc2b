"""The FGD recap XLSX as a background job: anyone who may open the recap may start it; the file is the same
workbook as the immediate download, kept in "Pekerjaan saya" for its owner."""

import io

import pytest
from openpyxl import load_workbook

from opop.jobs.models import Job
from tests.access import LOGIN

MATRIX = {"anonymous": LOGIN, "admin": 302, "staf": 302, "pimpinan": 302, "petugas_a": 302, "petugas_b": 302}


@pytest.mark.parametrize("persona", MATRIX)
def test_recap_job_access(persona, as_persona, private_media):
    response = as_persona(persona).post("/program/rekap-fgd/latar/?tahun=2024")
    if MATRIX[persona] == LOGIN:
        assert response.status_code == 302 and response["Location"].startswith("/akun/masuk/")
        assert not Job.objects.exists()
    else:
        job = Job.objects.get()
        assert response["Location"] == f"/pekerjaan/{job.pk}/"


def test_recap_job_is_post_only(as_persona):
    assert as_persona("staf").get("/program/rekap-fgd/latar/").status_code == 405


def test_recap_job_file_equals_the_immediate_workbook(as_persona, fgd_data, private_media):
    client = as_persona("staf")
    client.post("/program/rekap-fgd/latar/?tahun=2024")
    job = Job.objects.get()
    assert job.status == "selesai" and job.params == {"tahun": 2024, "terverifikasi": False}
    from_job = load_workbook(io.BytesIO(b"".join(client.get(f"/pekerjaan/{job.pk}/unduh/").streaming_content)))
    immediate = load_workbook(io.BytesIO(client.get("/program/rekap-fgd.xlsx?tahun=2024").content))
    assert from_job.sheetnames == immediate.sheetnames == ["Rekap FGD 2024", "Kendala", "Ketepatan pelaporan"]
    for title in from_job.sheetnames:
        rows = [[c.value for c in row] for row in from_job[title].iter_rows()]
        assert rows == [[c.value for c in row] for row in immediate[title].iter_rows()]
    assert any(row[0].value == "Jumlah seluruhnya (dinilai)" for row in from_job.active.iter_rows())
