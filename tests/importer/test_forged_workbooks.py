"""Issue 28, finding 1: a workbook whose `<dimension>` is forged to A1:M1 and whose every row ends in one empty
cell at column XFD. openpyxl's read-only reader padded each such row to 16 384 cells and the width check scanned
them (70 000 rows: two minutes of a worker). The reader now parses only the cells the XML holds, within a budget of
cells and of seconds; the work is measured here by cells parsed (Table.cells), never by wall-clock time."""

import tracemalloc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import translation

from opop.common.reader_language import shown
from opop.imports.engine import run_import
from opop.imports.models import ImportBatch
from opop.imports.reading import FileProblem, Limits, read_table
from opop.imports.registry import get_spec
from opop.jobs.models import Job
from opop.jobs.runner import run_job
from pesantren.models import Santripreneur
from programs.importers import KegiatanImport
from tests.importer.data import SANTRI_HEADERS, santri_rows, to_xlsx
from tests.importer.forged import count_reads, forged_workbook

ROWS = 70_000
PLAN_HEADERS = [column.header for column in KegiatanImport.columns]  # 13 columns: A to M
CELL_BUDGET = "terlalu banyak sel"
TIME_LIMIT = "terlalu lama dibaca"


@pytest.fixture(scope="module")
def forged_plan():
    return forged_workbook(PLAN_HEADERS, ROWS)


@pytest.fixture(scope="module")
def forged_santri():
    return forged_workbook(SANTRI_HEADERS, ROWS)


@pytest.fixture(autouse=True)
def in_indonesian():
    """The messages are checked as officers read them, whatever language an earlier test's request left active."""
    with translation.override("id"):
        yield


@pytest.fixture
def reads(monkeypatch):
    return count_reads(monkeypatch)


def test_the_forged_file_is_small_enough_to_pass_the_declared_size_checks(forged_plan):
    assert 100 * 1024 < len(forged_plan) < 350 * 1024  # as in the report: 100-350 KB


def test_the_forged_70_000_row_file_costs_one_cell_per_row_not_16_384(forged_plan):
    table = read_table(forged_plan, "forged.xlsx", Limits.from_settings())
    # Every cell the XML holds, once: the 13 titles and the one empty XFD cell of each row (the old reader made up
    # 16 383 more per row: 1.1 billion).
    assert table.cells == len(PLAN_HEADERS) + ROWS
    assert table.headers == PLAN_HEADERS and table.rows == []


def test_filled_rows_of_a_forged_file_are_read_as_written_and_no_wider(db):
    data = forged_workbook(SANTRI_HEADERS, 2_000, filled=["Santri", "3517000000000001", "L"])
    table = read_table(data, "forged.xlsx", Limits.from_settings())
    assert table.cells == len(SANTRI_HEADERS) + 2_000 * 4
    assert len(table.rows) == 2_000
    assert table.rows[0] == (2, ["Santri", "3517000000000001", "L"])  # the empty XFD cell neither read nor padded


def test_reading_the_forged_70_000_row_file_stays_within_20_mb(forged_plan):
    """Peak memory of the whole read (unzipping, parsing, the table) under tracemalloc: 20 MB is a generous bound
    (about 1 MB measured); a reader padding or keeping rows would need hundreds."""
    tracemalloc.start()
    try:
        read_table(forged_plan, "forged.xlsx", Limits.from_settings())
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20 * 1024 * 1024, f"peak {peak / 1024 / 1024:.1f} MB"


def test_a_file_over_the_cell_budget_is_refused_naming_the_budget(settings, forged_plan):
    settings.IMPORT_MAX_CELLS = 10_000
    with pytest.raises(FileProblem) as refused:
        read_table(forged_plan, "forged.xlsx", Limits.from_settings())
    message = str(refused.value)
    assert CELL_BUDGET in message and "batasnya 10.000 sel" in message and "tidak ada baris yang dibaca" in message


