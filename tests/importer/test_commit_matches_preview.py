"""Issue 16: the commit writes what the officer previewed, or nothing. The write job re-checks the file; counts
that differ from the confirmed preview are refused with the difference, and the re-check becomes the new preview.
The preview of updates names each person and shows every changed field old → new."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from opop.common.reader_language import shown
from opop.imports.engine import run_import
from opop.imports.models import ImportBatch
from opop.imports.registry import get_spec
from opop.imports.services import counts_key, import_files_purge, import_preview
from pesantren.models import Santripreneur
from tests.importer.data import SANTRI_HEADERS, agency_xlsx, nik, santri

pytestmark = pytest.mark.usefixtures("private_media")


def _rows(nspps):
    return [
        santri("Ahmad Fauzi", nik(1), "L", "17-08-2004", nspps[0], phone="081234567890"),
        santri("Siti Aminah", nik(2), "P", "02-02-2003", nspps[1]),
        santri("Budi Santoso", nik(3), "L", "01-01-2000", nspps[2]),
    ]


def _preview(staf, rows):
    upload = SimpleUploadedFile("peserta.xlsx", agency_xlsx(SANTRI_HEADERS, rows))
    batch = import_preview(actor=staf, kind="santripreneur", uploaded_file=upload)
    batch.refresh_from_db()
    return batch


def test_the_preview_keeps_the_counts_the_officer_saw(pesantren_nspps, staf):
    batch = _preview(staf, _rows(pesantren_nspps))
    assert batch.previewed_counts == {"create": 3, "update": 0, "unchanged": 0, "invalid": 0}


def test_a_commit_whose_recheck_counts_differently_is_refused_showing_the_difference(
    pesantren_nspps, staf, admin, as_persona
):
    rows = _rows(pesantren_nspps)
    batch = _preview(staf, rows)
    client = as_persona("staf")
    key = client.get(batch.get_absolute_url()).content.decode().split('name="ringkasan" value="')[1].split('"')[0]
    assert key == "3-0-0-0"
    # Meanwhile someone else imports Ahmad Fauzi with another phone.
    other = agency_xlsx(SANTRI_HEADERS, [santri("Ahmad Fauzi", nik(1), "L", "17-08-2004", pesantren_nspps[0])])
    assert run_import(get_spec("santripreneur"), other, "lain.xlsx", actor=admin, commit=True).committed

    page = client.post(f"/impor/batch/{batch.pk}/tulis/", {"ringkasan": key}, follow=True).content.decode()
    assert (
        "Data santripreneur berubah sejak pratinjau yang Anda konfirmasi (baru 3 → 2, diperbarui 0 → 1); tidak ada "
        "yang ditulis." in page
    )
    assert Santripreneur.objects.count() == 1  # nothing of this batch was written
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.PREVIEWED
    assert batch.previewed_counts == {"create": 2, "update": 1, "unchanged": 0, "invalid": 0}
    assert 'data-count="update">1<' in page

    # The officer has seen the new preview; confirming it writes.
    done = client.post(f"/impor/batch/{batch.pk}/tulis/", {"ringkasan": "2-1-0-0"}, follow=True).content.decode()
    assert "Impor selesai: 2 data baru, 1 diperbarui" in done
    assert Santripreneur.objects.count() == 3


def test_a_commit_from_a_stale_preview_page_is_refused(pesantren_nspps, staf, as_persona):
    batch = _preview(staf, _rows(pesantren_nspps))
    page = as_persona("staf").post(f"/impor/batch/{batch.pk}/tulis/", {"ringkasan": "2-1-0-0"}, follow=True)
    assert "Pratinjau ini sudah diperiksa ulang sejak halaman dibuka" in page.content.decode()
    assert Santripreneur.objects.count() == 0
    assert counts_key(batch.previewed_counts) == "3-0-0-0"


def test_the_preview_of_updates_names_each_person_and_each_field_old_to_new(pesantren_nspps, staf, as_persona):
    rows = _rows(pesantren_nspps)
    run_import(get_spec("santripreneur"), agency_xlsx(SANTRI_HEADERS, rows), "a.xlsx", actor=staf, commit=True)
    rows[0][4] = "081299998888"
    rows[0][6] = "Batik"
    rows[1][5] = pesantren_nspps[3]
    batch = _preview(staf, rows)
    ahmad = Santripreneur.objects.get(nik=nik(1))
    assert shown(batch.changes) == [
        [
            4,
            "Ahmad Fauzi",
            [["Telepon", "081234567890", "081299998888"], ["Bidang usaha", "Kuliner", "Batik"]],
            ahmad.get_absolute_url(),
        ],
        [
            5,
            "Siti Aminah",
            [["Pesantren", "PP Uji 1", "PP Uji 3"]],
            Santripreneur.objects.get(nik=nik(2)).get_absolute_url(),
        ],
    ]
    client = as_persona("staf")
    page = client.get(batch.get_absolute_url()).content.decode()
    assert 'id="tabel-perubahan"' in page
    assert "<td><del>Kuliner</del></td><td>Batik</td>" in page
    assert "<td><del>PP Uji 1</del></td><td>PP Uji 3</td>" in page
    assert f'href="{ahmad.get_absolute_url()}"' not in page  # links only once written

    client.post(f"/impor/batch/{batch.pk}/tulis/", {"ringkasan": "0-2-1-0"})
    page = client.get(batch.get_absolute_url()).content.decode()
    assert f'<a href="{ahmad.get_absolute_url()}">Ahmad Fauzi</a>' in page
    ahmad.refresh_from_db()
    assert (ahmad.telepon, ahmad.bidang_usaha) == ("081299998888", "Batik")


def test_purging_the_file_also_drops_the_old_and_new_values(pesantren_nspps, staf, settings):
    rows = _rows(pesantren_nspps)
    run_import(get_spec("santripreneur"), agency_xlsx(SANTRI_HEADERS, rows), "a.xlsx", actor=staf, commit=True)
    rows[0][4] = "081299998888"
    batch = _preview(staf, rows)
    assert batch.changes
    ImportBatch.objects.filter(pk=batch.pk).update(uploaded_at=batch.uploaded_at.replace(year=2000))
    assert import_files_purge(older_than_days=14) == 1
    batch.refresh_from_db()
    assert batch.changes == [] and not batch.file


def test_purging_the_file_takes_the_dates_out_of_the_messages_kept(pesantren_nspps, staf):
    rows = _rows(pesantren_nspps)
    run_import(get_spec("santripreneur"), agency_xlsx(SANTRI_HEADERS, rows), "a.xlsx", actor=staf, commit=True)
    batch = _preview(staf, [santri("Dewi Lestari", nik(1), "P", "17-08-2004", pesantren_nspps[0])])
    assert "(lahir 17-08-2004)" in shown(batch.errors)[0][2]
    ImportBatch.objects.filter(pk=batch.pk).update(uploaded_at=batch.uploaded_at.replace(year=2000))
    import_files_purge(older_than_days=14)
    batch.refresh_from_db()
    assert batch.errors[0][:2] == [4, "NIK"]
    assert "(lahir **-**-****)" in shown(batch.errors)[0][2] and "2004" not in str(batch.errors[0][2])
