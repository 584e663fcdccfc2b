"""Issue 16, the column mapping: proposed from titles and values, shown on the preview, changed by the officer (the
file is checked again, read that way), remembered for that user and file shape, applied to the next file of the same
shape; the command line takes a mapping file. Nothing is mapped silently: how each column was read is shown."""

import datetime
import json
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from opop.common.reader_language import shown
from opop.imports.engine import run_import
from opop.imports.layout import locate
from opop.imports.models import ImportBatch, ImportMapping
from opop.imports.registry import get_spec
from opop.imports.services import import_preview
from pesantren.models import Santripreneur
from tests.access import LOGIN, assert_access
from tests.importer.data import agency_xlsx, nik

# An agency list whose name column is titled in a way no synonym covers, with a NIK column titled "No. Identitas"
# and a phone column titled "Kontak": only the values can tell those two.
HEADERS = ["No", "Peserta Pelatihan", "No. Identitas", "L/P", "Tgl Lahir", "Kontak", "NSPP", "Tahun"]


def _rows(nspps, count=4):
    return [
        [i + 1, f"Peserta Nomor {i + 1}", nik(i + 1), "L", datetime.date(2003, 1, 1 + i), f"0812345678{i:02d}"]
        + [nspps[i % len(nspps)], 2023]
        for i in range(count)
    ]


def _file(nspps, name="peserta.xlsx", count=4):
    return SimpleUploadedFile(name, agency_xlsx(HEADERS, _rows(nspps, count)))


def _read(batch):
    batch.refresh_from_db()
    return {title: (key, how) for title, key, how in batch.columns_read}


def _choose(batch, **by_title):
    """The preview's mapping form as the officer posts it, with `by_title` changed."""
    batch.refresh_from_db()
    data = {}
    for n, (title, key, _how) in enumerate(batch.columns_read):
        data[f"kolom-{n}"] = by_title.get(title, key)
    return data


@pytest.fixture
def batch(pesantren_nspps, private_media, staf):
    return import_preview(actor=staf, kind="santripreneur", uploaded_file=_file(pesantren_nspps))


def test_titles_and_values_propose_the_mapping_and_say_how(batch):
    read = _read(batch)
    assert read["No. Identitas"] == ("nik", "isi") and read["Kontak"] == ("telepon", "isi")
    assert read["L/P"] == ("jenis_kelamin", "sinonim") and read["NSPP"] == ("nspp_pesantren", "sinonim")
    assert read["Peserta Pelatihan"] == ("", "")  # no title or value says it is the name: not guessed
    notices = [m for row, _c, m in shown(batch.warnings) if row == 0]
    assert "Kolom “No. Identitas” dikenali dari isinya sebagai NIK; ubah di pemetaan kolom bila keliru." in notices
    assert batch.errors and "Kolom wajib tidak ada di baris judul: Nama" in shown(batch.errors)[0][2]
    assert not Santripreneur.objects.exists()


def test_the_preview_shows_the_mapping_as_a_form(as_persona, batch):
    html = as_persona("staf").get(f"/impor/batch/{batch.pk}/").content.decode()
    assert 'id="pemetaan-kolom"' in html and "Periksa ulang dengan pemetaan ini" in html
    assert "dikenali dari isinya" in html and "— tidak diimpor —" in html


def test_the_officer_maps_a_column_the_file_is_checked_again_and_the_mapping_remembered(as_persona, batch, staf):
    client = as_persona("staf")
    response = client.post(f"/impor/batch/{batch.pk}/pemetaan/", _choose(batch, **{"Peserta Pelatihan": "nama"}))
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.PREVIEWED and not batch.errors
    assert batch.counts["create"] == 4
    assert _read(batch)["Peserta Pelatihan"] == ("nama", "dipilih")
    # the columns the officer left alone still say how they were recognised (a re-check reads them all "chosen")
    assert _read(batch)["No. Identitas"] == ("nik", "isi") and _read(batch)["L/P"] == ("jenis_kelamin", "sinonim")
    assert ImportMapping.objects.filter(user=staf, kind="santripreneur").count() == 1
    assert not Santripreneur.objects.exists()  # only checked

    # written as previewed: names from the chosen column, NIKs and phones from the columns recognised by value
    client.post(f"/impor/batch/{batch.pk}/tulis/", {"ringkasan": "4-0-0-0"})
    person = Santripreneur.objects.get(nama="Peserta Nomor 1")
    assert (person.nik, person.telepon) == (nik(1), "081234567800")


