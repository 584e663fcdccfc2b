"""Bench of the background jobs at target scale: the web request that starts each job (test client, server
time), then a real `db_worker --batch` process that runs it, with rows/s and the worker's peak RSS (wait4)."""

import os
import random
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from opop.accounts.roles import Role
from opop.bench.floors import csv_floor
from opop.bench.generate import person_name
from opop.bench.measure import run_watched
from opop.bench.xlsx_writers import measure_writers
from opop.imports.models import ImportBatch
from opop.jobs.models import Job
from pesantren.exports import SANTRI_FIELDS
from pesantren.models import Pesantren, Santripreneur
from pesantren.selectors import santripreneur_visible_to


def _run_worker():
    """Run every queued job in a fresh worker process; returns (seconds, peak RSS in MB, CPU seconds)."""
    argv = [sys.executable, "manage.py", "db_worker", "--batch", "--no-reload", "--no-startup-delay"]
    return run_watched([*argv, "--queue-name", "*", "-v", "0"], cwd=settings.BASE_DIR)


def _timed(call):
    started = time.perf_counter()
    response = call()
    return response, (time.perf_counter() - started) * 1000


def _job_rate(job):
    seconds = (job.finished_at - job.started_at).total_seconds()
    return job.done / seconds if seconds else 0, seconds


def measure_jobs(bench, import_rows, *, writer_rows):
    client = Client(HTTP_HOST="localhost")  # an allowed host; secure=True skips the HTTPS redirect
    client.force_login(bench.user(Role.STAF_DISKOP))
    total = Santripreneur.objects.count()
    with tempfile.TemporaryDirectory() as tmp:  # the floor: the same rows and columns written as CSV by PostgreSQL
        rows = santripreneur_visible_to(bench.user(Role.STAF_DISKOP)).order_by("nama", "pk")
        floor = csv_floor(rows.values_list(*SANTRI_FIELDS), Path(tmp) / "floor.csv")
    for fmt in ("csv", "xlsx"):
        response, request_ms = _timed(lambda fmt=fmt: client.get(f"/santripreneur/?format={fmt}", secure=True))
        job = Job.objects.filter(kind="ekspor").latest("created_at")
        assert response.status_code == 302, response.status_code
        _seconds, rss, cpu = _run_worker()
        job.refresh_from_db()
        if job.status != Job.Status.DONE:
            raise RuntimeError(f"export job failed: {job.message}")
        rate, seconds = _job_rate(job)
        size = os.path.getsize(job.result_file.path) / 1024 / 1024
        bench.record(
            f"Pekerjaan: ekspor {total:,} santripreneur ke {fmt.upper()}",
            f"{rate:,.0f} baris/dtk ({seconds:.1f} dtk)",
            floor=f"{floor:,.0f} baris/dtk (CSV oleh PostgreSQL)" if floor else "—",
            x_floor=f"{floor / rate:.1f}× lebih lambat" if floor and rate else "",
            notes=f"RSS puncak pekerja {rss:.0f} MB; CPU pekerja {cpu:.1f} dtk ({total / cpu:,.0f} baris per "
            f"dtk CPU, tak tergantung beban); berkas {size:.0f} MB; permintaan yang memulainya {request_ms:.0f} ms",
        )

    measure_writers(bench, writer_rows)  # the XLSX writers side by side on the same export's rows

    nspps = list(Pesantren.objects.values_list("nspp", flat=True)[:500])
    start = Santripreneur.objects.count() + 20_000_000
    rng = random.Random(11)
    lines = ["Nama lengkap,NIK,Jenis kelamin,Tanggal lahir,NSPP pesantren,Status,Tahun terdaftar"]
    lines += [
        f"{person_name(rng)},{3578000000000000 + start + i},P,{1 + i % 28:02d}-{1 + i % 12:02d}-2002,"
        f"{nspps[i % len(nspps)]},Aktif,2024"
        for i in range(import_rows)
    ]
    upload = SimpleUploadedFile("bench-jobs.csv", ("\n".join(lines) + "\n").encode(), content_type="text/csv")
    response, upload_ms = _timed(lambda: client.post("/impor/santripreneur/", {"file": upload}, secure=True))
    assert response.status_code == 302, response.status_code
    batch = ImportBatch.objects.latest("uploaded_at")
    _seconds, check_rss, _cpu = _run_worker()
    check = batch.jobs.get(kind="impor_periksa")
    rate, seconds = _job_rate(check)
    bench.record(
        f"Pekerjaan: impor {import_rows:,} baris, periksa",
        f"{rate:,.0f} baris/dtk ({seconds:.1f} dtk)",
        notes=f"RSS puncak pekerja {check_rss:.0f} MB; unggahan {upload_ms:.0f} ms",
    )
    response, commit_ms = _timed(lambda: client.post(f"/impor/batch/{batch.pk}/tulis/", secure=True))
    _seconds, write_rss, _cpu = _run_worker()
    write = batch.jobs.get(kind="impor_tulis")
    if write.status != Job.Status.DONE:
        raise RuntimeError(f"import job failed: {write.message}")
    rate, seconds = _job_rate(write)
    bench.record(
        f"Pekerjaan: impor {import_rows:,} baris, periksa ulang + tulis",
        f"{rate:,.0f} baris/dtk ({seconds:.1f} dtk)",
        notes=f"RSS puncak pekerja {write_rss:.0f} MB; permintaan tulis {commit_ms:.0f} ms",
    )
