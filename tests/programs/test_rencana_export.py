import io

import pytest
from openpyxl import load_workbook

from programs import services
from tests.access import LOGIN, assert_access
from tests.programs.factories import first_kegiatan, line_data, realisasi_data

MATRIX = {"anonymous": LOGIN, "admin": 200, "staf": 200, "pimpinan": 200, "petugas_a": 200, "petugas_b": 404}


@pytest.mark.parametrize("persona", MATRIX)
def test_plan_export_access(persona, as_persona, plan_a):
    assert_access(as_persona(persona).get(f"/program/{plan_a.pk}/ekspor.xlsx"), MATRIX[persona])


def _sheets(response):
    return load_workbook(io.BytesIO(response.content))


def test_export_has_sipd_column_order_and_codes_as_text(as_persona, plan_a):
    response = as_persona("petugas_a").get(f"/program/{plan_a.pk}/ekspor.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="rencana-opop-kominfo-2024.xlsx"' in response["Content-Disposition"]
    sheet = _sheets(response)["Rencana"]
    header = [c.value for c in sheet[1]]
    assert header[:5] == ["No.", "Kode", "Tingkat", "Program / Kegiatan / Sub Kegiatan", "Indikator Kinerja"]
    assert header[5:10] == ["Target", "Target TW I", "Target TW II", "Target TW III", "Target TW IV"]
    assert header[13:15] == ["Sumber Dana", "Pagu Indikatif (Rp)"]
    code = sheet["B2"]
    assert (code.value, code.data_type, code.number_format) == ("2.17.07.1.01.0002", "s", "@")
    assert sheet["O2"].value == 150000000
    assert sheet["L2"].value == "Kabupaten Jombang, Kota Surabaya"
    line = plan_a.kegiatan.get(kode_sipd="2.17.07.1.01.0002")
    assert [sheet.cell(2, column).value for column in range(6, 11)] == [line.target, *line.target_split]
    assert sum(line.target_split) == line.target


def test_export_neutralises_formula_injection(as_persona, plan_a, petugas_a):
    services.kegiatan_create(
        actor=petugas_a,
        rencana=plan_a,
        data=line_data(
            kode_sipd="", level_sipd="", uraian='=HYPERLINK("x")', pptk="@SUM(A1)", indikator_kinerja="+1", lokasi=[]
        ),
    )
    sheet = _sheets(as_persona("petugas_a").get(f"/program/{plan_a.pk}/ekspor.xlsx"))["Rencana"]
    values = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert '\'=HYPERLINK("x")' in values and "'@SUM(A1)" in values and "'+1" in values
    assert not any(v.startswith(("=", "+", "@")) for v in values)


def test_export_includes_realisation_sheet(as_persona, verified_a, petugas_a):
    services.realisasi_save(
        actor=petugas_a, kegiatan=first_kegiatan(verified_a), triwulan=1, data=realisasi_data(output=30)
    )
    sheet = _sheets(as_persona("staf").get(f"/program/{verified_a.pk}/ekspor.xlsx"))["Realisasi"]
    # TW I of a line planned over four quarters: 25 of its 100 are due, so 30 is 120 % of the target to date
    assert [c.value for c in sheet[2]][2:7] == ["TW I", 30, 25, 120, 100]
