"""The processes of bench/scaleout on one machine: PgBouncer, gunicorn app servers, db_worker processes, nginx in
front, and locust; each in a process group of its own, its group id written to <run dir>/pids as it starts, so the
shell script's trap ends whatever is left even when this process was killed."""

import csv
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests
from django.conf import settings

from opop.bench.measure import wait_http
from opop.management.commands.bench import BENCH_PASSWORD

APP_WORKERS = 3  # gunicorn sync workers per app server: two servers share 2 cores (production: 2 × cores + 1 each)
# Plain HTTP on loopback (cookies may not be Secure-only, or no login sticks); one shared media folder; workers
# that beat every second and count a silent one as gone after five (production: 5 s and 60 s).
APP_ENVIRONMENT = {
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "False",
    "SESSION_COOKIE_SECURE": "False",
    "CSRF_COOKIE_SECURE": "False",
    "SECURE_HSTS_SECONDS": "0",
    "WORKER_HEARTBEAT_SECONDS": "1",
    "WORKER_STALE_SECONDS": "5",
    "WORKER_HOUSEKEEPING_SECONDS": "2",
    "EXPORT_IMMEDIATE_MAX_ROWS": "500",  # the export probe's list is a job even at the tiny scale
}
# What nginx logs per request: when it ended, how long it took, its status, and every app server it tried.
LOG_FORMAT = '$msec $request_time $status $request_method "$upstream_addr" "$upstream_status" "$uri"'


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_port(port, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing listens on port {port} after {timeout} s")


class Cluster:
    def __init__(self, run_dir, database):
        self.run_dir, self.database = Path(run_dir), database
        self.processes = {}
        self.media = self.run_dir / "media"  # MEDIA_ROOT and PRIVATE_MEDIA_ROOT of every app server and worker
        self.pgbouncer_port = None

    # ------------------------------------------------------------ process groups

    def start(self, name, command, env=None):
        log = open(self.run_dir / f"{name}.log", "ab")  # noqa: SIM115 - the child holds it; closed at exit
        process = subprocess.Popen(
            command,
            cwd=settings.BASE_DIR,
            env=env or os.environ,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        with open(self.run_dir / "pids", "a", encoding="utf-8") as pids:
            pids.write(f"{process.pid}\n")
        self.processes[name] = process
        return process

    def kill(self, name):
        """SIGKILL the whole group (a gunicorn master and its workers: the server is lost at once)."""
        process = self.processes.pop(name)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        return time.time()

    def stop(self, name):
        process = self.processes.pop(name, None)
        if process is None or process.poll() is not None:
            return
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        except ProcessLookupError:
            pass

    def stop_all(self, prefix=""):
        for name in [name for name in reversed(self.processes) if name.startswith(prefix)]:
            self.stop(name)

    # ------------------------------------------------------------ database URLs

    def direct_url(self):
        return f"postgres://opop_bench:opop_bench@127.0.0.1:5432/{self.database}"

    def pooled_url(self, mode="transaction"):
        """Through PgBouncer. Transaction pooling: no server-side cursors (a cursor would outlive the transaction
        that holds its server connection) and no persistent client connections; session pooling keeps both."""
        name = self.database if mode == "transaction" else f"{self.database}_session"
        url = f"postgres://opop_bench:opop_bench@127.0.0.1:{self.pgbouncer_port}/{name}"
        return url + "?disable_server_side_cursors=True&conn_max_age=0" if mode == "transaction" else url

    # ------------------------------------------------------------ the pieces

    def start_pgbouncer(self):
        self.pgbouncer_port = free_port()
        (self.run_dir / "userlist.txt").write_text('"opop_bench" "opop_bench"\n')
        server = f"host=127.0.0.1 port=5432 dbname={self.database}"
        (self.run_dir / "pgbouncer.ini").write_text(
            "[databases]\n"
            f"{self.database} = {server} pool_mode=transaction\n"
            f"{self.database}_session = {server} pool_mode=session\n"
            "[pgbouncer]\n"
            f"listen_addr = 127.0.0.1\nlisten_port = {self.pgbouncer_port}\nunix_socket_dir =\n"
            f"auth_type = md5\nauth_file = {self.run_dir / 'userlist.txt'}\n"
            "pool_mode = transaction\ndefault_pool_size = 10\nmax_client_conn = 200\n"
            "ignore_startup_parameters = extra_float_digits,options\n"
        )
        # PgBouncer refuses to run as root: it drops to the postgres user then.
        as_user = ["-u", "postgres"] if os.geteuid() == 0 else []
        self.start("pgbouncer", [_binary("pgbouncer"), *as_user, str(self.run_dir / "pgbouncer.ini")])
        wait_port(self.pgbouncer_port)

    def environment(self, database_url, **extra):
        return {
            **os.environ,
            **APP_ENVIRONMENT,
            "DATABASE_URL": database_url,
            "MEDIA_ROOT": str(self.media / "public"),
            "PRIVATE_MEDIA_ROOT": str(self.media / "private"),
            **extra,
        }

    def start_app(self, name, database_url):
        port = free_port()
        command = [sys.executable, "-m", "gunicorn", "opop.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(APP_WORKERS)]
        command += ["--timeout", "120", "--access-logfile", "/dev/null", "--error-logfile", "-"]
        self.start(name, command, self.environment(database_url))
        wait_http(f"http://127.0.0.1:{port}/healthz")
        return port

    def start_worker(self, worker_id, database_url):
        command = [sys.executable, "manage.py", "db_worker", "--no-reload", "--queue-name", "*"]
        command += ["--worker-id", worker_id, "--interval", "0.5"]
        return self.start(worker_id, command, self.environment(database_url))

    def start_nginx(self, app_ports):
        port, temp = free_port(), self.run_dir / "nginx-temp"
        temp.mkdir(exist_ok=True)
        temp.chmod(0o777)  # its worker processes run as nobody when started by root
        upstream = "".join(f"    server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;\n" for p in app_ports)
        temps = "".join(f"  {kind}_temp_path {temp / kind};\n" for kind in ("client_body", "proxy", "fastcgi"))
        temps += "".join(f"  {kind}_temp_path {temp / kind};\n" for kind in ("uwsgi", "scgi"))
        access_log = self.run_dir / "nginx-access.log"
        access_log.unlink(missing_ok=True)
        (self.run_dir / "nginx.conf").write_text(
            f"daemon off;\nworker_processes 1;\npid {self.run_dir / 'nginx.pid'};\n"
            f"error_log {self.run_dir / 'nginx-error.log'} warn;\n"
            "events { worker_connections 1024; }\n"
            "http {\n"
            f"  log_format scale '{LOG_FORMAT}';\n  access_log {access_log} scale;\n{temps}"
            "  client_max_body_size 32m;\n"
            f"  upstream app {{\n{upstream}  }}\n"
            f"  server {{\n    listen 127.0.0.1:{port};\n"
            "    location / {\n      proxy_pass http://app;\n      proxy_set_header Host $http_host;\n"
            "      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n"
            "      proxy_read_timeout 120s;\n    }\n  }\n}\n"
        )
        command = [_binary("nginx"), "-p", str(self.run_dir), "-e", str(self.run_dir / "nginx-error.log")]
        self.start("nginx", [*command, "-c", str(self.run_dir / "nginx.conf")])
        wait_http(f"http://127.0.0.1:{port}/healthz")
        return port, access_log


def _binary(name):
    for folder in ("/usr/sbin", "/usr/bin", "/usr/local/sbin"):
        if os.path.exists(f"{folder}/{name}"):
            return f"{folder}/{name}"
    return name


# ---------------------------------------------------------------- load


def start_locust(cluster, name, host, *, users, seconds, env):
    """locust headless in the background; its statistics land in <run dir>/<name>_stats.csv."""
    command = [sys.executable, "-m", "locust", "-f", str(settings.BASE_DIR / "bench" / "locustfile.py")]
    command += ["--headless", "--host", host, "-u", str(users), "-r", str(max(1, users // 2)), "-t", f"{seconds}s"]
    command += ["--csv", str(cluster.run_dir / name), "--only-summary", "--stop-timeout", "5"]
    return cluster.start(name, command, {**os.environ, **env})


def locust_summary(cluster, name):
    """The Aggregated row of a finished locust run: requests, failures, req/s, p50, p95."""
    with open(cluster.run_dir / f"{name}_stats.csv", encoding="utf-8") as stats:
        rows = {row["Name"]: row for row in csv.DictReader(stats)}
    total = rows["Aggregated"]
    return {
        "requests": int(total["Request Count"]),
        "failures": int(total["Failure Count"]),
        "rps": float(total["Requests/s"]),
        "p50": float(total["50%"]),
        "p95": float(total["95%"]),
        "rows": rows,
    }


# ---------------------------------------------------------------- an officer importing through the pages


class Officer:
    """A staff officer's browser session through nginx: sign in, upload a file, confirm its write."""

    def __init__(self, base):
        self.base, self.session = base, requests.Session()

    def _csrf(self, path):
        page = self.session.get(self.base + path, timeout=120)
        return page, re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)

    def sign_in(self):
        _page, csrf = self._csrf("/akun/masuk/")
        data = {"username": "bench-staf_diskop", "password": BENCH_PASSWORD, "csrfmiddlewaretoken": csrf}
        answer = self.session.post(self.base + "/akun/masuk/", data, headers={"Referer": self.base}, timeout=120)
        if "/akun/masuk/" in answer.url:
            raise RuntimeError("bench-staf_diskop could not sign in")

    def upload(self, name, content):
        """The upload page's form; returns the new batch's id (the page redirects to its preview)."""
        _page, csrf = self._csrf("/impor/santripreneur/")
        answer = self.session.post(
            self.base + "/impor/santripreneur/",
            data={"csrfmiddlewaretoken": csrf},
            files={"file": (name, content, "text/csv")},
            headers={"Referer": self.base},
            allow_redirects=False,
            timeout=300,
        )
        return int(re.fullmatch(r"/impor/batch/(\d+)/", answer.headers["Location"]).group(1))

    def commit(self, batch_id):
        """The preview's "Tulis" button, with the summary the page showed."""
        page, csrf = self._csrf(f"/impor/batch/{batch_id}/")
        summary = re.search(r'name="ringkasan" value="([^"]*)"', page.text)
        data = {"csrfmiddlewaretoken": csrf, **({"ringkasan": summary.group(1)} if summary else {})}
        answer = self.session.post(
            self.base + f"/impor/batch/{batch_id}/tulis/", data, headers={"Referer": self.base}, timeout=120
        )
        answer.raise_for_status()


def import_rows(count, nspps, nik_start):
    """A santripreneur file of `count` new people with NIKs nik_start … nik_start + count - 1."""
    lines = ["Nama lengkap,NIK,Jenis kelamin,Tanggal lahir,NSPP pesantren,Status,Tahun terdaftar"]
    lines += [
        f"Santri Impor {i},{nik_start + i},P,{1 + i % 28:02d}-{1 + i % 12:02d}-2002,{nspps[i % len(nspps)]},Aktif,2024"
        for i in range(count)
    ]
    return ("\n".join(lines) + "\n").encode()
