"""An import batch is the audit record of the rows it creates (issue 32): they carry it and get no history row of
their own, their history page names it; an update by an import, or any later change, still shows old → new."""

import html
import re

from django.core.files.uploadedfile import SimpleUploadedFile

from opop.accounts.models import PerangkatDaerah
from opop.accounts.roles import Role
from opop.common.formatting import tanggal
from opop.imports.models import ImportBatch
from opop.imports.services import import_preview
from pesantren import services
from pesantren.models import Pesantren, Santripreneur
from tests.conftest import PESANTREN_HEADERS, _make
from tests.importer.data import SANTRI_HEADERS, nik, nspp, santri_rows, to_csv


def _write(client, actor, kind, name, data):
    """Upload, check and write a file through the pages, as an officer does; the batch."""
    batch = import_preview(actor=actor, kind=kind, uploaded_file=SimpleUploadedFile(name, data))
    client.force_login(actor)
    response = client.post(f"/impor/batch/{batch.pk}/tulis/", follow=True)
    assert "Impor selesai" in response.content.decode(), response.content.decode()[-2000:]
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.COMMITTED
    return batch


def _page(client, url):
    return html.unescape(re.sub(r"\s+", " ", client.get(url).content.decode()))


def _text(page):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page))


def _origin(batch, name, who):
    return f"Dibuat dari impor #{batch.pk} ({name}, oleh {who}, {tanggal(batch.committed_at, with_time=True)})"


def test_records_created_by_an_import_carry_their_batch_and_no_history_row_each(
    pesantren_nspps, staf, client, private_media
):
    batch = _write(
        client, staf, "santripreneur", "pelatihan.csv", to_csv(SANTRI_HEADERS, santri_rows(40, pesantren_nspps))
    )
    assert Santripreneur.objects.filter(import_batch=batch).count() == 40
    assert Santripreneur.history.count() == 0
    assert batch.committed_by == staf

    person = Santripreneur.objects.get(nik=nik(7))
    page = _page(client, person.get_absolute_url())
    assert f'<a href="/impor/batch/{batch.pk}/"><strong>{_origin(batch, "pelatihan.csv", staf)}</strong></a>' in page
    assert "Belum ada riwayat" not in page
    client.cookies["django_language"] = "en"
    english = _text(_page(client, person.get_absolute_url()))
    assert f"Created by import #{batch.pk} (pelatihan.csv, by {staf}," in english


def test_a_pesantren_created_by_an_import_names_its_batch(staf, client, private_media):
    rows = [[nspp(i), f"PP Batch {i}", "Jombang", "Diwek", "Salafiyah", 2021] for i in range(3)]
    batch = _write(client, staf, "pesantren", "lembaga.csv", to_csv(PESANTREN_HEADERS, rows))
    pesantren = Pesantren.objects.get(nspp=nspp(1))
    assert pesantren.import_batch == batch and pesantren.history.count() == 0
    assert _origin(batch, "lembaga.csv", staf) in _page(client, pesantren.get_absolute_url())


def test_a_reader_who_may_not_see_the_batch_reads_its_line_without_a_link(pesantren_nspps, staf, client, private_media):
    batch = _write(
        client, staf, "santripreneur", "pelatihan.csv", to_csv(SANTRI_HEADERS, santri_rows(3, pesantren_nspps))
    )
    other = _make("rina", Role.STAF_DISKOP, PerangkatDaerah.objects.get(kode="diskop-ukm"))
    client.force_login(other)
    page = _page(client, Santripreneur.objects.get(nik=nik(1)).get_absolute_url())
    assert f"<strong>{_origin(batch, 'pelatihan.csv', staf)}</strong>" in page
    assert f"/impor/batch/{batch.pk}/" not in page
    assert client.get(f"/impor/batch/{batch.pk}/").status_code == 404  # the reason there is no link


def test_an_update_by_an_import_keeps_its_old_to_new_history_row(pesantren_nspps, staf, admin, client, private_media):
    rows = santri_rows(5, pesantren_nspps)
    first = _write(client, staf, "santripreneur", "angkatan-1.csv", to_csv(SANTRI_HEADERS, rows))
    rows[2][6] = "Batik tulis"
    second = _write(client, admin, "santripreneur", "angkatan-1-revisi.csv", to_csv(SANTRI_HEADERS, rows))

    person = Santripreneur.objects.get(nik=nik(2))
    assert person.import_batch == first  # created by the first; the second only changed it
    created, changed = person.history.order_by("history_id")
    # The state as the first batch created it, attributed to that batch, kept just before the change.
    assert (created.history_type, created.bidang_usaha, created.history_user) == ("+", "Kuliner", staf)
    assert created.history_date == first.committed_at
    assert created.history_change_reason == f"Dibuat dari impor #{first.pk} (angkatan-1.csv)"
    assert (changed.history_type, changed.bidang_usaha, changed.history_user) == ("~", "Batik tulis", admin)
    assert changed.history_change_reason == "Impor santripreneur dari berkas angkatan-1-revisi.csv"
    assert Santripreneur.history.count() == 2  # the four unchanged people still have none

    client.force_login(staf)
    page = _page(client, person.get_absolute_url())
    assert "Bidang usaha: Kuliner → Batik tulis" in _text(page)
    assert _origin(first, "angkatan-1.csv", staf) in page
    assert "Ditambahkan" not in page and "Created" not in page  # the kept snapshot is told by the batch's line
    assert second.pk != first.pk


def test_a_later_form_edit_of_an_imported_record_shows_old_to_new(pesantren_nspps, staf, client, private_media):
    batch = _write(
        client, staf, "santripreneur", "pelatihan.csv", to_csv(SANTRI_HEADERS, santri_rows(3, pesantren_nspps))
    )
    person = Santripreneur.objects.get(nik=nik(0))
    services.santripreneur_save(actor=staf, person=person, reason="Salah ketik", bidang_usaha="Fesyen")
    created, changed = person.history.order_by("history_id")
    assert (created.history_type, created.bidang_usaha, created.history_date) == ("+", "Kuliner", batch.committed_at)
    assert (changed.history_type, changed.bidang_usaha, changed.history_change_reason) == ("~", "Fesyen", "Salah ketik")
    page = _page(client, person.get_absolute_url())
    assert "Bidang usaha: Kuliner → Fesyen" in _text(page) and _origin(batch, "pelatihan.csv", staf) in page


def test_an_engine_run_without_a_batch_still_writes_a_history_row_per_record(pesantren_nspps):
    # The pesantren of the fixture were imported by run_import directly (no batch): each has its '+' row.
    assert Pesantren.objects.filter(import_batch=None).count() == 20
    assert Pesantren.history.filter(history_type="+").count() == 20
