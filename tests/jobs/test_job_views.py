"""Pekerjaan saya: who sees which job, the status JSON, the private download, retry (POST only)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from opop.accounts.permissions import access_scope
from opop.imports import engine
from opop.imports.models import ImportBatch
from opop.jobs.models import Job
from opop.jobs.services import job_start, purge_expired
from tests.access import PERSONAS
from tests.importer.data import SANTRI_HEADERS, santri_rows, to_csv


@pytest.fixture
def staf_job(staf, private_media):
    job = Job.objects.create(
        kind="ekspor",
        label="Ekspor santripreneur (CSV)",
        started_by=staf,
        access_scope=access_scope(staf),
        status="selesai",
        params={"list": "santripreneur", "format": "csv", "query": ""},
    )
    path = private_media / "jobs" / "hasil.csv"
    path.parent.mkdir(parents=True)
    path.write_text("ID,Nama\n1,Siti\n", encoding="utf-8")
    Job.objects.filter(pk=job.pk).update(result_file="jobs/hasil.csv", result_name="santripreneur.csv")
    job.refresh_from_db()
    return job


@pytest.mark.parametrize("persona", PERSONAS)
def test_job_list_is_open_to_every_signed_in_role(persona, as_persona):
    response = as_persona(persona).get("/pekerjaan/")
    if persona == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith("/akun/masuk/")
    else:
        assert response.status_code == 200 and "Pekerjaan saya" in response.content.decode()


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("staf", 200), ("admin", 200), ("pimpinan", 404), ("petugas_a", 404), ("anonymous", 302)],
)
@pytest.mark.parametrize("suffix", ["", "status.json", "unduh/"])
def test_a_job_and_its_file_are_for_its_owner_and_admins_only(persona, expected, suffix, staf_job, as_persona):
    response = as_persona(persona).get(f"/pekerjaan/{staf_job.pk}/{suffix}")
    assert response.status_code == expected


def test_the_owner_downloads_the_result_from_private_storage(staf_job, as_persona):
    response = as_persona("staf").get(f"/pekerjaan/{staf_job.pk}/unduh/")
    assert b"".join(response.streaming_content) == b"ID,Nama\n1,Siti\n"
    assert 'filename="santripreneur.csv"' in response["Content-Disposition"]
    assert response["Content-Type"] == "text/csv; charset=utf-8"


def test_a_result_gone_from_the_disk_is_404_not_an_error(staf_job, as_persona, private_media):
    (private_media / "jobs" / "hasil.csv").unlink()  # e.g. purged by housekeeping
    assert as_persona("staf").get(f"/pekerjaan/{staf_job.pk}/unduh/").status_code == 404  # before: a 500


def test_status_json_carries_progress_and_no_personal_data(staf, as_persona):
    job = Job.objects.create(
        kind="impor_tulis",
        label="Impor",
        started_by=staf,
        access_scope=access_scope(staf),
        status="berjalan",
        done=250,
        total=1000,
        started_at=timezone.now() - timezone.timedelta(seconds=10),
        phase="Memeriksa baris",
    )
    data = as_persona("staf").get(f"/pekerjaan/{job.pk}/status.json").json()
    assert data["status"] == "berjalan" and data["percent"] == 25 and data["total"] == 1000
    assert 25 <= data["eta_seconds"] <= 35
    assert set(data) == {
        "status",
        "status_label",
        "phase",
        "done",
        "total",
        "percent",
        "eta_seconds",
        "message",
        "finished",
    }


def test_retry_is_post_only_and_only_for_failed_jobs(staf_job, as_persona):
    client = as_persona("staf")
    assert client.get(f"/pekerjaan/{staf_job.pk}/coba-lagi/").status_code == 405
    response = client.post(f"/pekerjaan/{staf_job.pk}/coba-lagi/", follow=True)
    assert "Hanya pekerjaan yang gagal" in response.content.decode()
    assert Job.objects.get(pk=staf_job.pk).status == "selesai"


def test_retry_ignores_an_outside_next_address(staf, as_persona, db):
    job = Job.objects.create(
        kind="rekap_ulang", label="Rekap", started_by=staf, access_scope=access_scope(staf), status="gagal"
    )
    response = as_persona("staf").post(f"/pekerjaan/{job.pk}/coba-lagi/", {"next": "//jahat.example/"})
    assert response["Location"] == f"/pekerjaan/{job.pk}/"


def test_another_staf_member_cannot_retry_my_job(staf_job, client, db):
    from opop.accounts.roles import Role
    from opop.accounts.services import user_create
    from tests.conftest import PASSWORD

    Job.objects.filter(pk=staf_job.pk).update(status="gagal")
    client.force_login(user_create(username="staf2", password=PASSWORD, role=Role.STAF_DISKOP))
    assert client.post(f"/pekerjaan/{staf_job.pk}/coba-lagi/").status_code == 404
    assert Job.objects.get(pk=staf_job.pk).status == "gagal"


@pytest.mark.parametrize(("persona", "expected"), [("admin", 302), ("staf", 403), ("pimpinan", 403)])
def test_only_admins_start_tally_jobs(persona, expected, as_persona):
    response = as_persona(persona).post("/pekerjaan/mulai/rekonsiliasi/")
    assert response.status_code == expected
    assert Job.objects.filter(kind="rekonsiliasi").exists() == (expected == 302)
    assert as_persona(persona).post("/pekerjaan/mulai/hapus-semua/").status_code == 404


def test_expired_results_are_deleted_with_their_files(staf_job, private_media):
    Job.objects.filter(pk=staf_job.pk).update(expires_at=timezone.now() - timezone.timedelta(minutes=1))
    assert purge_expired() == 1
    assert not Job.objects.filter(pk=staf_job.pk).exists()
    assert not (private_media / "jobs" / "hasil.csv").exists()


def test_the_upload_request_only_stores_the_file_and_queues_the_check(
    settings, as_persona, pesantren_nspps, private_media, monkeypatch
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}  # queued, never run

    def refuse(*args, **kwargs):
        raise AssertionError("the request parsed a row")

    monkeypatch.setattr(engine.RowResult, "__init__", refuse)
    upload = SimpleUploadedFile("s.csv", to_csv(SANTRI_HEADERS, santri_rows(50, pesantren_nspps)))
    response = as_persona("staf").post("/impor/santripreneur/", {"file": upload})
    batch = ImportBatch.objects.get()
    assert response["Location"] == f"/impor/batch/{batch.pk}/"
    assert batch.status == "checking" and batch.row_count == 0
    job = batch.jobs.get()
    assert job.status == "antre" and job.kind == "impor_periksa" and job.task_id
    page = as_persona("staf").get(response["Location"]).content.decode()
    assert "Sedang diperiksa" in page and "data-job-status-url" in page and "Tulis ke registri" not in page


def test_a_failing_job_shows_our_message_never_the_exception_text(staf, monkeypatch, db, caplog):
    def boom(run):
        raise ValueError("NIK 3517010101900001 tidak cocok")

    monkeypatch.setattr("opop.jobs.runner.handler_for", lambda kind: boom)
    job = job_start(actor=staf, kind="rekap_ulang")
    assert job.status == "gagal"
    assert "3517" not in job.message and "ValueError" in job.message and str(job.pk) in job.message
    assert "ValueError" in caplog.text and "3517" not in caplog.text


def test_the_queue_carries_only_the_job_id(settings, staf, db):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    job = job_start(actor=staf, kind="ekspor", params={"list": "santripreneur", "format": "csv", "query": "q=siti"})
    assert DBTaskResult.objects.get(id=job.task_id).args_kwargs == {"args": [job.pk], "kwargs": {}}


def test_the_jobs_page_switches_to_english(staf_job, as_persona):
    client = as_persona("staf")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/pekerjaan/").content.decode()
    assert "My jobs" in html and ">done<" in html and "Result files are kept 7 days" in html
