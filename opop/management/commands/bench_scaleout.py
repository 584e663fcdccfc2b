"""`manage.py bench_scaleout` (run by bench/scaleout, which installs nginx and PgBouncer and builds the data):

1. throughput with one and two app servers, straight to PostgreSQL and through PgBouncer (short runs, no think time);
2. a large export on a worker through PgBouncer's transaction pool with server-side cursors on: does it break?
3. the failover run: nginx → two app servers, two workers, PgBouncer; the mixed locust load (officers also adding
   santripreneur); an officer uploads a file and confirms its write; while the write's transaction is open, its
   worker is SIGKILLed, and so is an app server; then the checks of opop/bench/scaleout_checks.py.
Prints everything; --output replaces the "## Scale-out" section of a Markdown file with it. Fails when a check fails."""

import time
from pathlib import Path

import psycopg
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from opop.bench import scaleout_checks as checks
from opop.bench.floors import load_average
from opop.bench.scaleout import Cluster, Officer, import_rows, locust_summary, start_locust
from opop.imports.models import ImportBatch
from opop.jobs.models import Job
from pesantren.models import Pesantren, Santripreneur, SantripreneurTally

NIK_START = 3578990000000000  # the imported people's NIKs: no bench person and no form-made person has these
FULL = {"seconds": 60, "users": 20, "rows": 50_000, "throughput_seconds": 20, "throughput_users": 6, "kill_age": 1.0}
TINY = {"seconds": 5, "users": 4, "rows": 500, "throughput_seconds": 3, "throughput_users": 2, "kill_age": 0.5}
SECTION = "## Scale-out"


