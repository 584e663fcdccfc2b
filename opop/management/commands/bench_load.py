"""`manage.py bench_load`: gunicorn with the workers a 2-core machine runs, locust on loopback, one table."""

import csv
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

PORT = 8100


class Command(BaseCommand):
    help = "Uji beban: gunicorn + locust headless (pengguna bersamaan, durasi) dan tambahkan hasil ke RESULTS.md."

    def add_arguments(self, parser):
        parser.add_argument("--users", type=int, default=50)
        parser.add_argument("--seconds", type=int, default=60)
        parser.add_argument("--output", help="tambahkan tabel ke berkas Markdown ini")

    def handle(self, *args, users, seconds, output, **options):
        workers = 2 * (os.cpu_count() or 1) + 1  # gunicorn's rule of thumb for sync workers
        # Plain HTTP on loopback: cookies may not be Secure-only here, or no login would stick.
        env = {
            **os.environ,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "False",
            "SESSION_COOKIE_SECURE": "False",
            "CSRF_COOKIE_SECURE": "False",
            "SECURE_HSTS_SECONDS": "0",
        }
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "opop.wsgi",
                "-b",
                f"127.0.0.1:{PORT}",
                "-w",
                str(workers),
                "--access-logfile",
                "/dev/null",
                "--error-logfile",
                "-",
            ],
            cwd=settings.BASE_DIR,
            env=env,
        )
        try:
            self._wait_for(f"http://127.0.0.1:{PORT}/healthz")
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
                        "-u",
                        str(users),
                        "-r",
                        str(max(1, users // 10)),
                        "-t",
                        f"{seconds}s",
                        "--host",
                        f"http://127.0.0.1:{PORT}",
                        "--csv",
                        str(prefix),
                        "--only-summary",
                    ],
                    check=False,
                    cwd=settings.BASE_DIR,
                )
                rows = list(csv.DictReader(open(f"{prefix}_stats.csv", encoding="utf-8")))
        finally:
            server.terminate()
            server.wait(timeout=30)
        lines = [
            "",
            f"## Load test: {users} concurrent users for {seconds} s, "
            f"gunicorn {workers} sync workers, locust on loopback",
            "",
            "| Request | Requests | Failures | req/s | p50 ms | p95 ms | p99 ms |",
            "|---|---|---|---|---|---|---|",
        ]
        for row in rows:
            lines.append(
                f"| {row['Name']} | {row['Request Count']} | {row['Failure Count']} | {float(row['Requests/s']):.1f} | "
                f"{row['50%']} | {row['95%']} | {row['99%']} |"
            )
        table = "\n".join(lines) + "\n"
        self.stdout.write(table)
        if output:
            with open(output, "a", encoding="utf-8") as f:
                f.write(table)
        total = next((r for r in rows if r["Name"] == "Aggregated"), None)
        if total is None:
            raise CommandError("locust wrote no summary")

    def _wait_for(self, url, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.5)
        raise CommandError(f"gunicorn did not answer at {url}")
