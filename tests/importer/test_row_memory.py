"""A checked row keeps only what the preview, the batch and the write read (issue 32: a 250 000-row check held
951 MB, every row's cells, parsed values and unsaved record to the end). What a row lets go of, and what it keeps."""

import datetime
import io

from openpyxl import Workbook

from opop.imports import engine
from opop.imports.engine import PARSE_CACHE, run_import, streams
from opop.imports.models import ImportBatch
from opop.imports.registry import get_spec
from pesantren.models import Santripreneur
from tests.importer.data import SANTRI_HEADERS, nik, santri, santri_rows, to_csv


def _check(data, name="santri.csv", *, commit=False, actor=None):
    return run_import(get_spec("santripreneur"), data, name, actor=actor, commit=commit)


def test_a_dry_run_keeps_the_cells_of_the_failed_row_only_and_no_new_record(pesantren_nspps):
    rows = santri_rows(3, pesantren_nspps)
    rows[1][3] = "31-02-2004"  # no such date
    result = _check(to_csv(SANTRI_HEADERS, rows))
    valid, failed = [result.rows[0], result.rows[2]], result.rows[1]
    assert [row.action for row in valid] == ["create", "create"] and result.counts["create"] == 2
    assert all(row.raw is None and row.values is None and row.instance is None for row in valid)
    assert all(row.errors == row.warnings == row.kept == () for row in valid)  # no empty list per row
    assert failed.cells == rows[1] and failed.errors  # as read, for the failed-rows file


def test_a_dry_run_keeps_the_record_of_an_update_for_the_preview(pesantren_nspps, admin):
    first = santri("Ahmad Fauzi", nik(1), "L", "17-08-2004", pesantren_nspps[0])
    assert _check(to_csv(SANTRI_HEADERS, [first]), commit=True, actor=admin).committed
    moved = santri("Ahmad Fauzi", nik(1), "L", "17-08-2004", pesantren_nspps[1])
    result = _check(to_csv(SANTRI_HEADERS, [moved]), actor=admin)
    [row] = result.rows
    assert row.action == "update" and row.instance.pk == Santripreneur.objects.get().pk
    assert [label for label, _old, _new in row.changes] == ["Pesantren"]


def test_the_write_keeps_each_new_record_until_it_is_written(pesantren_nspps, admin, staf):
    result = _check(to_csv(SANTRI_HEADERS, santri_rows(3, pesantren_nspps)), commit=True, actor=admin)
    assert result.committed and all(row.instance.pk for row in result.rows)  # checked first, then written
    batch = ImportBatch.objects.create(kind="santripreneur", original_name="s.csv", uploaded_by=staf)
    streamed = run_import(
        get_spec("santripreneur"),
        to_csv(SANTRI_HEADERS, santri_rows(3, pesantren_nspps, start=3)),
        "s.csv",
        actor=staf,
        commit=True,
        batch=batch,
    )
    assert streamed.committed and Santripreneur.objects.count() == 6
    # Stored while checked (PostgreSQL): a record goes once it is in the COPY.
    assert all((row.instance is None) == streams(get_spec("santripreneur"), batch) for row in streamed.rows)


def test_an_xlsx_row_that_fails_keeps_its_typed_cells(pesantren_nspps):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(SANTRI_HEADERS)
    sheet.append(["Siti Aminah", nik(2), "P", datetime.datetime(2003, 2, 2), "", "9" * 17, "Kuliner", "Aktif", 2023])
    path = io.BytesIO()
    workbook.save(path)
    [row] = _check(path.getvalue(), "santri.xlsx").rows
    assert row.errors and row.cells[3] == datetime.datetime(2003, 2, 2) and row.cells[8] == 2023


def test_a_column_of_distinct_values_past_the_parse_cache_is_parsed_as_before(pesantren_nspps, monkeypatch):
    monkeypatch.setattr(engine, "PARSE_CACHE", 2)  # names and NIKs stop being remembered after two
    assert PARSE_CACHE >= 1000  # statuses, years and pesantren of a real file stay remembered
    rows = santri_rows(6, pesantren_nspps)
    rows[5][1] = rows[4][1]  # the same NIK twice: still found after the cache stopped
    result = _check(to_csv(SANTRI_HEADERS, rows))
    assert result.counts == {"create": 5, "update": 0, "unchanged": 0, "invalid": 1}
    assert "sama dengan baris 6" in result.rows[5].errors[0][1]
