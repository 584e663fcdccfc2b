"""Django admin's pages of a Job and an ImportBatch that hold a file: they render (they answered 500: the private
storage has no public URL), show the file read-only, and link to the checked download views, never to the file."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from opop.imports.services import import_preview
from opop.jobs.models import Job
from tests.importer.data import SANTRI_HEADERS, santri_rows, to_csv


@pytest.fixture
def batch_with_files(staf, pesantren_nspps, private_media):
    rows = santri_rows(3, pesantren_nspps)
    rows[1][3] = "31/02/1990"  # a failed row: the batch gets a failed-rows file too
    upload = SimpleUploadedFile("santri.csv", to_csv(SANTRI_HEADERS, rows), content_type="text/csv")
    return import_preview(actor=staf, kind="santripreneur", uploaded_file=upload)


@pytest.fixture
def export_job(settings, staf, client, people):
    settings.EXPORT_IMMEDIATE_MAX_ROWS = 5
    client.force_login(staf)
    client.get("/santripreneur/?format=csv")
    job = Job.objects.get(kind="ekspor")
    assert job.result_file
    return job


def test_the_admin_page_of_a_job_with_a_result_file_renders(export_job, as_persona):
    html = as_persona("admin").get(f"/admin/jobs/job/{export_job.pk}/change/").content.decode()
    assert f'href="/pekerjaan/{export_job.pk}/unduh/"' in html  # the checked download, not the storage path
    assert export_job.result_file.name not in html.split('href="')[-1]


def test_the_admin_page_of_an_import_batch_renders(batch_with_files, as_persona):
    response = as_persona("admin").get(f"/admin/imports/importbatch/{batch_with_files.pk}/change/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="/impor/batch/{batch_with_files.pk}/"' in html
    assert f'href="/impor/batch/{batch_with_files.pk}/baris-gagal.xlsx"' in html


@pytest.mark.parametrize("url", ["/admin/jobs/job/", "/admin/imports/importbatch/"])
def test_the_admin_lists_render(url, export_job, batch_with_files, as_persona):
    assert as_persona("admin").get(url).status_code == 200
