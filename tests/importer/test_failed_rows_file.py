"""The failed-rows XLSX keeps identifiers as text (issue 27, item 11): NIK, phone, NSPP and SIPD code cells are
formatted "@", like the template's, so a NIK corrected there is not turned into 3.5E+15 before the next upload.
The plan lines' SIPD code: tests/programs/test_kegiatan_upload.py."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from opop.imports.services import import_preview
from tests.importer.data import SANTRI_HEADERS, santri_rows, to_csv


def _failed_sheet(client, batch):
    response = client.get(f"/impor/batch/{batch.pk}/baris-gagal.xlsx")
    return load_workbook(io.BytesIO(b"".join(response.streaming_content))).active


def test_failed_rows_keep_nik_phone_and_nspp_as_text(as_persona, staf, pesantren_nspps, private_media):
    headers = [h if h != "Telepon" else "No. HP" for h in SANTRI_HEADERS]  # a synonym: found by the import's map
    rows = santri_rows(3, pesantren_nspps)
    rows[1][3], rows[1][4] = "31-02-2004", "081234567890"  # no such date
    upload = SimpleUploadedFile("santri.csv", to_csv(headers, rows), content_type="text/csv")
    batch = import_preview(actor=staf, kind="santripreneur", uploaded_file=upload)
    batch.refresh_from_db()
    sheet = _failed_sheet(as_persona("staf"), batch)
    titles = [cell.value for cell in sheet[1]]
    assert titles == ["Kesalahan", *headers]
    text = {titles[cell.column - 1] for cell in sheet[2] if cell.number_format == "@"}
    assert text == {"NIK", "No. HP", "NSPP pesantren"}
    nik = sheet.cell(row=2, column=titles.index("NIK") + 1)
    assert (nik.value, nik.data_type) == (rows[1][1], "s")