def test_another_re_check_keeps_how_each_column_was_recognised(as_persona, batch, staf):
    """Answering the date question (or picking sheets or a pesantren) reads the file again with the batch's
    mapping; the preview must not then claim the officer chose every column."""
    before = _read(batch)
    as_persona("staf").post(f"/impor/batch/{batch.pk}/urutan-tanggal/", {"urutan": "dmy"})
    batch.refresh_from_db()
    assert batch.date_order == "dmy" and batch.status == ImportBatch.Status.PREVIEWED
    assert _read(batch) == before


def test_a_second_file_of_the_same_shape_reuses_the_mapping(as_persona, batch, staf, pesantren_nspps):
    as_persona("staf").post(f"/impor/batch/{batch.pk}/pemetaan/", _choose(batch, **{"Peserta Pelatihan": "nama"}))
    second = import_preview(actor=staf, kind="santripreneur", uploaded_file=_file(pesantren_nspps, "tw2.xlsx", 6))
    second.refresh_from_db()
    assert not second.errors and second.counts["create"] == 6
    assert _read(second)["Peserta Pelatihan"] == ("nama", "tersimpan")
    notices = [m for row, _c, m in shown(second.warnings) if row == 0]
    assert any("Pemetaan kolom yang Anda konfirmasi untuk berkas berbentuk sama dipakai lagi" in m for m in notices)


def test_a_remembered_mapping_is_the_users_own(as_persona, batch, staf, admin, pesantren_nspps):
    as_persona("staf").post(f"/impor/batch/{batch.pk}/pemetaan/", _choose(batch, **{"Peserta Pelatihan": "nama"}))
    theirs = import_preview(actor=admin, kind="santripreneur", uploaded_file=_file(pesantren_nspps, "lain.xlsx"))
    theirs.refresh_from_db()
    assert theirs.errors and _read(theirs)["Peserta Pelatihan"] == ("", "")


def test_a_column_chosen_not_to_be_imported_is_left_out(as_persona, batch):
    client = as_persona("staf")
    client.post(f"/impor/batch/{batch.pk}/pemetaan/", _choose(batch, **{"Peserta Pelatihan": "nama", "Kontak": ""}))
    batch.refresh_from_db()
    client.post(f"/impor/batch/{batch.pk}/tulis/", {"ringkasan": "4-0-0-0"})
    assert set(Santripreneur.objects.values_list("telepon", flat=True)) == {""}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"Peserta Pelatihan": "nik"}, "Satu field hanya boleh dari satu kolom: NIK dipilih lebih dari sekali."),
        ({"Peserta Pelatihan": "gaji"}, "Pemetaan kolom tidak sesuai dengan berkas ini"),
    ],
)
def test_a_wrong_mapping_is_refused_and_nothing_changes(as_persona, batch, change, message):
    batch.refresh_from_db()
    before = batch.columns_read
    response = as_persona("staf").post(f"/impor/batch/{batch.pk}/pemetaan/", _choose(batch, **change), follow=True)
    assert message in response.content.decode()
    batch.refresh_from_db()
    assert batch.columns_read == before and not ImportMapping.objects.exists()


MATRIX = {"anonymous": LOGIN, "admin": 403, "staf": 302, "pimpinan": 404, "petugas_a": 404, "petugas_b": 404}


@pytest.mark.parametrize("persona", MATRIX)
def test_mapping_access(persona, as_persona, batch):
    data = _choose(batch, **{"Peserta Pelatihan": "nama"})
    response = as_persona(persona).post(f"/impor/batch/{batch.pk}/pemetaan/", data)
    assert_access(response, MATRIX[persona])
    assert ImportMapping.objects.exists() == (MATRIX[persona] == 302)


def test_mapping_is_post_only(as_persona, batch):
    assert as_persona("staf").get(f"/impor/batch/{batch.pk}/pemetaan/").status_code == 405


def test_command_line_takes_a_mapping_file(tmp_path, pesantren_nspps, capsys):
    data = tmp_path / "peserta.xlsx"
    data.write_bytes(agency_xlsx(HEADERS, _rows(pesantren_nspps)))
    mapping = tmp_path / "pemetaan.json"
    mapping.write_text(json.dumps({"Peserta Pelatihan": "nama", "Kontak": ""}))
    call_command("import_data", "santripreneur", str(data), "--dry-run", "--pemetaan", str(mapping))
    out = capsys.readouterr().out
    assert "4 baru" in out and "kolom “Peserta Pelatihan” → nama" in out and "kolom “Kontak” → (tidak diimpor)" in out
    mapping.write_text(json.dumps({"Peserta Pelatihan": "gaji"}))
    with pytest.raises(CommandError, match="Nama field tidak dikenal di berkas pemetaan: gaji"):
        call_command("import_data", "santripreneur", str(data), "--dry-run", "--pemetaan", str(mapping))


