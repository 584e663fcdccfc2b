"""A user's job results and import files follow their current role and OPD: a Staf account changed to Petugas OPD
no longer reaches the export it made as Staf (full NIKs, phones, birth dates), nor its import's failed-rows file or
batch page. Changing the role back gives them back (the files were the user's own under that role)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from opop.accounts.roles import Role
from opop.imports.models import ImportBatch
from opop.jobs.models import Job
from opop.jobs.services import job_start
from tests.importer.data import SANTRI_HEADERS, nik, santri_rows, to_csv


@pytest.fixture
def staf_files(settings, staf, client, people, private_media):
    """As Staf: a large export (a job with a file of full NIKs) and an import with a failed row."""
    settings.EXPORT_IMMEDIATE_MAX_ROWS = 5
    client.force_login(staf)
    client.get("/santripreneur/?format=csv")
    rows = santri_rows(3, [people[0].pesantren.nspp], start=500)
    rows[1][3] = "31/02/1990"  # an impossible birth date: a failed row
    upload = SimpleUploadedFile("santri.csv", to_csv(SANTRI_HEADERS, rows), content_type="text/csv")
    client.post("/impor/santripreneur/", {"file": upload})
    job = Job.objects.get(kind="ekspor")
    batch = ImportBatch.objects.get()
    assert job.status == "selesai" and batch.errors
    return client, job, batch


def _urls(job, batch):
    return [
        f"/pekerjaan/{job.pk}/",
        f"/pekerjaan/{job.pk}/status.json",
        f"/pekerjaan/{job.pk}/unduh/",
        f"/pekerjaan/{batch.jobs.first().pk}/",
        f"/impor/batch/{batch.pk}/",
        f"/impor/batch/{batch.pk}/baris-gagal.csv",
        f"/impor/batch/{batch.pk}/baris-gagal.xlsx",
    ]


def _body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_before_the_change_the_staf_reaches_every_file(staf_files):
    client, job, batch = staf_files
    for url in _urls(job, batch):
        assert client.get(url).status_code == 200, url
    assert nik(0)[:8].encode() in _body(client.get(f"/pekerjaan/{job.pk}/unduh/"))  # the NIKs really are there


def test_a_staf_changed_to_petugas_opd_reaches_none_of_them(staf_files, staf, opd_a):
    client, job, batch = staf_files
    staf.role, staf.opd = Role.PETUGAS_OPD, opd_a
    staf.save()
    for url in _urls(job, batch):
        response = client.get(url)
        assert response.status_code == 404, url
        body = _body(response)
        assert b"3517" not in body and b"081234567890" not in body  # nothing of the NIKs or phones
    listing = client.get("/pekerjaan/").content.decode()
    assert f"/pekerjaan/{job.pk}/" not in listing
    assert f"/impor/batch/{batch.pk}/" not in client.get("/impor/").content.decode()


def test_an_officer_moved_to_another_opd_leaves_their_files_behind(petugas_a, opd_b, client, private_media):
    job = job_start(actor=petugas_a, kind="rekap_fgd", params={"tahun": 2024})
    client.force_login(petugas_a)
    assert client.get(f"/pekerjaan/{job.pk}/").status_code == 200
    petugas_a.opd = opd_b
    petugas_a.save()
    assert client.get(f"/pekerjaan/{job.pk}/").status_code == 404


def test_the_same_role_and_opd_again_gives_the_files_back(staf_files, staf, opd_a):
    client, job, _batch = staf_files
    own_opd = staf.opd
    staf.role, staf.opd = Role.PETUGAS_OPD, opd_a
    staf.save()
    assert client.get(f"/pekerjaan/{job.pk}/unduh/").status_code == 404
    staf.role, staf.opd = Role.STAF_DISKOP, own_opd
    staf.save()
    assert client.get(f"/pekerjaan/{job.pk}/unduh/").status_code == 200


def test_an_admin_still_sees_every_file(staf_files, staf, opd_a, as_persona):
    _client, job, batch = staf_files
    staf.role, staf.opd = Role.PETUGAS_OPD, opd_a
    staf.save()
    admin = as_persona("admin")
    assert admin.get(f"/pekerjaan/{job.pk}/unduh/").status_code == 200
    assert admin.get(f"/impor/batch/{batch.pk}/baris-gagal.csv").status_code == 200
