"""Issue 27, observation 14: a file refused as a whole says so in its headline, with the reason, and offers no
failed-rows download (which would hold only a header); a file with invalid rows still offers one."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from opop.imports.models import ImportBatch
from opop.jobs.models import Job
from tests.importer.data import nspp, to_csv

COLUMNS_MISSING = to_csv(["Nama pesantren", "Kabupaten/kota"], [["PP Tebuireng", "Jombang"]])
SHIFTED = (
    to_csv(["NSPP", "Nama pesantren", "Kabupaten/kota"], [[nspp(1), "PP Uji", "Jombang"]])
    + f"{nspp(2)},PP Nurul Huda, Putri,Jombang\r\n".encode()
)


@pytest.mark.parametrize(
    ("data", "reason"),
    [(COLUMNS_MISSING, "Kolom wajib tidak ada di baris judul: NSPP"), (SHIFTED, "baris 3 (4 sel)")],
)
def test_a_file_refused_whole_says_so_with_its_reason_and_offers_no_failed_rows(
    as_persona, private_media, data, reason
):
    client = as_persona("staf")
    client.post("/impor/pesantren/", {"file": SimpleUploadedFile("kemenag.csv", data)})
    batch = ImportBatch.objects.get()
    assert reason in batch.refusal and not batch.failed_xlsx and not batch.failed_csv
    page = client.get(f"/impor/batch/{batch.pk}/").content.decode()
    assert 'id="ditolak-seluruhnya"' in page and "Berkas ditolak seluruhnya" in page and reason in page
    assert "0 baris tidak valid" not in page and "Unduh baris gagal" not in page
    assert Job.objects.get().message.startswith("Berkas ditolak seluruhnya: ")
    response = client.get(f"/impor/batch/{batch.pk}/baris-gagal.xlsx", follow=True)
    assert "tidak ada baris gagal untuk diunduh" in response.content.decode()


def test_a_file_with_invalid_rows_still_offers_its_failed_rows(as_persona, private_media):
    client = as_persona("staf")
    data = to_csv(["NSPP", "Nama pesantren", "Kabupaten/kota"], [["123", "PP Uji", "Jombang"]])
    client.post("/impor/pesantren/", {"file": SimpleUploadedFile("p.csv", data)})
    batch = ImportBatch.objects.get()
    assert batch.refusal == "" and batch.failed_xlsx
    page = client.get(f"/impor/batch/{batch.pk}/").content.decode()
    assert "1 baris tidak valid" in page and "Unduh baris gagal" in page and "ditolak seluruhnya" not in page
