import io

import pytest
from openpyxl import load_workbook

from programs.models import KategoriKendala, Realisasi
from tests.access import LOGIN, assert_access
from tests.programs.recap_reading import check_sheet

MATRIX = {"anonymous": LOGIN, "admin": 200, "staf": 200, "pimpinan": 200, "petugas_a": 200, "petugas_b": 200}


@pytest.mark.parametrize("persona", MATRIX)
def test_recap_xlsx_access(persona, as_persona, db):
    assert_access(as_persona(persona).get("/program/rekap-fgd.xlsx?tahun=2024"), MATRIX[persona])


def _sheets(client, url="/program/rekap-fgd.xlsx?tahun=2024"):
    response = client.get(url)
    assert 'filename="rekap-fgd-opop-2024.xlsx"' in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in book.worksheets}


def test_recap_xlsx_numbers_equal_the_hand_count(as_persona, fgd_data):
    rows = _sheets(as_persona("staf"))["Rekap FGD 2024"]
    assert rows[0] == [
        "Pilar",
        "Indikator OPOP",
        "OPD",
        "Status rencana 2024",
        "Satuan",
        "Kegiatan 2024",
        "Target 2024",
        "Pagu 2024 (Rp)",
        "Kegiatan 2023",
        "Target tahunan 2023",
        "Target s.d. TW IV 2023",
        "Keadaan 2023",
        "Realisasi s.d. TW IV 2023",
        "Capaian thd target s.d. TW IV (%)",
        "Capaian thd target tahunan (%)",
        "Pagu 2023 (Rp)",
        "Terserap 2023 (Rp)",
        "Serapan 2023 (%)",
        "Anggaran kas s.d. TW IV 2023 (Rp)",
        "Serapan thd anggaran kas s.d. TW IV (%)",
    ]
    kominfo = next(r for r in rows if r[1] == "Santripreneur" and r[2] == "Dinas Kominfo")
    assert kominfo[3:] == [
        "Draf",
        "orang",
        1,
        120,
        180_000_000,
        1,
        100,
        100,
        "Dinilai",
        70,
        70,
        70,
        150_000_000,
        100_000_000,
        66.67,
        150_000_000,  # judged at TW IV: the anggaran kas due is the whole pagu
        66.67,
    ]
    dindik = next(r for r in rows if r[1] == "Santripreneur" and r[2] == "Dinas Pendidikan")
    assert dindik[11:] == ["Belum melapor TW IV", None, None, None, 300_000_000, None, None, 300_000_000, None]
    total = next(r for r in rows if r[0] == "Jumlah seluruhnya (dinilai)")
    assert (total[5], total[7], total[8], total[11], total[15], total[16], total[17]) == (
        4,
        870_000_000,
        3,
        "1 belum melapor",
        350_000_000,
        150_000_000,
        42.86,
    )
    assert any("Belum melapor: rencana terverifikasi" in str(r[0]) for r in rows)  # the rules under the table


def test_every_capaian_and_total_of_the_xlsx_reconciles(as_persona, fgd_data, b_reports):
    rows = _sheets(as_persona("staf"))["Rekap FGD 2024"]
    assert check_sheet(rows) == (3, 3 + 3 + 3 + 1)  # lines; satuan sums, indicator pagu lines, pillars, total


def test_belum_melapor_rows_stay_out_of_the_xlsx_sums(as_persona, fgd_data):
    rows = _sheets(as_persona("staf"))["Rekap FGD 2024"]
    lines, _sums = check_sheet(rows)
    assert lines == 2
    santri = next(r for r in rows if r[1] == "Jumlah Santripreneur (dinilai)")
    assert santri[9:14] == [100, 100, "1 dinilai; 1 belum melapor", 70, 70]


def test_a_problem_reported_with_its_category_is_on_the_kendala_sheet_for_staf(as_persona, fgd_data):
    realisasi = Realisasi.objects.filter(kegiatan__rencana__tahun=2023, kegiatan__rencana__opd__kode="dindik").get()
    Realisasi.objects.filter(pk=realisasi.pk).update(kategori_kendala=KategoriKendala.objects.get(nama="SDM"))
    kendala = _sheets(as_persona("staf"))["Kendala"]
    assert kendala[0][:7] == ["OPD", "Tahun", "No.", "Kegiatan", "Pilar", "Triwulan", "Kategori"]
    row = next(r for r in kendala[1:] if r[0] == "Dinas Pendidikan")
    assert row[1:3] == [2023, 1] and row[5:8] == ["TW I", "SDM", "Jadwal pelatihan bergeser karena libur pondok."]
    assert {r[0] for r in kendala[1:]} == {"Dinas Kominfo", "Dinas Pendidikan"}
    own = _sheets(as_persona("petugas_a"))["Kendala"]
    assert {r[0] for r in own[1:]} == {"Dinas Kominfo"}  # a Petugas never gets another OPD's problems