def test_value_detection_needs_one_clear_column(pesantren_nspps):
    # two columns of 16-digit numbers: neither is taken for the NIK
    headers = ["Nama", "Nomor A", "Nomor B", "NSPP", "Tahun"]
    rows = [[f"Orang {i}", nik(i), nik(i + 50), pesantren_nspps[0], 2023] for i in range(1, 5)]
    result = run_import(get_spec("santripreneur"), agency_xlsx(headers, rows), "x.xlsx", actor=None, commit=False)
    read = {title: key for title, key, _how in result.columns_read}
    assert read["Nomor A"] == "" and read["Nomor B"] == ""


MADRASAH = ["NO", "NSPP", "NAMA LEMBAGA", "STATUS", "KAB/KOTA", "KECAMATAN"]


def test_a_status_column_of_other_statuses_is_not_imported_and_said_so(pesantren_nspps, staf):
    """Observation 8: a Kemenag/madrasah list titles SWASTA/NEGERI "STATUS". The title alone does not decide: the
    values are not the portal's Aktif/Tidak aktif, so the column is not imported (every row would otherwise be
    refused, or worse, a status bent), the preview names it, and a stored status stays as it was."""
    from pesantren.models import Pesantren, StatusAktif

    Pesantren.objects.filter(nspp=pesantren_nspps[0]).update(status=StatusAktif.TIDAK_AKTIF)
    rows = [
        [1, pesantren_nspps[0], "PP Uji 0", "SWASTA", "JOMBANG", "DIWEK"],
        [2, "510035170777", "PP AL-HIKMAH", "SWASTA", "JOMBANG", "DIWEK"],
        [3, "510035170778", "PP DARUL FALAH", "NEGERI", "JOMBANG", "DIWEK"],
        [4, "510035170779", "PP NURUL HUDA", "-", "JOMBANG", "DIWEK"],
    ]
    data = agency_xlsx(MADRASAH, rows, title="DATA LEMBAGA PENDIDIKAN KEAGAMAAN KAB. JOMBANG")
    result = run_import(get_spec("pesantren"), data, "lembaga.xlsx", actor=staf, commit=True)
    assert result.committed, result.error_list()
    assert ["STATUS", "", "isi-lain"] in result.columns_read
    assert (
        "Kolom “STATUS” tidak diimpor: isinya (SWASTA, NEGERI) bukan status di portal ini. Bila keliru, pilih "
        "field-nya di pemetaan kolom."
    ) in result.notices
    assert "2 kolom tidak diimpor (tidak dipetakan ke field mana pun): NO, STATUS." in result.notices
    statuses = dict(Pesantren.objects.filter(nspp__startswith="51003517").values_list("nspp", "status"))
    assert statuses[pesantren_nspps[0]] == StatusAktif.TIDAK_AKTIF  # not bent, not erased
    assert {statuses[n] for n in ("510035170777", "510035170778", "510035170779")} == {StatusAktif.AKTIF}
    # the officer's own mapping is the decision: STATUS chosen as the status, its values are refused row by row
    chosen = run_import(
        get_spec("pesantren"), data, "lembaga.xlsx", actor=staf, commit=False, mapping={"status": "status"}
    )
    assert ["STATUS", "status", "dipilih"] in chosen.columns_read
    assert [(n, c) for n, c, _m in chosen.error_list()] == [(4, "Status"), (5, "Status"), (6, "Status")]