class Command(BaseCommand):
    help = "Uji skala keluar: nginx, dua server aplikasi, dua pekerja, PgBouncer; satu server dan satu pekerja mati."

    def add_arguments(self, parser):
        parser.add_argument("--run-dir", required=True, help="folder sementara untuk konfigurasi, log dan berkas")
        parser.add_argument("--database", required=True)
        parser.add_argument("--tiny", action="store_true", help="5 dtk beban, impor 500 baris (uji otomatis)")
        parser.add_argument("--output", help="ganti bagian '## Scale-out' berkas Markdown ini dengan hasilnya")

    def handle(self, *args, run_dir, database, tiny, output, **options):
        self.size, self.lines, self.results = (TINY if tiny else FULL), [], []
        cluster = Cluster(run_dir, database)
        (cluster.media / "private").mkdir(parents=True, exist_ok=True)
        try:
            cluster.start_pgbouncer()
            self.throughput(cluster)
            self.cursor_probe(cluster)
            self.failover(cluster)
        finally:
            cluster.stop_all()
        passed = all(ok for ok, _line in self.results)
        self.say("", "Semua pemeriksaan lolos." if passed else "ADA PEMERIKSAAN YANG GAGAL.")
        if output:
            _replace_section(Path(output), "\n".join(self.lines))
        if not passed:
            raise CommandError("bench_scaleout: ada pemeriksaan yang gagal")

    def say(self, *lines):
        for line in lines:
            self.stdout.write(line)
            self.lines.append(line)

    def verdict(self, result):
        self.results.append(result)
        ok, line = result
        self.say(f"- {'[OK]' if ok else '[GAGAL]'} {line}")

    # ------------------------------------------------------------ 1. throughput

    def throughput(self, cluster):
        size = self.size
        self.say(
            SECTION,
            "",
            f"{Santripreneur.objects.count():,} santripreneur; nginx → gunicorn app servers of 3 sync workers each "
            "(2 cores); the mixed locust load of bench/locustfile.py with no think time, "
            f"{size['throughput_users']} users, {size['throughput_seconds']} s a run.",
            "",
            "| App servers | Database | req/s | p50 ms | p95 ms | Failures | Load before → after |",
            "|---|---|---|---|---|---|---|",
        )
        for servers, pooled in ((1, False), (2, False), (1, True), (2, True)):
            url = cluster.pooled_url() if pooled else cluster.direct_url()
            ports = [cluster.start_app(f"tp-app-{i}", url) for i in range(servers)]
            nginx, _log = cluster.start_nginx(ports)
            before = load_average()
            name = f"tp-{servers}-{'pool' if pooled else 'direct'}"
            env = {"NO_THINK": "1"}
            start_locust(cluster, name, f"http://127.0.0.1:{nginx}", users=size["throughput_users"],
                         seconds=size["throughput_seconds"], env=env).wait()  # fmt: skip
            run = locust_summary(cluster, name)
            database = "PgBouncer (transaction pool)" if pooled else "PostgreSQL direct"
            self.say(
                f"| {servers} | {database} | {run['rps']:.1f} | {run['p50']:.0f} | {run['p95']:.0f} | "
                f"{run['failures']} | {_load(before, load_average())} |"
            )
            cluster.stop("nginx")
            cluster.stop_all("tp-")

    # ------------------------------------------------------------ 2. server-side cursors through the pool

    def cursor_probe(self, cluster):
        """An export (rows read with .iterator(), a server-side cursor) on a worker through the transaction pool
        with server-side cursors left on, while a load keeps the pool's server connections changing hands."""
        port = cluster.start_app("probe-app", cluster.pooled_url())
        nginx, _log = cluster.start_nginx([port])
        url = cluster.pooled_url().split("?")[0] + "?conn_max_age=0"  # DISABLE_SERVER_SIDE_CURSORS left False
        cluster.start_worker("probe-worker", url)
        load = start_locust(cluster, "probe-load", f"http://127.0.0.1:{nginx}", users=4, seconds=600,
                            env={"NO_THINK": "1"})  # fmt: skip
        officer = Officer(f"http://127.0.0.1:{nginx}")
        officer.sign_in()
        outcomes = []
        for _ in range(3):
            started = Job.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            officer.session.get(officer.base + "/santripreneur/?format=csv", timeout=120)
            job = _wait(lambda started=started: Job.objects.filter(pk__gt=started, kind="ekspor").first(), 60)
            _wait(lambda job=job: Job.objects.get(pk=job.pk).finished, 300)
            outcomes.append(Job.objects.get(pk=job.pk))
        load.terminate()
        broken = [job for job in outcomes if job.status == Job.Status.FAILED]
        log = (cluster.run_dir / "probe-worker.log").read_text(errors="replace")
        cause = "InvalidCursorName: cursor … does not exist" if "InvalidCursorName" in log else "see the worker's log"
        self.say(
            "",
            "PgBouncer in transaction pooling with server-side cursors on (an export job reads its rows with "
            f".iterator()): {len(broken)} of {len(outcomes)} export jobs failed"
            + (f" ({cause})" if broken else "")
            + ". The app servers therefore go through the transaction pool with DISABLE_SERVER_SIDE_CURSORS=True "
            "and CONN_MAX_AGE=0; the workers, whose exports stream million-row lists, through a session pool "
            "(server-side cursors kept: rows are fetched 2 000 at a time, not held in memory).",
        )
        cluster.stop_all("probe-")
        cluster.stop("nginx")

    # ------------------------------------------------------------ 3. failover

    def failover(self, cluster):
        size, rows = self.size, self.size["rows"]
        app_ports = [cluster.start_app(name, cluster.pooled_url()) for name in ("app-a", "app-b")]
        for worker_id in ("worker-1", "worker-2"):
            cluster.start_worker(worker_id, cluster.pooled_url("session"))
        nginx, access_log = cluster.start_nginx(app_ports)
        base = f"http://127.0.0.1:{nginx}"
        officer = Officer(base)
        officer.sign_in()
        nspps = list(Pesantren.objects.values_list("nspp", flat=True)[:300])
        began = time.monotonic()
        batch_id = officer.upload("skala.csv", import_rows(rows, nspps, NIK_START))
        checked = ImportBatch.objects.get(pk=batch_id).jobs.filter(kind="impor_periksa", status=Job.Status.DONE)
        check = _wait(checked.first, 600)
        self.say(
            "",
            f"Failover: nginx → app servers A and B (PgBouncer transaction pool), workers 1 and 2 (PgBouncer "
            f"session pool), shared media folder. An officer uploaded {rows:,} rows through nginx (checked by "
            f"{check.worker_id} in {_seconds(check):.1f} s, {time.monotonic() - began:.0f} s from upload to preview).",
        )
        creates = cluster.run_dir / "creates.txt"
        pesantren = ",".join(map(str, Pesantren.objects.values_list("pk", flat=True)[:50]))
        env = {"CREATES_OUT": str(creates), "CREATES_PESANTREN": pesantren, "CREATES_NIK_PREFIX": "357999"}
        load_started, before = time.time(), load_average()
        load = start_locust(cluster, "failover", base, users=size["users"], seconds=size["seconds"], env=env)
        time.sleep(2)
        officer.commit(batch_id)
        kills = self.kill_in_flight(cluster, batch_id, load_started)
        load.wait()
        load_ended, after = time.time(), load_average()
        _wait(lambda: ImportBatch.objects.get(pk=batch_id).jobs.get(kind="impor_tulis").finished, 900)
        write = ImportBatch.objects.get(pk=batch_id).jobs.get(kind="impor_tulis")
        run = locust_summary(cluster, "failover")
        self.say(
            f"Mixed load: {size['users']} users for {size['seconds']} s through nginx: {run['requests']:,} requests, "
            f"{run['rps']:.1f} req/s, p50 {run['p50']:.0f} ms, p95 {run['p95']:.0f} ms "
            f"({_load(before, after)}).",
            f"Killed (SIGKILL) {kills['worker']} {kills['worker_at'] - load_started:.1f} s into the load, its write "
            f"transaction open {kills['age']:.1f} s, {kills['visible']} of its rows visible to others; app server "
            f"A {kills['app_at'][0] - load_started:.1f} s into the load; the load ran until "
            f"{load_ended - load_started:.1f} s.",
            f"The write ran again on {write.worker_id}: {_seconds(write):.1f} s for {rows:,} rows (check and write); "
            f"{_imports_per_hour(check, write)} imports of {rows:,} rows an hour with two workers at this pace.",
            "",
        )
        self.verdict(
            (
                kills["worker_at"] < load_ended and kills["app_at"][1] < load_ended,
                "pekerja dan server aplikasi dimatikan selama beban berjalan",
            )
        )
        self.verdict(checks.acknowledged_creates(creates))
        self.verdict(
            checks.failed_requests(checks.nginx_requests(access_log), app_ports[0], kills["app_at"], run["failures"])
        )
        self.verdict(checks.import_once(batch_id, rows, NIK_START, kills["worker"]))
        self.verdict(checks.tallies_equal())

    def kill_in_flight(self, cluster, batch_id, load_started):
        """SIGKILL the worker whose write transaction has been open kill_age s (all its rows sent, none committed),
        and app server A then or halfway through the load, whichever comes first."""
        table, kills = Santripreneur._meta.db_table, {}
        with _tally_held(self.size is TINY):  # a 500-row write is over in a blink: hold it open at its tallies
            deadline = time.monotonic() + 600
            while time.monotonic() < deadline:
                if "app_at" not in kills and time.time() - load_started > self.size["seconds"] / 2:
                    kills["app_at"] = (time.time(), cluster.kill("app-a"))
                age = checks.writing_transaction_age(table)
                job = ImportBatch.objects.get(pk=batch_id).jobs.filter(kind="impor_tulis").first()
                if job and job.finished:
                    raise CommandError(f"the import's write ended before it could be interrupted: {job.message}")
                writing = job and job.status == Job.Status.RUNNING and job.phase.startswith("Menulis")
                if writing and age and age >= self.size["kill_age"]:
                    kills |= {"worker": job.worker_id, "age": age, "visible": _batch_rows(self.size["rows"])}
                    kills["worker_at"] = time.time()
                    cluster.kill(job.worker_id)
                    break
                time.sleep(0.1)
            else:
                raise CommandError("the import's write never began")
        if "app_at" not in kills:
            kills["app_at"] = (time.time(), cluster.kill("app-a"))
        return kills