def test_the_cell_budget_covers_every_sheet_of_the_workbook_and_csv_fields(settings, db, pesantren_nspps):
    settings.IMPORT_MAX_CELLS = 100
    rows = santri_rows(20, pesantren_nspps)  # 9 x 21 = 189 cells
    for name, data in (("a.xlsx", to_xlsx(SANTRI_HEADERS, rows)), ("a.csv", _csv(rows))):
        result = run_import(get_spec("santripreneur"), data, name, actor=None, commit=False)
        assert CELL_BUDGET in result.file_errors[0] and not result.rows


def _csv(rows):
    from tests.importer.data import to_csv

    return to_csv(SANTRI_HEADERS, rows)


def test_a_read_past_its_time_limit_is_refused_naming_the_limit(settings, forged_plan):
    settings.IMPORT_READ_SECONDS = 0  # over as soon as it starts: no sleeping, no timing
    with pytest.raises(FileProblem) as refused:
        read_table(forged_plan, "forged.xlsx", Limits.from_settings())
    assert TIME_LIMIT in str(refused.value) and "tidak ada baris yang dibaca" in str(refused.value)


# ---------------------------------------------------------------- as a registry import: the web, the job, the CLI


def test_a_forged_registry_upload_is_stored_unread_and_its_job_reads_only_the_cells_present(
    settings, as_persona, private_media, forged_santri, reads
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}  # the job waits
    client = as_persona("staf")
    response = client.post("/impor/santripreneur/", {"file": SimpleUploadedFile("forged.xlsx", forged_santri)})
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/impor/batch/{batch.pk}/"
    assert reads == [] and batch.status == ImportBatch.Status.CHECKING  # the request parsed nothing
    job = Job.objects.get(batch=batch)
    assert run_job(job.pk) == Job.Status.DONE
    assert reads == [len(SANTRI_HEADERS) + ROWS]  # one read (the failed-rows file is cut from it), one cell a row
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.PREVIEWED
    assert [message for _row, _column, message in shown(batch.errors)] == ["Berkas tidak berisi baris data."]


def test_a_registry_file_over_the_cell_budget_is_refused_by_its_job_and_nothing_is_written(
    settings, as_persona, private_media, pesantren_nspps, reads
):
    settings.IMPORT_MAX_CELLS = 1_000
    data = to_xlsx(SANTRI_HEADERS, santri_rows(200, pesantren_nspps))  # valid rows, 9 x 201 cells
    client = as_persona("staf")
    client.post("/impor/santripreneur/", {"file": SimpleUploadedFile("banyak.xlsx", data)})
    batch = ImportBatch.objects.get()
    assert CELL_BUDGET in shown(batch.errors)[0][2] and "batasnya 1.000 sel" in shown(batch.errors)[0][2]
    assert client.post(f"/impor/batch/{batch.pk}/tulis/").status_code == 302  # refused: it has errors
    assert not Santripreneur.objects.exists()


def test_the_command_line_reads_the_forged_file_one_cell_a_row(tmp_path, db, forged_santri, reads, capsys):
    path = tmp_path / "forged.xlsx"
    path.write_bytes(forged_santri)
    with pytest.raises(CommandError):
        call_command("import_data", "santripreneur", str(path), "--dry-run")
    assert "Berkas tidak berisi baris data" in capsys.readouterr().err
    assert reads == [len(SANTRI_HEADERS) + ROWS]


def test_the_command_line_refuses_a_file_over_the_cell_budget_and_writes_nothing(
    settings, tmp_path, staf, pesantren_nspps, capsys
):
    settings.IMPORT_MAX_CELLS = 1_000
    path = tmp_path / "banyak.xlsx"
    path.write_bytes(to_xlsx(SANTRI_HEADERS, santri_rows(200, pesantren_nspps)))
    with pytest.raises(CommandError):
        call_command("import_data", "santripreneur", str(path), "--user", staf.username)
    assert CELL_BUDGET in capsys.readouterr().err
    assert not Santripreneur.objects.exists()
