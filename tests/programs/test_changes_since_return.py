"""On a resubmitted plan Diskop sees what changed since it was returned; the plan history shows line edits."""

from programs import services
from programs.models import Status
from programs.selectors import changes_since_return, kegiatan_with_realisasi, rencana_history
from tests.programs.factories import line_data, make_plan


def test_a_resubmitted_plan_shows_added_removed_and_changed_lines(as_persona, staf, petugas_a, opd_a):
    rencana = make_plan(actor=petugas_a, opd=opd_a, tahun=2024, jumlah_kegiatan=3, status=Status.DIAJUKAN)
    first, second, third = rencana.kegiatan.order_by("nomor")
    services.rencana_return(actor=staf, rencana=rencana, catatan="Kegiatan No. 2: target naik ke 1.600")
    from opop.common.concurrency import version_of

    second.refresh_from_db()
    services.kegiatan_update(actor=petugas_a, kegiatan=second, data={"target": 1600}, versi=version_of(second))
    services.kegiatan_delete(actor=petugas_a, kegiatan=third)
    services.kegiatan_create(actor=petugas_a, rencana=rencana, data=line_data(uraian="Kelas pemasaran daring"))
    services.rencana_submit(actor=petugas_a, rencana=rencana)

    changes = changes_since_return(rencana, list(kegiatan_with_realisasi(rencana)))
    assert [k.nomor for k in changes["added"]] == [4]
    assert [r.nomor for r in changes["removed"]] == [3]
    [item] = changes["changed"]
    assert item["kegiatan"].nomor == 2
    assert [(str(label), old, new) for label, old, new in item["fields"]] == [
        ("target", f"{second_target(first)}", "1.600")
    ]

    html = as_persona("staf").get(rencana.get_absolute_url()).content.decode()
    assert "Perubahan sejak dikembalikan" in html
    assert 'target: <span class="text-secondary">' in html and "→ 1.600" in html


def second_target(line):
    from opop.common.formatting import ribuan

    return ribuan(line.target)  # the factory gives every line the same target


def test_a_plan_never_returned_shows_no_diff(petugas_a, opd_a):
    rencana = make_plan(actor=petugas_a, opd=opd_a, tahun=2024, status=Status.DIAJUKAN)
    assert changes_since_return(rencana, list(rencana.kegiatan.all())) is None


def test_the_plan_history_lists_line_edits_with_their_numbers(petugas_a, opd_a):
    from opop.common.concurrency import version_of

    rencana = make_plan(actor=petugas_a, opd=opd_a, tahun=2024, jumlah_kegiatan=2)
    line = rencana.kegiatan.get(nomor=2)
    services.kegiatan_update(actor=petugas_a, kegiatan=line, data={"target": 77}, versi=version_of(line))
    newest = rencana_history(rencana)[0]
    assert newest["label"] == "No. 2"
    assert [(str(c["field"]), c["new"]) for c in newest["changes"]] == [("target", 77)]