class _tally_held:
    """Holds the santripreneur tally table from another connection (when `hold`), so a short write waits inside its
    transaction until the worker is killed."""

    def __init__(self, hold):
        self.hold, self.connection = hold, None

    def __enter__(self):
        if self.hold:
            db = connection.settings_dict
            self.connection = psycopg.connect(
                dbname=db["NAME"], user=db["USER"], password=db["PASSWORD"], host=db["HOST"], port=db["PORT"]
            )
            self.connection.execute(f"LOCK TABLE {SantripreneurTally._meta.db_table} IN EXCLUSIVE MODE")
        return self

    def __exit__(self, *exc):
        if self.connection:
            self.connection.rollback()
            self.connection.close()


def _batch_rows(rows):
    return Santripreneur.objects.filter(nik__gte=str(NIK_START), nik__lte=str(NIK_START + rows - 1)).count()


def _wait(predicate, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise CommandError(f"waited {timeout} s in vain")


def _seconds(job):
    return (job.finished_at - job.started_at).total_seconds() if job.finished_at and job.started_at else 0.0


def _imports_per_hour(check, write):
    seconds = _seconds(check) + _seconds(write)
    return f"{2 * 3600 / seconds:.0f}" if seconds else "—"


def _load(before, after):
    return f"load {before:.2f} → {after:.2f}" if before is not None and after is not None else "load —"


def _replace_section(path, text):
    """Put `text` in place of the file's "## Scale-out" section (up to the next "## "), or at its end."""
    content = path.read_text(encoding="utf-8") if path.exists() else ""
    start = content.find(SECTION)
    if start < 0:
        content = content.rstrip("\n") + "\n\n" + text + "\n"
    else:
        following = content.find("\n## ", start + len(SECTION))
        content = content[:start] + text + "\n" + (content[following:] if following >= 0 else "")
    path.write_text(content, encoding="utf-8")
