"""Kegiatan are numbered No. 1, 2, … within their plan, and a number stays with its line while the plan is edited:
a note about "No. 2" still points at the same line after lines are deleted or added (issue 14)."""

from openpyxl import load_workbook

from programs import services
from tests.programs.factories import line_data, make_plan


def test_numbers_follow_entry_and_are_never_reused(petugas_a, opd_a):
    rencana = make_plan(actor=petugas_a, opd=opd_a, jumlah_kegiatan=3)
    lines = list(rencana.kegiatan.order_by("id"))
    assert [k.nomor for k in lines] == [1, 2, 3]
    services.kegiatan_delete(actor=petugas_a, kegiatan=lines[2])
    added = services.kegiatan_create(actor=petugas_a, rencana=rencana, data=line_data())
    assert added.nomor == 4  # not 3: "No. 3" in an earlier note meant the deleted line
    services.kegiatan_delete(actor=petugas_a, kegiatan=lines[0])
    assert sorted(rencana.kegiatan.values_list("nomor", flat=True)) == [2, 4]


def test_numbers_are_per_plan(petugas_a, petugas_b, opd_a, opd_b):
    make_plan(actor=petugas_a, opd=opd_a, jumlah_kegiatan=2)
    other = make_plan(actor=petugas_b, opd=opd_b, jumlah_kegiatan=1)
    assert list(other.kegiatan.values_list("nomor", flat=True)) == [1]


def test_the_page_and_the_xlsx_show_the_numbers(as_persona, petugas_a, opd_a):
    rencana = make_plan(actor=petugas_a, opd=opd_a, jumlah_kegiatan=3)
    services.kegiatan_delete(actor=petugas_a, kegiatan=rencana.kegiatan.get(nomor=1))
    html = as_persona("petugas_a").get(rencana.get_absolute_url()).content.decode()
    assert html.count('class="text-end num fw-semibold kegiatan-nomor">2<') == 1
    assert 'kegiatan-nomor">1<' not in html
    import io

    response = as_persona("petugas_a").get(f"/program/{rencana.pk}/ekspor.xlsx")
    sheet = load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    ).active
    assert [sheet.cell(row=r, column=1).value for r in (2, 3)] == [2, 3]
