"""The quarterly split of a plan line's target travels in the plan's files (issue 27): the export writes "Target TW I"
… "Target TW IV", an upload reads them (an agency's "Target Triwulan II" too). Cells left blank or columns left out
keep a line's split on record (a new line is split evenly, as on the form); a split that does not add up, or names a
quarter the line is not held in, is refused naming the row and nothing is written."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from opop.common.reader_language import shown
from opop.imports.models import ImportBatch
from opop.wilayah.models import KabupatenKota
from programs import services
from tests.programs.agency_plan import TITLES
from tests.programs.factories import line_data

UPLOAD = "/impor/plan_lines/"
SPLIT_TITLES = ["Target Triwulan I", "Target Triwulan II", "Target Triwulan III", "Target Triwulan IV"]


def _agency_file(target, split, quarters="TW III - TW IV", titles=SPLIT_TITLES):
    """One line of an agency's plan sheet with its target per quarter after the yearly target."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["RENCANA KEGIATAN OPOP DINAS KOMINFO TAHUN 2025"])
    at = TITLES.index("Target") + 1
    sheet.append([*TITLES[:at], *titles, *TITLES[at:]])
    line = ["1", "", "Pelatihan Digital Marketing Santri", "Santri terlatih", target]
    tail = ["orang", "Kota Surabaya", quarters, "APBD", 120_000_000, "Budi Santoso", "Santripreneur", "Santripreneur"]
    sheet.append([*line, *(split if titles else []), *tail])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _upload(client, rencana, data, name="rencana-dinas.xlsx"):
    response = client.post(UPLOAD, {"rencana": rencana.pk, "file": SimpleUploadedFile(name, data)})
    assert response.status_code == 302
    batch = ImportBatch.objects.filter(kind="plan_lines").latest("pk")
    return batch, client.get(response["Location"]).content.decode()


def _write(client, batch):
    assert client.post(f"/impor/batch/{batch.pk}/tulis/").status_code == 302
    batch.refresh_from_db()
    return batch


def _counts(batch):
    batch.refresh_from_db()
    return {action: n for action, n in batch.counts.items() if n}


@pytest.fixture
def empty_2025(petugas_a, opd_a):
    return services.rencana_create(actor=petugas_a, opd=opd_a, tahun=2025)


def test_the_officers_own_split_is_written_as_given(as_persona, empty_2025):
    client = as_persona("petugas_a")
    batch, _html = _upload(client, empty_2025, _agency_file(120, [None, None, 50, 70]))
    assert _counts(batch) == {"create": 1}
    assert _write(client, batch).status == ImportBatch.Status.COMMITTED
    line = empty_2025.kegiatan.get()
    assert (line.target_split, line.target_dibagi_rata, line.triwulan) == ((0, 0, 50, 70), False, "34")
    assert line.target_sampai(3) == 50  # the target to date the reports are judged against


def test_blank_quarter_cells_split_a_new_line_evenly(as_persona, empty_2025):
    client = as_persona("petugas_a")
    batch, _html = _upload(client, empty_2025, _agency_file(121, [None, None, None, None]))
    _write(client, batch)
    line = empty_2025.kegiatan.get()
    assert (line.target_split, line.target_dibagi_rata) == ((0, 0, 60, 61), True)


@pytest.mark.parametrize(
    ("split", "message"),
    [
        ([None, None, 50, 60], "Jumlah target per triwulan 110 tidak sama dengan target tahunan 120"),
        ([20, None, 40, 60], "TW I tidak termasuk triwulan pelaksanaan"),
        ([None, None, "lima puluh", 70], "Harus bilangan bulat"),
    ],
)
def test_a_split_that_cannot_hold_is_refused_naming_the_row_and_nothing_is_written(
    split, message, as_persona, empty_2025
):
    client = as_persona("petugas_a")
    batch, html = _upload(client, empty_2025, _agency_file(120, split))
    assert _counts(batch) == {"invalid": 1}
    assert message in html
    client.post(f"/impor/batch/{batch.pk}/tulis/")
    assert empty_2025.kegiatan.count() == 0


@pytest.fixture
def own_split(empty_2025, petugas_a):
    """A line of 2025 whose officer set its quarters by hand: 120 = 30 in TW III + 90 in TW IV."""
    data = line_data(
        kode_sipd="",
        level_sipd="",
        uraian="Pelatihan Digital Marketing Santri",
        indikator_kinerja="Santri terlatih",
        target=120,
        triwulan="34",
        pagu=120_000_000,
        sumber_dana="apbd",
        pptk="Budi Santoso",
        lokasi=list(KabupatenKota.objects.filter(kode="35.78")),
    )
    data.update(target_tw3=30, target_tw4=90, target_dibagi_rata=False)
    return services.kegiatan_create(actor=petugas_a, rencana=empty_2025, data=data)


def test_a_file_without_quarter_columns_keeps_the_officers_split(as_persona, empty_2025, own_split):
    client = as_persona("petugas_a")
    batch, _html = _upload(client, empty_2025, _agency_file(120, [], titles=[]))
    assert _counts(batch) == {"unchanged": 1}, batch.changes
    _write(client, batch)
    own_split.refresh_from_db()
    assert (own_split.target_split, own_split.target_dibagi_rata) == ((0, 0, 30, 90), False)


def test_a_changed_target_over_the_officers_split_asks_for_the_quarters(as_persona, empty_2025, own_split):
    client = as_persona("petugas_a")
    batch, html = _upload(client, empty_2025, _agency_file(150, [], titles=[]))
    assert _counts(batch) == {"invalid": 1}
    assert "punya target per triwulan sendiri (0 + 0 + 30 + 90)" in html
    own_split.refresh_from_db()
    assert (own_split.target, own_split.target_split) == (120, (0, 0, 30, 90))


def test_the_plans_export_with_an_own_split_uploads_back_unchanged(as_persona, empty_2025, own_split):
    client = as_persona("petugas_a")
    exported = client.get(f"/program/{empty_2025.pk}/ekspor.xlsx").content
    sheet = load_workbook(io.BytesIO(exported)).worksheets[0]
    assert [cell.value for cell in sheet[2]][5:10] == [120, 0, 0, 30, 90]
    batch, _html = _upload(client, empty_2025, exported, name="rencana.xlsx")
    assert _counts(batch) == {"unchanged": 1}


def test_a_corrected_quarter_in_the_export_changes_that_split_and_says_so(as_persona, empty_2025, own_split):
    client = as_persona("petugas_a")
    workbook = load_workbook(io.BytesIO(client.get(f"/program/{empty_2025.pk}/ekspor.xlsx").content))
    sheet = workbook.worksheets[0]
    sheet["I2"], sheet["J2"] = 60, 60  # Target TW III and TW IV
    buffer = io.BytesIO()
    workbook.save(buffer)
    batch, _html = _upload(client, empty_2025, buffer.getvalue(), name="rencana.xlsx")
    ((_row, _name, fields, _url),) = shown(batch.changes)
    assert fields == [["Target TW III", "30", "60"], ["Target TW IV", "90", "60"]]
    _write(client, batch)
    own_split.refresh_from_db()
    assert (own_split.target_split, own_split.target_dibagi_rata) == ((0, 0, 60, 60), True)
