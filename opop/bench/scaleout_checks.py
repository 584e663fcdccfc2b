"""What bench/scaleout checks after losing an app server and a worker: every acknowledged create is in the
database, the only failed requests are those in flight on the killed server, the interrupted import was run again
by the surviving worker and written once, and the tallies equal a direct count. Each check is (passed, line)."""

import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count
from django_tasks_db.models import DBTaskResult

from opop.imports.models import ImportBatch
from opop.jobs.models import Job
from pesantren import tallies
from pesantren.models import Santripreneur

LOG_LINE = re.compile(r'(?P<end>[\d.]+) (?P<took>[\d.]+) (?P<status>\d+) (?P<method>\S+) "(?P<upstream>[^"]*)" "[^"]*"')


@dataclass
class Logged:
    start: float
    end: float
    status: int
    method: str
    upstream: str


def nginx_requests(path):
    found = []
    for line in path.read_text().splitlines():
        match = LOG_LINE.match(line)
        if match:
            end, took = float(match["end"]), float(match["took"])
            found.append(Logged(end - took, end, int(match["status"]), match["method"], match["upstream"]))
    return found


def acknowledged_creates(path):
    """Every create the portal acknowledged is in the database with its NIK."""
    lines = path.read_text().splitlines() if path.exists() else []
    acknowledged = dict(line.split()[1:3] for line in lines if line.startswith("ok "))
    refused = [line.split()[1] for line in lines if line.startswith("gagal ")]
    stored = dict(Santripreneur.objects.filter(pk__in=acknowledged).values_list("pk", "nik"))
    missing = [pk for pk, nik in acknowledged.items() if stored.get(int(pk)) != nik]
    unacknowledged_in = Santripreneur.objects.filter(nik__in=refused).count()
    line = (
        f"tidak ada tulisan yang hilang: {len(acknowledged)} tambah santripreneur diakui, {len(missing)} tidak ada di "
        f"basis data; {len(refused)} tidak diakui (terputus), {unacknowledged_in} di antaranya tetap tersimpan"
    )
    return bool(acknowledged) and not missing, line


def failed_requests(logged, killed_port, killed_between, locust_failures):
    """Failures (5xx from nginx, and locust's count) are only requests in flight on the killed app server."""
    began, ended = killed_between
    on_killed = [r for r in logged if f":{killed_port}" in r.upstream and r.start <= ended and r.end >= began]
    failed = [r for r in logged if r.status >= 500]
    outside = [r for r in failed if r not in on_killed]
    retried = [r for r in on_killed if r.status < 500]
    line = (
        f"permintaan gagal hanya yang sedang berjalan di server yang dimatikan: {len(on_killed)} sedang berjalan di "
        f"sana ({', '.join(sorted({r.method for r in on_killed})) or '-'}), {len(retried)} diulang nginx di server "
        f"lain dan berhasil, {len(failed) - len(outside)} gagal (502); gagal di luar itu: {len(outside)}; "
        f"kegagalan menurut locust: {locust_failures}"
    )
    return not outside and locust_failures == len(failed), line


def import_once(batch_id, rows, nik_start, killed_worker):
    """The interrupted write ran again on the surviving worker and wrote every row once."""
    batch = ImportBatch.objects.get(pk=batch_id)
    job = batch.jobs.get(kind="impor_tulis")
    niks = Santripreneur.objects.filter(nik__gte=str(nik_start), nik__lte=str(nik_start + rows - 1))
    written = niks.count()
    # History rows of this write only: earlier runs on the same database left theirs (same NIKs, same ids).
    history = Santripreneur.history.filter(
        nik__gte=str(nik_start), nik__lte=str(nik_start + rows - 1), history_date__gte=job.created_at
    )
    twice = history.filter(history_type="+").values("nik").annotate(n=Count("history_id")).filter(n__gt=1).count()
    tasks = list(DBTaskResult.objects.filter(args_kwargs__args=[job.pk]).values_list("status", "worker_ids"))
    passed = (
        job.status == Job.Status.DONE
        and job.attempts == 2
        and job.worker_id != killed_worker
        and written == rows
        and batch.status == ImportBatch.Status.COMMITTED
        and (batch.counts or {}).get("create") == rows
        and not twice
    )
    line = (
        f"impor yang terputus diulang oleh pekerja yang tersisa dan tertulis sekali: pekerjaan #{job.pk} "
        f"{job.status}, percobaan {job.attempts}, dimatikan di {killed_worker}, selesai di {job.worker_id}; "
        f"baris batch {written:,} dari {rows:,}, NIK tercatat dibuat dua kali: {twice}; tugas antrean {tasks}"
    )
    return passed, line


def tallies_equal():
    differences = tallies.differences()
    line = f"rekap (tally) = hitungan langsung: {len(differences)} selisih"
    if differences:
        line += f" (mis. {differences[:3]})"
    return not differences, line


def writing_transaction_age(table):
    """Seconds the oldest open transaction holding rows of `table` for writing has run (None when none does):
    the import's write holds its lock for seconds, a form's create for milliseconds."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT extract(epoch FROM now() - a.xact_start) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE l.relation = %s::regclass AND l.mode = 'RowExclusiveLock' AND a.datname = current_database() "
            "ORDER BY a.xact_start LIMIT 1",
            [table],
        )
        row = cursor.fetchone()
    return float(row[0]) if row else None
