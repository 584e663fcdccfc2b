"""The plan page as Diskop reviews it (issue 29): each line carries its quarterly targets, a marker one click from the
comment threads about it, and what the same kegiatan did in the OPD's most recent earlier plan (by SIPD code, else by
uraian, letter case and spacing aside)."""

import re

from programs import services
from programs.models import Status
from tests.programs.factories import make_plan, realisasi_data


def _row(html, kegiatan):
    return re.search(rf'<tr id="kegiatan-{kegiatan.pk}">(.*?)</tr>', html, re.S).group(1)


def test_each_line_shows_its_quarter_targets_its_threads_and_last_years_realisation(as_persona, petugas_a, opd_a, staf):
    lalu = make_plan(
        actor=petugas_a,
        opd=opd_a,
        tahun=2024,
        jumlah_kegiatan=2,
        line_overrides=[{"target": 100}, {"kode_sipd": "", "level_sipd": "", "uraian": "Bazar Produk Pesantren"}],
        status=Status.DIVERIFIKASI,
        verifier=staf,
    )
    coded, codeless = lalu.kegiatan.order_by("nomor")
    for tw, output in ((1, 20), (2, 45)):
        services.realisasi_save(actor=petugas_a, kegiatan=coded, triwulan=tw, data=realisasi_data(output=output))

    rencana = make_plan(
        actor=petugas_a,
        opd=opd_a,
        tahun=2026,  # 2025 has no plan: the most recent earlier one is 2024
        jumlah_kegiatan=3,
        line_overrides=[
            {"target": 120, "triwulan": "23"},
            {"kode_sipd": "", "level_sipd": "", "uraian": "bazar  produk pesantren", "target": 30},
            {"kode_sipd": "2.17.07.1.01.0009", "uraian": "Kegiatan baru"},
        ],
        status=Status.DIAJUKAN,
    )
    first, second, third = rencana.kegiatan.order_by("nomor")
    thread = services.komentar_add(actor=staf, rencana=rencana, kegiatan=second, isi="Target 30 dari mana?")

    html = as_persona("staf").get(rencana.get_absolute_url()).content.decode()
    row = _row(html, first)
    assert "TW II 60 · TW III 60" in row
    assert (
        "2024: realisasi 45 dari target 100 (s.d. TW II)" in row
    )  # matched by SIPD code, cumulative output of the last quarter
    assert "komentar-marker" not in row

    row = _row(html, second)
    assert f'href="#komentar-{thread.pk}"' in row and "1 komentar" in row
    assert f"2024: target {codeless.target}, belum ada realisasi" in row  # matched by uraian

    assert "last-year" not in _row(html, third)  # a line new this year has nothing beside it
    assert f'id="komentar-{thread.pk}"' in html  # the marker's target exists


def test_the_review_context_costs_the_same_queries_whatever_the_number_of_lines(as_persona, petugas_a, opd_a, staf):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for tahun, lines in ((2024, 2), (2026, 8)):
        make_plan(actor=petugas_a, opd=opd_a, tahun=tahun - 1, jumlah_kegiatan=lines)
        rencana = make_plan(actor=petugas_a, opd=opd_a, tahun=tahun, jumlah_kegiatan=lines, status=Status.DIAJUKAN)
        for kegiatan in rencana.kegiatan.all():
            services.komentar_add(actor=staf, rencana=rencana, kegiatan=kegiatan, isi="Periksa targetnya.")
        client = as_persona("staf")
        with CaptureQueriesContext(connection) as queries:
            client.get(rencana.get_absolute_url())
        counts.append(len(queries))
    assert counts[0] == counts[1]