def test_a_status_column_of_the_portals_statuses_is_still_read(pesantren_nspps):
    from pesantren.models import Pesantren, StatusAktif

    rows = [
        [1, pesantren_nspps[0], "PP Uji 0", "Tidak aktif", "JOMBANG", "DIWEK"],
        [2, pesantren_nspps[1], "PP Uji 1", "AKTIF", "JOMBANG", "DIWEK"],
        [3, pesantren_nspps[2], "PP Uji 2", "aktf", "JOMBANG", "DIWEK"],  # a typo among statuses: refused, not lost
    ]
    data = agency_xlsx(MADRASAH, rows, title="DATA PONDOK PESANTREN KAB. JOMBANG")
    result = run_import(get_spec("pesantren"), data, "lembaga.xlsx", actor=None, commit=True)
    assert ["STATUS", "status", "judul"] in result.columns_read
    assert [(n, c) for n, c, _m in result.error_list()] == [(6, "Status")] and not result.committed
    fixed = agency_xlsx(MADRASAH, rows[:2], title="DATA PONDOK PESANTREN KAB. JOMBANG")
    assert run_import(get_spec("pesantren"), fixed, "lembaga.xlsx", actor=None, commit=True).committed
    assert Pesantren.objects.get(nspp=pesantren_nspps[0]).status == StatusAktif.TIDAK_AKTIF


def test_mapping_detection_on_a_50000_row_sheet_is_under_a_second(pesantren_nspps):
    spec = get_spec("santripreneur")
    rows = [(n + 2, r) for n, r in enumerate(_rows(pesantren_nspps, 1) * 50_000)]
    started = time.perf_counter()
    found = locate(spec.columns, HEADERS, rows)
    elapsed = time.perf_counter() - started
    assert {title: key for title, key, _how in found.read}["No. Identitas"] == "nik"
    assert len(found.rows) == 50_000
    print(f"mapping detection, 50 000 rows: {elapsed * 1000:.0f} ms")


# ---------------------------------------------------------------- picking the pesantren of an ambiguous name

NAMED = ["No", "Nama Lengkap", "NIK", "L/P", "Tanggal lahir", "Asal Pondok Pesantren", "Tahun"]


@pytest.fixture
def ambiguous(db, private_media, staf):
    from pesantren import services
    from pesantren.models import Pesantren

    for nspp, nama, kk in (("510035170303", "PP Darul Ulum", "35.17"), ("510035070101", "Ponpes Darul Ulum", "35.07")):
        services.pesantren_save(actor=None, pesantren=Pesantren(kabkota_id=kk), nspp=nspp, nama=nama)
    rows = [[1, "Siti Aminah", nik(7), "P", "02-02-2003", "Darul Ulum", 2023]]
    upload = SimpleUploadedFile("daftar.xlsx", agency_xlsx(NAMED, rows))
    batch = import_preview(actor=staf, kind="santripreneur", uploaded_file=upload)
    batch.refresh_from_db()
    return batch


def test_the_officer_picks_the_pesantren_of_an_ambiguous_name_on_the_preview(as_persona, ambiguous):
    client = as_persona("staf")
    html = client.get(f"/impor/batch/{ambiguous.pk}/").content.decode()
    assert 'id="pilih-pesantren"' in html and "Ponpes Darul Ulum — Kabupaten Malang" in html
    assert ambiguous.errors
    assert client.post(f"/impor/batch/{ambiguous.pk}/pilih-pesantren/", {"pilih-0": "510035070101"}).status_code == 302
    ambiguous.refresh_from_db()
    assert not ambiguous.errors and ambiguous.counts["create"] == 1 and not ambiguous.questions
    client.post(f"/impor/batch/{ambiguous.pk}/tulis/", {"ringkasan": "1-0-0-0"})
    assert Santripreneur.objects.get(nama="Siti Aminah").pesantren.nspp == "510035070101"


def test_a_pick_outside_the_candidates_is_refused(as_persona, ambiguous):
    response = as_persona("staf").post(
        f"/impor/batch/{ambiguous.pk}/pilih-pesantren/", {"pilih-0": "510035179999"}, follow=True
    )
    assert "Pilihan pesantren tidak sesuai dengan pratinjau ini" in response.content.decode()
    ambiguous.refresh_from_db()
    assert "pesantren_dipilih" not in ambiguous.options


CHOOSE_MATRIX = {"anonymous": LOGIN, "admin": 403, "staf": 302, "pimpinan": 404, "petugas_a": 404, "petugas_b": 404}


@pytest.mark.parametrize("persona", CHOOSE_MATRIX)
def test_choose_access(persona, as_persona, ambiguous):
    response = as_persona(persona).post(f"/impor/batch/{ambiguous.pk}/pilih-pesantren/", {"pilih-0": "510035070101"})
    assert_access(response, CHOOSE_MATRIX[persona])
    ambiguous.refresh_from_db()
    assert ("pesantren_dipilih" in ambiguous.options) == (CHOOSE_MATRIX[persona] == 302)
