"""The quarter grid (issue 15 Done 3): every line of a plan for TW n on one page, saved in one POST, each line
validated on its own — the valid lines saved, an invalid one kept on the page as typed and unsaved — with a
query count that does not grow per line on the page and stays bounded per saved line."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opop.common.concurrency import version_of
from programs import services
from programs.models import LaporanTriwulan, Realisasi, Status
from tests.access import LOGIN, assert_access
from tests.files import pdf_bytes
from tests.programs.factories import make_plan, realisasi_data

URL = "/program/{pk}/realisasi/{tw}/"
MATRIX = {"anonymous": LOGIN, "admin": 200, "staf": 403, "pimpinan": 403, "petugas_a": 200, "petugas_b": 404}


def _plan(petugas_a, opd_a, staf, n=3, **kwargs):
    overrides = [{"uraian": f"Kegiatan {i + 1}"} for i in range(n)]
    return make_plan(
        actor=petugas_a,
        opd=opd_a,
        jumlah_kegiatan=n,
        status=Status.DIVERIFIKASI,
        verifier=staf,
        line_overrides=overrides,
        **kwargs,
    )


def _line_post(kegiatan, **overrides):
    values = {
        "output": "20",
        "fisik_persen": "25",
        "anggaran_terserap": "30.000.000",
        "penjelasan_anggaran": "",
        "permasalahan": f"Catatan {kegiatan.nomor}",
        "faktor_pendorong": "",
        "faktor_penghambat": "",
        "versi": "",
    }
    values.update(overrides)
    return {f"k{kegiatan.pk}-{name}": value for name, value in values.items()}


def _lines(rencana):
    return list(rencana.kegiatan.order_by("nomor"))


@pytest.fixture
def plan(petugas_a, opd_a, staf):
    return _plan(petugas_a, opd_a, staf)


@pytest.mark.parametrize("persona", MATRIX)
def test_grid_page_access(persona, as_persona, plan):
    assert_access(as_persona(persona).get(URL.format(pk=plan.pk, tw=1)), MATRIX[persona])


@pytest.mark.parametrize("persona", MATRIX)
def test_grid_post_access(persona, as_persona, plan):
    data = {}
    for kegiatan in _lines(plan):
        data |= _line_post(kegiatan)
    response = as_persona(persona).post(URL.format(pk=plan.pk, tw=1), data)
    expected = 302 if MATRIX[persona] == 200 else MATRIX[persona]
    assert_access(response, expected)
    assert Realisasi.objects.filter(kegiatan__rencana=plan).count() == (3 if expected == 302 else 0)


def test_grid_saves_every_line_in_one_post(as_persona, plan, petugas_a):
    data = {}
    for index, kegiatan in enumerate(_lines(plan)):
        data |= _line_post(kegiatan, output=str(10 + index))
    response = as_persona("petugas_a").post(URL.format(pk=plan.pk, tw=1), data)
    assert response.status_code == 302 and response["Location"] == f"/program/{plan.pk}/#tw-1"
    saved = Realisasi.objects.filter(kegiatan__rencana=plan, triwulan=1).order_by("kegiatan__nomor")
    assert [(r.output, r.anggaran_terserap, r.diisi_oleh) for r in saved] == [
        (10, 30_000_000, petugas_a),
        (11, 30_000_000, petugas_a),
        (12, 30_000_000, petugas_a),
    ]
    assert LaporanTriwulan.objects.filter(rencana=plan, triwulan=1).count() == 1


def test_one_invalid_line_keeps_its_input_and_the_valid_lines_are_saved(as_persona, plan):
    first, second, third = _lines(plan)
    data = (
        _line_post(first, output="15")
        # spent above the pagu (150 jt) without the required explanation
        | _line_post(second, output="16", anggaran_terserap="Rp 175.000.000", permasalahan="Ketikan saya tetap")
        | _line_post(third, output="17")
    )
    response = as_persona("petugas_a").post(URL.format(pk=plan.pk, tw=1), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Serapan melebihi pagu kegiatan; tuliskan penjelasannya." in html
    assert "belum disimpan karena perlu diperbaiki: No. 2" in html
    assert 'value="Rp 175.000.000"' in html or 'value="175.000.000"' in html  # typed value kept
    assert "Ketikan saya tetap" in html
    saved = dict(Realisasi.objects.filter(kegiatan__rencana=plan, triwulan=1).values_list("kegiatan__nomor", "output"))
    assert saved == {1: 15, 3: 17}  # the invalid line was not saved

    # Fixed and saved again from the same page: the saved lines carry their new version, nothing is stale
    grid = response.context["rows"]
    again = {}
    for row in grid:
        form = row["form"]
        for name in ("output", "fisik_persen", "anggaran_terserap", "penjelasan_anggaran", "permasalahan", "versi"):
            value = form[name].value()
            again[form.add_prefix(name)] = "" if value is None else str(value)
    again[f"k{second.pk}-penjelasan_anggaran"] = "Tambahan peserta dari APBD perubahan."
    response = as_persona("petugas_a").post(URL.format(pk=plan.pk, tw=1), again)
    assert response.status_code == 302
    saved = dict(Realisasi.objects.filter(kegiatan__rencana=plan, triwulan=1).values_list("kegiatan__nomor", "output"))
    assert saved == {1: 15, 2: 16, 3: 17}


def test_all_lines_invalid_saves_nothing(as_persona, plan):
    data = {}
    for kegiatan in _lines(plan):
        data |= _line_post(kegiatan, fisik_persen="140")
    response = as_persona("petugas_a").post(URL.format(pk=plan.pk, tw=1), data)
    assert response.status_code == 200
    assert not Realisasi.objects.filter(kegiatan__rencana=plan).exists()
    assert not LaporanTriwulan.objects.filter(rencana=plan).exists()


def test_lines_left_blank_are_not_saved(as_persona, plan):
    first, second, third = _lines(plan)
    data = _line_post(first) | {f"k{second.pk}-output": "", f"k{second.pk}-versi": ""}
    response = as_persona("petugas_a").post(URL.format(pk=plan.pk, tw=1), data)
    assert response.status_code == 302
    assert list(Realisasi.objects.filter(kegiatan__rencana=plan).values_list("kegiatan_id", flat=True)) == [first.pk]


def test_cumulative_output_cannot_go_down_on_the_grid(as_persona, plan, petugas_a):
    first, second, _third = _lines(plan)
    services.realisasi_save(actor=petugas_a, kegiatan=first, triwulan=1, data=realisasi_data(output=40))
    response = as_persona("petugas_a").post(
        URL.format(pk=plan.pk, tw=2), _line_post(first, output="30") | _line_post(second, output="30")
    )
    assert response.status_code == 200
    assert "Output kumulatif tidak boleh turun: triwulan sebelumnya sudah mencatat 40." in response.content.decode()
    assert list(Realisasi.objects.filter(triwulan=2).values_list("kegiatan_id", flat=True)) == [second.pk]


def test_a_line_changed_by_someone_else_since_loading_is_refused_alone(as_persona, plan, petugas_a):
    first, second, _third = _lines(plan)
    services.realisasi_save(actor=petugas_a, kegiatan=first, triwulan=1, data=realisasi_data(output=40))
    loaded = version_of(Realisasi.objects.get(kegiatan=first, triwulan=1))
    services.realisasi_save(
        actor=petugas_a, kegiatan=first, triwulan=1, data=realisasi_data(output=45), versi=loaded
    )  # a colleague saved it meanwhile
    response = as_persona("petugas_a").post(
        URL.format(pk=plan.pk, tw=1), _line_post(first, output="50", versi=loaded) | _line_post(second, output="30")
    )
    assert response.status_code == 200 and "muat ulang halaman" in response.content.decode()
    assert Realisasi.objects.get(kegiatan=first, triwulan=1).output == 45
    assert Realisasi.objects.get(kegiatan=second, triwulan=1).output == 30


def test_evidence_can_be_attached_per_line(as_persona, plan, settings):
    first, _second, _third = _lines(plan)
    evidence = SimpleUploadedFile("daftar-hadir.pdf", pdf_bytes(), content_type="application/pdf")
    data = _line_post(first) | {f"k{first.pk}-bukti": evidence}
    assert as_persona("petugas_a").post(URL.format(pk=plan.pk, tw=1), data).status_code == 302
    realisasi = Realisasi.objects.get(kegiatan=first, triwulan=1)
    assert realisasi.bukti.name.endswith(".pdf") and realisasi.bukti_nama == "daftar-hadir.pdf"


def test_grid_refused_while_the_plan_is_not_verified(as_persona, petugas_a, opd_a):
    draft = make_plan(actor=petugas_a, opd=opd_a, jumlah_kegiatan=2)
    data = {}
    for kegiatan in _lines(draft):
        data |= _line_post(kegiatan)
    response = as_persona("petugas_a").post(URL.format(pk=draft.pk, tw=1), data)
    assert response.status_code == 302 and response["Location"] == f"/program/{draft.pk}/#tw-1"
    assert not Realisasi.objects.exists()


def test_grid_refused_once_the_quarter_report_is_submitted(as_persona, plan, petugas_a):
    for kegiatan in _lines(plan):
        services.realisasi_save(actor=petugas_a, kegiatan=kegiatan, triwulan=1, data=realisasi_data(output=10))
    services.laporan_submit(actor=petugas_a, rencana=plan, triwulan=1)
    data = {}
    for kegiatan in _lines(plan):
        data |= _line_post(kegiatan, output="99")
    response = as_persona("petugas_a").post(URL.format(pk=plan.pk, tw=1), data)
    assert response.status_code == 302
    assert set(Realisasi.objects.filter(kegiatan__rencana=plan).values_list("output", flat=True)) == {10}


def _queries(client, method, url, data=None):
    with CaptureQueriesContext(connection) as captured:
        response = getattr(client, method)(url, data) if data is not None else getattr(client, method)(url)
    assert response.status_code in (200, 302)
    return len(captured)


def test_grid_query_count_is_bounded(as_persona, petugas_a, opd_a, staf):
    small = _plan(petugas_a, opd_a, staf, n=2, tahun=2024)
    large = _plan(petugas_a, opd_a, staf, n=12, tahun=2025)
    client = as_persona("petugas_a")
    client.get(URL.format(pk=small.pk, tw=1))  # session warm
    # The page: the same number of queries for 2 lines as for 12
    assert _queries(client, "get", URL.format(pk=small.pk, tw=1)) == _queries(
        client, "get", URL.format(pk=large.pk, tw=1)
    )
    # The save: plan, report, lines and realisations read once; then a fixed handful per saved line
    posts = []
    for rencana in (small, large):
        data = {}
        for kegiatan in _lines(rencana):
            data |= _line_post(kegiatan)
        posts.append(_queries(client, "post", URL.format(pk=rencana.pk, tw=1), data))
    per_line = (posts[1] - posts[0]) / 10
    # 4 writes (savepoint, row, history row, release) + Django's check-constraint queries of the form (6)
    assert per_line <= 10, posts


def test_unchanged_lines_are_not_saved_again(as_persona, plan, petugas_a):
    first, second, third = _lines(plan)
    for kegiatan in (first, second):
        services.realisasi_save(actor=petugas_a, kegiatan=kegiatan, triwulan=1, data=realisasi_data(output=10))
    client = as_persona("petugas_a")
    rows = client.get(URL.format(pk=plan.pk, tw=1)).context["rows"]
    data = {}
    for row in rows:  # what the page shows, posted back as it is, with line 2 changed
        form = row["form"]
        for name, field in form.fields.items():
            value = form[name].value()
            if value not in (None, "") and name not in ("bukti", "hapus_bukti"):
                data[form.add_prefix(name)] = (
                    field.widget.format_value(value) if hasattr(field.widget, "format_value") else value
                )
    data[f"k{second.pk}-output"] = "12"
    history_before = Realisasi.history.count()
    response = client.post(URL.format(pk=plan.pk, tw=1), data)
    assert response.status_code == 302
    assert Realisasi.history.count() == history_before + 1  # only line 2 written
    assert Realisasi.objects.get(kegiatan=second, triwulan=1).output == 12
    assert not Realisasi.objects.filter(kegiatan=third).exists()
    assert client.post(URL.format(pk=plan.pk, tw=1), {}).status_code == 302  # nothing typed: nothing saved
