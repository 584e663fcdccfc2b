"""A control character pasted into a kegiatan is refused with a message; one already stored never breaks the export."""

import io

from openpyxl import load_workbook

from programs.models import Kegiatan
from tests.programs.factories import line_post


def test_a_vertical_tab_in_a_line_is_refused_and_nothing_is_saved(as_persona, plan_a):
    before = Kegiatan.objects.count()
    response = as_persona("petugas_a").post(
        f"/program/{plan_a.pk}/kegiatan/baru/", line_post(uraian="Pelatihan\x0bsantri")
    )
    assert response.status_code == 200
    assert "karakter kontrol tak terlihat (kode \\x0b)" in response.content.decode()
    assert Kegiatan.objects.count() == before


def test_a_line_stored_with_a_control_character_still_exports(as_persona, line_a):
    Kegiatan.objects.filter(pk=line_a.pk).update(uraian="Pelatihan\x0bsantri")  # stored before the rule
    response = as_persona("petugas_a").get(f"/program/{line_a.rencana_id}/ekspor.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content))["Rencana"]
    assert "Pelatihansantri" in [cell.value for row in sheet.iter_rows() for cell in row]
