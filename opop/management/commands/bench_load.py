"""`manage.py bench_load`: gunicorn with the workers a 2-core machine runs, locust on loopback, one table.

`--capacity`: no think time, users stepped up until the p95 of a step passes 300 ms, sustained req/s reported, for
gunicorn's sync workers and for gthread workers, plus a whole office signing in at once (password hashing is the
costly part of a login) under each."""

import csv
import http.cookiejar
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from opop.bench.floors import load_average
from opop.bench.measure import wait_http
from opop.management.commands.bench import BENCH_PASSWORD

PORT = 8100
PASSWORD = BENCH_PASSWORD
THREADS = 4  # gthread: threads per worker
BASE = f"http://127.0.0.1:{PORT}"
BYSTANDERS = 5  # people already signed in, loading pages while an office signs in at once


class Command(BaseCommand):
    help = "Uji beban: gunicorn + locust headless (pengguna bersamaan, durasi) dan tambahkan hasil ke RESULTS.md."

    def add_arguments(self, parser):
        parser.add_argument("--users", type=int, default=50)
        parser.add_argument("--seconds", type=int, default=60)
        parser.add_argument("--capacity", action="store_true", help="tanpa jeda: naikkan pengguna sampai p95 > 300 ms")
        parser.add_argument("--p95-ms", type=float, default=300)
        parser.add_argument("--logins", type=int, default=50, help="dengan --capacity: login serentak satu kantor")
        parser.add_argument("--output", help="tambahkan tabel ke berkas Markdown ini")

    def handle(self, *args, users, seconds, capacity, p95_ms, logins, output, **options):
        self.workers = 2 * (os.cpu_count() or 1) + 1  # gunicorn's rule of thumb for sync workers
        table = self.capacity(p95_ms, logins) if capacity else self.mixed(users, seconds)
        self.stdout.write(table)
        if output:
            with open(output, "a", encoding="utf-8") as f:
                f.write(table)

    # ------------------------------------------------------------------ server and load generator

    @contextmanager
    def serve(self, worker_class="sync"):
        # Plain HTTP on loopback: cookies may not be Secure-only here, or no login would stick.
        env = {
            **os.environ,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "False",
            "SESSION_COOKIE_SECURE": "False",
            "CSRF_COOKIE_SECURE": "False",
            "SECURE_HSTS_SECONDS": "0",
        }
        command = [sys.executable, "-m", "gunicorn", "opop.wsgi", "-b", f"127.0.0.1:{PORT}", "-w", str(self.workers)]
        if worker_class == "gthread":
            command += ["-k", "gthread", "--threads", str(THREADS)]
        command += ["--access-logfile", "/dev/null", "--error-logfile", "-"]
        server = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env)
        try:
            wait_http(f"http://127.0.0.1:{PORT}/healthz", timeout=30)
            yield
        finally:
            server.terminate()
            server.wait(timeout=30)

    def locust(self, extra, env=None):
        with tempfile.TemporaryDirectory() as tmp:
            prefix = Path(tmp) / "load"
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "locust",
                    "-f",
                    str(settings.BASE_DIR / "bench" / "locustfile.py"),
                    "--headless",
                    "--host",
                    f"http://127.0.0.1:{PORT}",
                    "--csv",
                    str(prefix),
                    "--only-summary",
                    *extra,
                ],
                check=False,
                cwd=settings.BASE_DIR,
                env={**os.environ, **(env or {})},
            )
            with open(f"{prefix}_stats.csv", encoding="utf-8") as stats:
                return list(csv.DictReader(stats))

    # ------------------------------------------------------------------ the mixed load with think time

    def mixed(self, users, seconds):
        before = load_average()
        with self.serve():
            rows = self.locust(["-u", str(users), "-r", str(max(1, users // 10)), "-t", f"{seconds}s"])
        after = load_average()
        lines = [
            "",
            f"## Load test: {users} concurrent users for {seconds} s, "
            f"gunicorn {self.workers} sync workers, locust on loopback ({_load(before, after)})",
            "",
            "| Request | Requests | Failures | req/s | p50 ms | p95 ms | p99 ms |",
            "|---|---|---|---|---|---|---|",
        ]
        for row in rows:
            lines.append(
                f"| {row['Name']} | {row['Request Count']} | {row['Failure Count']} | {float(row['Requests/s']):.1f} | "
                f"{row['50%']} | {row['95%']} | {row['99%']} |"
            )
        if not any(r["Name"] == "Aggregated" for r in rows):
            raise CommandError("locust wrote no summary")
        return "\n".join(lines) + "\n"

    # ------------------------------------------------------------------ capacity

    def capacity(self, p95_ms, logins):
        lines = [
            "",
            f"## Capacity: no think time, users stepped up until p95 > {p95_ms:.0f} ms (locust on loopback, "
            f"gunicorn {self.workers} workers)",
            "",
            "| Workers | Users | req/s | p50 ms | p95 ms | Failures | Load before → after |",
            "|---|---|---|---|---|---|---|",
        ]
        summary, login_lines = [], []
        for worker_class in ("sync", "gthread"):
            label = worker_class if worker_class == "sync" else f"gthread × {THREADS} threads"
            with tempfile.TemporaryDirectory() as tmp, self.serve(worker_class):
                out = Path(tmp) / "steps.json"
                before, cpu_before, began = load_average(), cpu_seconds(), time.perf_counter()
                self.locust(["-t", "15m"], env={"CAPACITY_OUT": str(out), "CAPACITY_P95_MS": str(p95_ms)})
                after, cpu_after = load_average(), cpu_seconds()
                where = _where_time_goes(cpu_before, cpu_after, time.perf_counter() - began)
                steps = json.loads(out.read_text()) if out.exists() else []
                for step in steps:
                    lines.append(
                        f"| {label} | {step['users']} | {step['rps']:.1f} | {step['p50_ms']:.0f} | "
                        f"{step['p95_ms']:.0f} | {step['failures']} | {_load(before, after)} |"
                    )
                within = [s for s in steps if s["p95_ms"] <= p95_ms and not s["failures"]]
                best = max(within, key=lambda s: s["rps"]) if within else None
                summary.append(
                    f"- **{label}**: sustained {best['rps']:.0f} req/s at {best['users']} users with p95 "
                    f"{best['p95_ms']:.0f} ms; {where}"
                    if best
                    else f"- **{label}**: even the first step passed p95 {p95_ms:.0f} ms; {where}"
                )
                if logins:
                    login_lines.append(self.simultaneous_logins(label, logins))
        lines += [
            "",
            *summary,
            "",
            f"{logins} people of one office signing in at the same moment (threads, each a fresh session: GET the "
            f"login page, POST the password), while {BYSTANDERS} people already signed in keep loading the home page:",
            "",
            *login_lines,
        ]
        return "\n".join(lines) + "\n"

    def simultaneous_logins(self, label, count):
        """Seconds until each of `count` simultaneous logins is answered, and meanwhile the pages of people already
        signed in (issue 18: an office logging in at 08:00 must not stall everyone else — no page over 2 s)."""
        timings, failures = [], []
        start = threading.Barrier(count + BYSTANDERS)
        burst_over = threading.Event()
        pages = []

        def one():
            try:
                opener = _opener()
                start.wait(timeout=30)
                began = time.perf_counter()
                if not _sign_in(opener):
                    failures.append("refused")
                timings.append(time.perf_counter() - began)
            except Exception as error:  # noqa: BLE001 - reported as a count, the bench goes on
                failures.append(type(error).__name__)

        def bystander():
            opener = _opener()
            signed_in = _sign_in(opener)
            start.wait(timeout=60)
            while signed_in and not burst_over.is_set():
                began = time.perf_counter()
                try:
                    opener.open(f"{BASE}/", timeout=120).read()
                    pages.append(time.perf_counter() - began)
                except OSError:
                    pages.append(float("inf"))

        others = [threading.Thread(target=bystander) for _ in range(BYSTANDERS)]
        threads = [threading.Thread(target=one) for _ in range(count)]
        for thread in others + threads:
            thread.start()
        for thread in threads:
            thread.join()
        burst_over.set()
        for thread in others:
            thread.join()
        if not timings:
            return f"- {label}: every login failed ({', '.join(sorted(set(failures)))})"
        ordered, seen = sorted(timings), sorted(pages)
        line = (
            f"- {label}: logins median {statistics.median(ordered):.1f} s, p95 {_p95(ordered):.1f} s, slowest "
            f"{ordered[-1]:.1f} s; {len(failures)} failed"
        )
        if seen:
            line += (
                f". Meanwhile {BYSTANDERS} people already signed in loaded {len(seen)} pages: p95 {_p95(seen):.2f} s, "
                f"slowest {seen[-1]:.2f} s (goal: none over 2 s)"
            )
        return line


def _opener():
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))


def _sign_in(opener):
    """GET the login page, POST the password (a fresh session, as a person at 08:00); True when signed in."""
    page = opener.open(f"{BASE}/akun/masuk/", timeout=120).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode(
        {"username": "bench-staf_diskop", "password": PASSWORD, "csrfmiddlewaretoken": token}
    ).encode()
    request = urllib.request.Request(f"{BASE}/akun/masuk/", data=body, headers={"Referer": BASE + "/"})
    return "/akun/masuk/" not in opener.open(request, timeout=120).url


def _p95(ordered):
    return ordered[round(0.95 * (len(ordered) - 1))]


def cpu_seconds():
    """{(part, pid): CPU seconds used so far} for the processes of each part — gunicorn (our Python), PostgreSQL,
    locust — read from /proc (Linux); {} elsewhere. A process's reaped children count too: a backend that served
    one request and ended is in its postmaster's figure."""
    ticks = os.sysconf("SC_CLK_TCK")
    parts = [("gunicorn (Python)", b"gunicorn"), ("PostgreSQL", b"postgres"), ("locust", b"locust")]
    used = {}
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended meanwhile
        part = next((name for name, mark in parts if mark in command), None)
        if part:
            used[(part, entry.name)] = sum(int(f) for f in fields[11:15]) / ticks  # utime stime cutime cstime
    return used


def _where_time_goes(before, after, seconds):
    """CPU each part used between two cpu_seconds() readings: a process started meanwhile counts from zero; one
    that ended meanwhile is in its parent's reaped-children figure, so what it had used before is taken off."""
    if not after:
        return "CPU per part not readable here (no /proc)"
    spent = {}
    for (part, pid), used in after.items():
        spent[part] = spent.get(part, 0.0) + used - before.get((part, pid), 0.0)
    for (part, pid), used in before.items():
        if (part, pid) not in after:
            spent[part] = spent.get(part, 0.0) - used
    total = sum(spent.values()) or 1
    shares = ", ".join(f"{part} {used:.1f} s ({used / total:.0%})" for part, used in sorted(spent.items()))
    return f"CPU over {seconds:.0f} s on {os.cpu_count()} cores: {shares}"


def _load(before, after):
    return f"load {before:.2f} → {after:.2f}" if before is not None and after is not None else "load —"
