"""Issue 16, "files as they really arrive": a workbook with one sheet per training batch. By default only the first
sheet is read and the others are named and offered on the preview, each with its data rows; the uploader ticks the
sheets to read into the same batch. A chosen sheet is read the way the first is (its own header, its own hidden rows
and totals), laid out in the first sheet's columns, and every row says which sheet it came from. A sheet whose
columns differ is refused by name and nothing of it is read."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook

from opop.common.reader_language import shown
from opop.imports.engine import run_import
from opop.imports.models import ImportBatch
from opop.imports.reading import Reading
from opop.imports.registry import get_spec
from opop.imports.services import import_preview, import_sheets
from pesantren.models import Santripreneur
from tests.access import LOGIN, assert_access
from tests.importer.data import SANTRI_HEADERS, nik, santri_rows, to_csv, values_read
from tests.importer.test_agency_layout import agency_workbook

# The second sheet's own shape: a title row, a blank row, the header in row 3 in another order and without "No".
SECOND_HEADERS = [
    "Nama lengkap",
    "NSPP pesantren",
    "NIK",
    "Jenis kelamin",
    "Tanggal lahir",
    "Bidang usaha",
    "Status",
    "Tahun terdaftar",
]


def workbook(nspps, *, second_nik=4, hide=False, headers=SECOND_HEADERS, third=False):
    """The agency list of test_agency_layout ("Angkatan I": Ahmad Fauzi in row 5, Siti Aminah in row 6) and a second
    sheet "Angkatan II": Budi Santoso in row 4, Dewi Lestari (NIK `second_nik`) in row 5, a row 6 hidden in Excel
    when `hide`, JUMLAH in row 7."""
    book = load_workbook(io.BytesIO(agency_workbook(nspps, second_sheet=False)))
    sheet = book.create_sheet("Angkatan II")
    sheet["A1"] = "PESERTA ANGKATAN II"
    people = [
        ["Budi Santoso", nspps[2], nik(3), "L", "01-01-2000", "Kuliner", "Aktif", "2023"],
        ["Dewi Lestari", nspps[0], nik(second_nik) if isinstance(second_nik, int) else second_nik, "P", "03-03-2001"]
        + ["Batik", "Aktif", "2023"],
        ["Eko Mundur", nspps[1], nik(9), "L", "04-04-1999", "Kuliner", "Aktif", "2023"],
    ]
    by_title = dict(zip(SECOND_HEADERS, zip(*people, strict=True), strict=True))
    for col, title in enumerate(headers, start=1):
        sheet.cell(row=3, column=col, value=title)
        for offset, value in enumerate(by_title.get(title, ("x", "x", "x"))):
            sheet.cell(row=4 + offset, column=col, value=value)
    if hide:
        sheet.row_dimensions[6].hidden = True
    else:
        sheet.delete_rows(6)
    sheet.cell(row=7, column=1, value="JUMLAH")
    if third:
        book.create_sheet("Catatan")["A1"] = "catatan panitia"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def batch(pesantren_nspps, private_media, staf):
    upload = SimpleUploadedFile("peserta.xlsx", workbook(pesantren_nspps))
    batch = import_preview(actor=staf, kind="santripreneur", uploaded_file=upload)
    batch.refresh_from_db()
    return batch


def _notices(batch):
    return [message for row, _column, message in shown(batch.warnings) if row == 0]


def _choose(client, batch, *sheets):
    response = client.post(f"/impor/batch/{batch.pk}/lembar/", {"lembar": list(sheets)})
    batch.refresh_from_db()
    return response


def test_by_default_only_the_first_sheet_is_read_and_the_others_are_offered(as_persona, batch):
    assert batch.counts["create"] == 2 and batch.row_count == 2
    assert batch.offers["sheets"] == [["Angkatan II", 2, ""]]  # Budi and Dewi; the JUMLAH row is not data
    others = [n for n in _notices(batch) if "Angkatan II" in n]
    assert len(others) == 1 and "(Angkatan I)" in others[0] and "centang lembarnya di pratinjau" in others[0]
    html = as_persona("staf").get(f"/impor/batch/{batch.pk}/").content.decode()
    assert 'id="lembar-lain"' in html and 'name="lembar" value="Angkatan II"' in html
    assert "“Angkatan II” (2 baris data): ikut diimpor ke batch ini" in html


def test_chosen_sheets_are_read_into_the_batch_and_written_in_one_commit(as_persona, batch, staf):
    client = as_persona("staf")
    assert _choose(client, batch, "Angkatan II").status_code == 302
    assert batch.status == ImportBatch.Status.PREVIEWED and batch.options["lembar"] == ["Angkatan II"]
    assert batch.counts["create"] == 4 and batch.row_count == 4 and not batch.errors
    notices = _notices(batch)
    assert any(
        n.startswith("Lembar yang dibaca ke batch ini, atas pilihan Anda: Angkatan I, Angkatan II") for n in notices
    )
    assert "Lembar “Angkatan II”: Baris 3 dibaca sebagai judul kolom." in notices
    assert "Lembar “Angkatan II”: Baris jumlah dilewati: baris 7." in notices
    html = client.get(f"/impor/batch/{batch.pk}/").content.decode()
    assert 'value="Angkatan II" id="lembar-0" checked' in html
    assert not Santripreneur.objects.exists()  # only checked

    assert client.post(f"/impor/batch/{batch.pk}/tulis/", {"ringkasan": "4-0-0-0"}).status_code == 302
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.COMMITTED
    people = {p.nama: p for p in Santripreneur.objects.all()}
    assert sorted(people) == ["Ahmad Fauzi", "Budi Santoso", "Dewi Lestari", "Siti Aminah"]
    # the second sheet's columns stand in another order: each value lands in its own field
    assert (people["Dewi Lestari"].nik, people["Dewi Lestari"].jenis_kelamin) == (nik(4), "P")


def test_the_preview_counts_confirmed_include_the_chosen_sheets(as_persona, batch):
    client = as_persona("staf")
    _choose(client, batch, "Angkatan II")
    response = client.post(f"/impor/batch/{batch.pk}/tulis/", {"ringkasan": "2-0-0-0"}, follow=True)
    assert "Pratinjau ini sudah diperiksa ulang sejak halaman dibuka" in response.content.decode()
    assert not Santripreneur.objects.exists()


def test_an_error_in_the_second_sheet_names_the_sheet_and_nothing_is_written(as_persona, batch, pesantren_nspps):
    client = as_persona("staf")
    bad = SimpleUploadedFile("peserta.xlsx", workbook(pesantren_nspps, second_nik="3.51701E+15"))
    batch = import_preview(actor=batch.uploaded_by, kind="santripreneur", uploaded_file=bad)
    batch.refresh_from_db()
    import_sheets(actor=batch.uploaded_by, batch=batch, sheets=["Angkatan II"])
    batch.refresh_from_db()
    assert [(row, column) for row, column, _m in batch.errors] == [("Angkatan II baris 5", "NIK")]
    html = client.get(f"/impor/batch/{batch.pk}/").content.decode()
    assert "Angkatan II baris 5" in html
    response = client.post(f"/impor/batch/{batch.pk}/tulis/", {"ringkasan": "3-0-0-1"}, follow=True)
    assert "masih punya baris tidak valid" in response.content.decode()
    assert not Santripreneur.objects.exists()

    # the failed-rows file says where the row is, and lays it out in the first sheet's columns
    failed = client.get(f"/impor/batch/{batch.pk}/baris-gagal.xlsx")
    rows = list(load_workbook(io.BytesIO(b"".join(failed.streaming_content))).active.iter_rows(values_only=True))
    assert rows[0][:4] == ("Kesalahan", "No", "Nama lengkap", "NIK")
    assert len(rows) == 2 and rows[1][0].startswith("Angkatan II baris 5 | NIK:") and rows[1][2] == "Dewi Lestari"


def test_a_person_in_both_sheets_is_named_at_the_sheet_row_first_seen(pesantren_nspps):
    data = workbook(pesantren_nspps, second_nik=1)  # Dewi carries Ahmad's NIK
    result = run_import(
        get_spec("santripreneur"),
        data,
        "peserta.xlsx",
        actor=None,
        commit=False,
        reading=Reading(sheets=("Angkatan II",)),
    )
    assert [row.number for row in result.rows][:2] == ["Angkatan I baris 5", "Angkatan I baris 6"]
    [(row, _column, message)] = result.error_list()
    assert row == "Angkatan II baris 5" and "sama dengan Angkatan I baris 5 di berkas ini" in message


def test_a_hidden_row_of_the_second_sheet_is_handled_there(pesantren_nspps):
    data = workbook(pesantren_nspps, hide=True)
    spec, chosen = get_spec("santripreneur"), ("Angkatan II",)
    skipped = run_import(spec, data, "p.xlsx", actor=None, commit=False, reading=Reading(sheets=chosen))
    assert len(skipped.rows) == 4 and skipped.counts["create"] == 4
    assert [row.values["nama"] for row in values_read(spec, data, "p.xlsx", Reading(sheets=chosen))] == [
        "Ahmad Fauzi",
        "Siti Aminah",
        "Budi Santoso",
        "Dewi Lestari",
    ]
    assert skipped.hidden_rows == [["Angkatan II baris 6", "Eko Mundur"]]
    assert any(
        n.startswith("Lembar “Angkatan II”: 1 baris tersembunyi di Excel tidak diimpor: baris 6.")
        for n in skipped.notices
    )
    read = run_import(spec, data, "p.xlsx", actor=None, commit=False, reading=Reading(hidden=True, sheets=chosen))
    assert read.counts["create"] == 5
    assert values_read(spec, data, "p.xlsx", Reading(hidden=True, sheets=chosen))[-1].values["nama"] == "Eko Mundur"


def test_a_sheet_with_other_columns_is_refused_by_name_and_nothing_is_written(as_persona, pesantren_nspps, staf):
    # The agency list's own second sheet has a Telepon column the first sheet has not.
    upload = SimpleUploadedFile("peserta.xlsx", agency_workbook(pesantren_nspps))
    batch = import_preview(actor=staf, kind="santripreneur", uploaded_file=upload)
    batch.refresh_from_db()
    [[name, rows, kept]] = batch.offers["sheets"]
    problem = shown(kept)  # as the preview writes it
    assert (name, rows) == ("Angkatan II", 1)
    assert problem.startswith("Lembar “Angkatan II” tidak diimpor: kolomnya tidak sama dengan lembar pertama")
    assert "ada kolom Telepon yang tidak ada di lembar pertama" in problem
    client = as_persona("staf")
    assert problem in client.get(f"/impor/batch/{batch.pk}/").content.decode()  # said before it is chosen

    _choose(client, batch, "Angkatan II")
    assert batch.errors == [[0, "", kept]] and batch.row_count == 2  # the first sheet's rows only
    assert client.post(f"/impor/batch/{batch.pk}/tulis/", {"ringkasan": "2-0-0-0"}).status_code == 302
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.PREVIEWED and not Santripreneur.objects.exists()

    _choose(client, batch, *[])  # un-ticked: the first sheet alone is writable again
    assert "lembar" not in batch.options and not batch.errors and batch.counts["create"] == 2


@pytest.mark.parametrize("sheets", [["Angkatan III"], ["Angkatan II", "Lembar Palsu"]])
def test_a_sheet_not_in_the_file_is_refused_and_nothing_changes(as_persona, batch, sheets):
    before = (batch.options, batch.counts, batch.status)
    response = as_persona("staf").post(f"/impor/batch/{batch.pk}/lembar/", {"lembar": sheets}, follow=True)
    assert "tidak ada di berkas ini; muat ulang halaman lalu pilih lagi." in response.content.decode()
    batch.refresh_from_db()
    assert (batch.options, batch.counts, batch.status) == before and batch.jobs.count() == 1


def test_a_written_batch_keeps_its_sheets(as_persona, batch):
    client = as_persona("staf")
    client.post(f"/impor/batch/{batch.pk}/tulis/", {"ringkasan": "2-0-0-0"})
    response = client.post(f"/impor/batch/{batch.pk}/lembar/", {"lembar": ["Angkatan II"]}, follow=True)
    assert "Batch ini sudah diproses sebelumnya." in response.content.decode()
    batch.refresh_from_db()
    assert "lembar" not in batch.options and Santripreneur.objects.count() == 2


def test_a_workbook_of_three_sheets_offers_both_others(pesantren_nspps):
    result = run_import(
        get_spec("santripreneur"), workbook(pesantren_nspps, third=True), "p.xlsx", actor=None, commit=False
    )
    assert [name for name, _rows, _problem in result.sheets] == ["Angkatan II", "Catatan"]
    partly = run_import(
        get_spec("santripreneur"),
        workbook(pesantren_nspps, third=True),
        "p.xlsx",
        actor=None,
        commit=False,
        reading=Reading(sheets=("Angkatan II",)),
    )
    assert partly.ok and partly.counts["create"] == 4
    assert "Lembar lain tidak diimpor: Catatan. Centang lembarnya di pratinjau bila harus ikut." in partly.notices


MATRIX = {"anonymous": LOGIN, "admin": 403, "staf": 302, "pimpinan": 404, "petugas_a": 404, "petugas_b": 404}


@pytest.mark.parametrize("persona", MATRIX)
def test_sheets_access(persona, as_persona, batch):
    response = as_persona(persona).post(f"/impor/batch/{batch.pk}/lembar/", {"lembar": ["Angkatan II"]})
    assert_access(response, MATRIX[persona])
    batch.refresh_from_db()
    assert ("lembar" in batch.options) == (MATRIX[persona] == 302)


def test_sheets_is_post_only(as_persona, batch):
    assert as_persona("staf").get(f"/impor/batch/{batch.pk}/lembar/").status_code == 405


def test_command_line_reads_the_sheets_named(tmp_path, pesantren_nspps, capsys, admin):
    path = tmp_path / "peserta.xlsx"
    path.write_bytes(workbook(pesantren_nspps))
    call_command("import_data", "santripreneur", str(path), "--dry-run")
    out = capsys.readouterr().out
    assert "2 baru" in out and "--lembar" in out  # the other sheet is named, with the flag that reads it
    call_command("import_data", "santripreneur", str(path), "--user", admin.username, "--lembar", "Angkatan II")
    assert "4 baru" in capsys.readouterr().out and Santripreneur.objects.count() == 4
    with pytest.raises(CommandError, match="Impor dibatalkan"):
        call_command("import_data", "santripreneur", str(path), "--dry-run", "--lembar", "Angkatan 3")
    assert "Lembar “Angkatan 3” tidak ada di berkas ini" in capsys.readouterr().err


def test_command_line_refuses_a_sheet_in_a_csv(tmp_path, pesantren_nspps, capsys):
    path = tmp_path / "peserta.csv"
    path.write_bytes(to_csv(["Nama lengkap", "NIK"], [["A", nik(1)]]))
    with pytest.raises(CommandError):
        call_command("import_data", "santripreneur", str(path), "--dry-run", "--lembar", "Angkatan II")
    assert "Lembar “Angkatan II” tidak ada di berkas ini" in capsys.readouterr().err


def test_command_line_background_keeps_the_choice(tmp_path, pesantren_nspps, staf, private_media):
    path = tmp_path / "peserta.xlsx"
    path.write_bytes(workbook(pesantren_nspps))
    call_command(
        "import_data",
        "santripreneur",
        str(path),
        "--user",
        staf.username,
        "--dry-run",
        "--background",
        "--lembar",
        "Angkatan II",
    )
    batch = ImportBatch.objects.get()
    assert batch.options == {"lembar": ["Angkatan II"]} and batch.counts["create"] == 4


def test_where_no_choice_is_offered_the_notices_say_how_to_change_the_file(pesantren_nspps):
    """A plan's own upload page reads without the preview's choices: its notices do not point to them."""
    spec, data = get_spec("santripreneur"), workbook(pesantren_nspps, hide=True)
    plain = run_import(spec, data, "p.xlsx", actor=None, commit=False).notices
    offered = run_import(spec, data, "p.xlsx", actor=None, commit=False, reading=Reading()).notices
    assert any("Pindahkan barisnya ke lembar pertama" in n for n in plain)
    assert not any("centang lembarnya" in n for n in plain)
    assert any("centang lembarnya di pratinjau (baris perintah: --lembar)" in n for n in offered)


def test_a_date_order_question_names_the_sheet_row_and_the_answer_keeps_the_sheets(as_persona, pesantren_nspps, staf):
    book = load_workbook(io.BytesIO(workbook(pesantren_nspps)))
    dates = [("Angkatan I", 5, "08/17/2004"), ("Angkatan I", 6, "02/02/2003"), ("Angkatan II", 4, "01/25/2000")]
    for sheet, row, written in dates:  # the birth date column: E in both sheets
        book[sheet].cell(row=row, column=5, value=written)
    buffer = io.BytesIO()
    book.save(buffer)
    batch = import_preview(
        actor=staf, kind="santripreneur", uploaded_file=SimpleUploadedFile("p.xlsx", buffer.getvalue())
    )
    batch.refresh_from_db()
    client = as_persona("staf")
    _choose(client, batch, "Angkatan II")
    assert batch.date_order_asked
    [question] = [message for row, _column, message in shown(batch.errors) if row == 0]
    assert "tanggal seperti di Angkatan I baris 5, Angkatan II baris 4 hanya masuk akal" in question
    client.post(f"/impor/batch/{batch.pk}/urutan-tanggal/", {"urutan": "mdy"})
    batch.refresh_from_db()
    assert not batch.errors and batch.counts["create"] == 4 and batch.options["lembar"] == ["Angkatan II"]


def test_an_empty_sheet_is_offered_as_empty(pesantren_nspps):
    book = load_workbook(io.BytesIO(workbook(pesantren_nspps)))
    book.create_sheet("Sheet3")  # the blank sheet Excel adds
    buffer = io.BytesIO()
    book.save(buffer)
    spec, data = get_spec("santripreneur"), buffer.getvalue()
    result = run_import(spec, data, "p.xlsx", actor=None, commit=False, reading=Reading())
    assert result.sheets[1] == ["Sheet3", 0, "Lembar “Sheet3” kosong; tidak ada yang dibaca."]
    chosen = run_import(spec, data, "p.xlsx", actor=None, commit=False, reading=Reading(sheets=("Sheet3",)))
    assert chosen.file_errors == ["Lembar “Sheet3” kosong; tidak ada yang dibaca."]


def test_sheets_beyond_the_row_cap_together_are_refused_by_name(pesantren_nspps, settings):
    book = Workbook()
    for title, start in (("Angkatan I", 0), ("Angkatan II", 6)):
        sheet = book.active if start == 0 else book.create_sheet(title)
        sheet.title = title
        sheet.append(SANTRI_HEADERS)
        for row in santri_rows(6, pesantren_nspps, start=start):
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    settings.IMPORT_MAX_ROWS = 10  # each sheet's 6 rows fit; both sheets' 12 do not
    reading = Reading(sheets=("Angkatan II",))
    result = run_import(
        get_spec("santripreneur"), buffer.getvalue(), "p.xlsx", actor=None, commit=False, reading=reading
    )
    [problem] = result.file_errors
    assert problem.startswith("Lembar “Angkatan II” tidak dibaca: bersama lembar sebelumnya barisnya melewati batas 10")
    assert result.sheets == [["Angkatan II", 6, ""]] and len(result.rows) == 6  # the choice can still be undone
