"""On a resubmitted plan Diskop sees what changed since it was returned; the plan history shows line edits."""

from opop.common.concurrency import version_of
from opop.common.formatting import ribuan
from opop.wilayah.models import KabupatenKota
from programs import services
from programs.models import Status
from programs.selectors import changes_since_return, kegiatan_with_realisasi, rencana_history
from tests.programs.factories import line_data, make_plan


def test_a_resubmitted_plan_shows_added_removed_and_changed_lines(as_persona, staf, petugas_a, opd_a):
    rencana = make_plan(actor=petugas_a, opd=opd_a, tahun=2024, jumlah_kegiatan=3, status=Status.DIAJUKAN)
    first, second, third = rencana.kegiatan.order_by("nomor")
    services.rencana_return(actor=staf, rencana=rencana, catatan="Kegiatan No. 2: target naik ke 1.600")
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
    quarter = ribuan(first.target // 4)  # the factory's lines: the same target over TW I–IV, split evenly
    assert [(str(label), old, new) for label, old, new in item["fields"]] == [
        ("target", ribuan(first.target), "1.600"),
        *((f"target TW {tw}", quarter, "400") for tw in ("I", "II", "III", "IV")),
    ]
    assert (item["lokasi_added"], item["lokasi_removed"]) == ([], [])

    html = as_persona("staf").get(rencana.get_absolute_url()).content.decode()
    assert "Perubahan sejak dikembalikan" in html
    assert 'target: <span class="text-secondary">' in html and "→ 1.600" in html


def test_a_plan_never_returned_shows_no_diff(petugas_a, opd_a):
    rencana = make_plan(actor=petugas_a, opd=opd_a, tahun=2024, status=Status.DIAJUKAN)
    assert changes_since_return(rencana, list(rencana.kegiatan.all())) is None


def test_the_plan_history_lists_line_edits_with_their_numbers(petugas_a, opd_a):
    rencana = make_plan(actor=petugas_a, opd=opd_a, tahun=2024, jumlah_kegiatan=2)
    line = rencana.kegiatan.get(nomor=2)
    services.kegiatan_update(actor=petugas_a, kegiatan=line, data={"target": 77}, versi=version_of(line))
    newest = rencana_history(rencana)[0]
    assert newest["label"] == "No. 2"
    assert [(str(c["field"]), c["old"], c["new"]) for c in newest["changes"]] == [
        ("target", ribuan(line.target), "77"),
        *(
            (f"target TW {tw}", ribuan(line.target // 4), new)
            for tw, new in zip(("I", "II", "III", "IV"), "19 19 19 20".split(), strict=True)
        ),
    ]


def test_the_diff_names_quarters_as_officials_write_them_and_lists_places_added_and_removed(
    as_persona, staf, petugas_a, opd_a
):
    """Issue 29: the diff once read "1234 → 23" and left out the kab/kota the officer removed."""
    rencana = make_plan(actor=petugas_a, opd=opd_a, tahun=2024, jumlah_kegiatan=2, status=Status.DIAJUKAN)
    line = rencana.kegiatan.get(nomor=2)
    assert sorted(line.lokasi.values_list("nama", flat=True)) == ["Kabupaten Jombang", "Kota Surabaya"]
    services.rencana_return(actor=staf, rencana=rencana, catatan="No. 2 hanya TW II–III, di Jombang dan Malang")
    line.refresh_from_db()
    places = list(KabupatenKota.objects.filter(nama__in=["Kabupaten Jombang", "Kabupaten Malang"]))
    data = {"triwulan": "23", "lokasi": places}
    services.kegiatan_update(actor=petugas_a, kegiatan=line, data=data, versi=version_of(line))
    services.rencana_submit(actor=petugas_a, rencana=rencana)

    changes = changes_since_return(rencana, list(kegiatan_with_realisasi(rencana)))
    [item] = changes["changed"]
    fields = {str(label): (old, new) for label, old, new in item["fields"]}
    assert fields["rencana triwulan pelaksanaan"] == ("TW I–IV", "TW II–III")
    assert (item["lokasi_added"], item["lokasi_removed"]) == (["Kabupaten Malang"], ["Kota Surabaya"])

    html = as_persona("staf").get(rencana.get_absolute_url()).content.decode()
    assert "TW I–IV</span> → TW II–III" in html
    assert "ditambah: Kabupaten Malang" in html and 'dihapus: <span class="text-secondary">Kota Surabaya' in html


def test_the_diff_lists_a_changed_quarterly_disbursement(as_persona, staf, petugas_a, opd_a):
    rencana = make_plan(actor=petugas_a, opd=opd_a, tahun=2024, jumlah_kegiatan=1, status=Status.DIAJUKAN)
    services.rencana_return(actor=staf, rencana=rencana, catatan="Anggaran kas TW I terlalu besar")
    line = rencana.kegiatan.get()
    pagu = int(line.pagu)
    kas = {"kas_tw1": pagu // 10, "kas_tw2": pagu // 10, "kas_tw3": pagu // 10, "kas_tw4": pagu - 3 * (pagu // 10)}
    services.kegiatan_update(
        actor=petugas_a, kegiatan=line, data={**kas, "kas_dibagi_rata": False}, versi=version_of(line)
    )
    services.rencana_submit(actor=petugas_a, rencana=rencana)
    [item] = changes_since_return(rencana, list(kegiatan_with_realisasi(rencana)))["changed"]
    changed = {str(label): (old, new) for label, old, new in item["fields"]}
    assert changed[str(line._meta.get_field("kas_tw1").verbose_name)] == (ribuan(pagu // 4), ribuan(pagu // 10))
