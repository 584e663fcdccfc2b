import io

import pytest
from openpyxl import load_workbook

from tests.access import LOGIN, assert_access

MATRIX = {"anonymous": LOGIN, "admin": 200, "staf": 200, "pimpinan": 200, "petugas_a": 200, "petugas_b": 200}


@pytest.mark.parametrize("persona", MATRIX)
def test_recap_xlsx_access(persona, as_persona, db):
    assert_access(as_persona(persona).get("/program/rekap-fgd.xlsx?tahun=2024"), MATRIX[persona])


def test_recap_xlsx_numbers_equal_the_hand_count(as_persona, fgd_data):
    response = as_persona("staf").get("/program/rekap-fgd.xlsx?tahun=2024")
    assert 'filename="rekap-fgd-opop-2024.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][:8] == [
        "Pilar",
        "Indikator OPOP",
        "OPD",
        "Status rencana 2024",
        "Satuan",
        "Kegiatan 2024",
        "Target 2024",
        "Pagu 2024 (Rp)",
    ]
    kominfo = next(r for r in rows if r[1] == "Santripreneur" and r[2] == "Dinas Kominfo")
    assert kominfo[3:] == ["Draf", "orang", 1, 120, 180_000_000, 1, 100, 70, 70, 150_000_000, 100_000_000, 66.67]
    total = rows[-1]
    assert total[0] == "Jumlah seluruhnya"
    assert (total[5], total[7], total[8], total[12], total[13], total[14]) == (
        4,
        870_000_000,
        3,
        650_000_000,
        400_000_000,
        61.54,
    )
