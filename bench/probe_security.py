"""Issue 28's eight findings, probed again over HTTP against real servers this script starts and stops itself.

Run from the repository root (minutes; not part of `make test`):

    .venv/bin/python bench/probe_security.py --db postgres   # database opop_probe on 127.0.0.1:5432 (user postgres)
    .venv/bin/python bench/probe_security.py --db sqlite     # a temporary SQLite file

It creates a fresh database (PostgreSQL: drops and recreates opop_probe, which it leaves behind), migrates, runs
seed_demo, starts gunicorn (2 processes x 4 threads, DEBUG=True, port 8765 unless --port) and `manage.py db_worker`
(a second worker for finding 7), and runs the checks as the demo users. One line per finding: what it measured and
PASS or FAIL (a finding that concerns the other database is "n/a"); the exit status is 1 when any FAILED. Server and
worker logs are kept in the temporary directory it prints (deleted unless --keep). Finding 7 reads the PostgreSQL
server log (/var/log/postgresql/postgresql-15-main.log unless --pg-log), so it needs a user that may read it.
"""

import argparse
import http.cookiejar
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from tests.importer.forged import forged_workbook  # noqa: E402  (stdlib only: the builder the tests use)
from tests.test_settings_startup import PRODUCTION_ENV  # noqa: E402

PYTHON = str(BASE_DIR / ".venv" / "bin" / "python")
GUNICORN = str(BASE_DIR / ".venv" / "bin" / "gunicorn")
PG_DB = "opop_probe"
PG_URL = f"postgres://postgres@127.0.0.1:5432/{PG_DB}"
SANTRI_HEADERS = [
    "Nama lengkap",
    "NIK",
    "Jenis kelamin",
    "Tanggal lahir",
    "Telepon",
    "NSPP pesantren",
    "Bidang usaha",
    "Status",
    "Tahun terdaftar",
]
NIK_RE = re.compile(rb"(?<![0-9])[0-9]{16}(?![0-9])")
JOB_STATUS_RE = re.compile(r'data-job-status-url="(/pekerjaan/(\d+)/status\.json)"')
FORGED_ROWS = 70_000
NOTE_LENGTH = 2_000

results = []  # (number, passed or None, line)


def report(number, passed, text):
    verdict = "n/a" if passed is None else ("PASS" if passed else "FAIL")
    line = f"[{number}] {verdict:4} {text}"
    results.append((number, passed, line))
    print(line, flush=True)


def info(text):
    print(f"    {text}", flush=True)


# ---------------------------------------------------------------- processes


class Stack:
    """The database, the environment and the processes of one run."""

    def __init__(self, db, port, tmp, pg_log):
        self.db, self.port, self.tmp, self.pg_log = db, port, Path(tmp), pg_log
        self.procs = []
        self.logs = []
        self.env = {
            k: v
            for k, v in os.environ.items()
            if k not in PRODUCTION_ENV and not k.startswith(("SECURE_", "DJANGO_")) and k != "PGDATABASE"
        }
        self.env.update(
            DEBUG="True",
            DJANGO_SETTINGS_MODULE="opop.settings",
            SECURE_SSL_REDIRECT="False",
            ALLOWED_HOSTS="127.0.0.1,localhost",
            EMAIL_URL="",  # DEBUG: mail goes to the worker's console
            MEDIA_ROOT=str(self.tmp / "media"),
            PRIVATE_MEDIA_ROOT=str(self.tmp / "private"),
            EXPORT_IMMEDIATE_MAX_ROWS="5",  # finding 3: the santripreneur export becomes a job
            PASSWORD_RESET_LIMIT_PER_ADDRESS="100000",  # finding 4: 60+ requests, never throttled
            PASSWORD_RESET_LIMIT_PER_ACCOUNT="100000",
            BEHIND_TLS_PROXY="True",  # finding 8: the lockout counts per X-Forwarded-For client
            TRUSTED_PROXIES="127.0.0.1,::1",
            WORKER_HEARTBEAT_SECONDS="2",
            LOG_LEVEL="INFO",
        )
        if db == "postgres":
            self.env["DATABASE_URL"] = PG_URL
        else:
            self.env["DATABASE_URL"] = f"sqlite:///{self.tmp / 'probe.sqlite3'}"

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def manage(self, *args, timeout=600, env=None):
        result = subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=BASE_DIR,
            env=env or self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        return result

    def shell(self, code):
        """Run `code` in manage.py shell; the last line it printed."""
        result = self.manage("shell", "--no-imports", "-c", code)
        if result.returncode:
            raise RuntimeError(f"manage.py shell failed:\n{code}\n{result.stderr[-3000:]}")
        lines = result.stdout.strip().splitlines()
        return lines[-1] if lines else ""

    def create_database(self):
        if self.db == "postgres":
            for sql in (f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)", f"CREATE DATABASE {PG_DB}"):
                subprocess.run(
                    ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc", sql],
                    check=True,
                    capture_output=True,
                )
        for args in (("migrate", "--noinput", "-v0"), ("seed_demo",)):
            result = self.manage(*args)
            if result.returncode:
                raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
        info(f"database {self.env['DATABASE_URL']}: migrated, demo data seeded")

    def start(self, name, argv):
        log = open(self.tmp / f"{name}.log", "wb")  # noqa: SIM115  (closed in stop())
        proc = subprocess.Popen(
            argv, cwd=BASE_DIR, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.procs.append((name, proc))
        self.logs.append((name, log))
        info(f"started {name} (pid {proc.pid})")
        return proc

    def start_server(self):
        self.start(
            "gunicorn",
            [
                GUNICORN,
                "opop.wsgi",
                "-b",
                f"127.0.0.1:{self.port}",
                "-w",
                "2",
                "--threads",
                "4",
                "--timeout",
                "120",
                "--access-logfile",
                "-",
            ],
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except (OSError, urllib.error.URLError):
                pass
            time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer /healthz within 60 s")

    def start_worker(self, n):
        return self.start(
            f"worker{n}",
            [PYTHON, "manage.py", "db_worker", "--no-reload", "--queue-name", "*", "--worker-id", f"probe-{n}"],
        )

    def stop(self):
        for name, proc in reversed(self.procs):
            if proc.poll() is None:
                try:
                    os.killpg(proc.pid, signal.SIGTERM)
                except ProcessLookupError:
                    continue
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait()
            info(f"stopped {name} (pid {proc.pid})")
        for _name, log in self.logs:
            log.close()

    def log_text(self):
        return {name: (self.tmp / f"{name}.log").read_text(errors="replace") for name, _log in self.logs}


# ---------------------------------------------------------------- HTTP


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Answer:
    def __init__(self, status, headers, body, seconds):
        self.status, self.headers, self.body, self.seconds = status, headers, body, seconds

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")

    @property
    def location(self):
        return self.headers.get("Location", "")


def multipart(fields, files):
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, data, content_type) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n"
        )
        parts.append(head.encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class Browser:
    """One person: their cookies, the CSRF token, redirects not followed (the status is what is checked)."""

    def __init__(self, base, forwarded_for=None):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)
        self.forwarded_for = forwarded_for

    def csrf(self):
        for cookie in self.jar:
            if cookie.name == "csrftoken":
                return cookie.value
        return ""

    def request(self, method, path, data=None, files=None, headers=None, timeout=120):
        headers = dict(headers or {})
        if self.forwarded_for:
            headers.setdefault("X-Forwarded-For", self.forwarded_for)
        body = None
        if method == "POST":
            fields = {"csrfmiddlewaretoken": self.csrf(), **(data or {})}
            if files:
                body, headers["Content-Type"] = multipart(fields, files)
            else:
                body = urllib.parse.urlencode(fields).encode()
                headers["Content-Type"] = "application/x-www-form-urlencoded"
        req = urllib.request.Request(self.base + path, data=body, method=method, headers=headers)
        started = time.perf_counter()
        try:
            with self.opener.open(req, timeout=timeout) as answer:
                content = answer.read()
                return Answer(answer.status, answer.headers, content, time.perf_counter() - started)
        except urllib.error.HTTPError as error:
            content = error.read()
            return Answer(error.code, error.headers, content, time.perf_counter() - started)

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, data=None, **kwargs):
        return self.request("POST", path, data, **kwargs)

    def login(self, username, password):
        self.get("/akun/masuk/")
        answer = self.post("/akun/masuk/", {"username": username, "password": password})
        return answer

    def signed_in(self, username, password):
        answer = self.login(username, password)
        if answer.status != 302:
            raise RuntimeError(f"login of {username} answered {answer.status}")
        return self

    def job_status(self, job_id):
        return json.loads(self.get(f"/pekerjaan/{job_id}/status.json").body)

    def wait_job(self, job_id, deadline_seconds):
        """Poll status.json until the job is finished; (status json, seconds waited) or (last json, None)."""
        started = time.monotonic()
        state = {}
        while time.monotonic() - started < deadline_seconds:
            state = self.job_status(job_id)
            if state.get("finished"):
                return state, time.monotonic() - started
            time.sleep(0.1)
        return state, None


def seconds(value, missing="?"):
    return missing if value is None else f"{value:.1f} s"


def job_on_page(answer):
    found = JOB_STATUS_RE.search(answer.text)
    return int(found.group(2)) if found else None


def id_from(location, pattern):
    found = re.search(pattern, location)
    return int(found.group(1)) if found else None


def santri_csv(rows):
    lines = [",".join(SANTRI_HEADERS)] + [",".join(row) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def santri_rows(count, nspps, *, start):
    return [
        [
            f"Santri Probe {i}",
            f"3578{i:012d}",
            "L" if i % 2 else "P",
            f"{1 + i % 28:02d}-{1 + i % 12:02d}-{1995 + i % 10}",
            "",
            nspps[i % len(nspps)],
            "Kuliner",
            "Aktif",
            "2023",
        ]
        for i in range(start, start + count)
    ]


def upload_santri(browser, data, name):
    """Upload a santripreneur file; (batch id, check job id, request answer)."""
    answer = browser.post("/impor/santripreneur/", files={"file": (name, data, "text/csv")})
    batch = id_from(answer.location, r"/impor/batch/(\d+)/")
    job = job_on_page(browser.get(f"/impor/batch/{batch}/")) if batch else None
    return batch, job, answer


def commit_batch(browser, batch):
    page = browser.get(f"/impor/batch/{batch}/")
    found = re.search(r'name="ringkasan" value="([^"]*)"', page.text)
    answer = browser.post(
        f"/impor/batch/{batch}/tulis/",
        {"ringkasan": found.group(1) if found else "", "konfirmasi": "ya"},
    )
    return job_on_page(browser.get(f"/impor/batch/{batch}/")), answer


# ---------------------------------------------------------------- the findings


def finding_1(stack, people, ids):
    """Forged XLSX: the request only stores it; the worker refuses or finishes it quickly."""
    officer, staf = people["petugas.kominfo"], people["staf"]
    plan_headers = json.loads(
        stack.shell(
            "import json; from programs.importers import KegiatanImport; "
            "print(json.dumps([c.header for c in KegiatanImport.columns]))"
        )
    )
    forged_plan = forged_workbook(plan_headers, FORGED_ROWS)
    forged_santri = forged_workbook(SANTRI_HEADERS, FORGED_ROWS)
    measured = []
    for label, browser, path, data in (
        ("plan-line upload", officer, f"/program/{ids['draft']}/kegiatan/unggah/", forged_plan),
        ("registry import", staf, "/impor/santripreneur/", forged_santri),
    ):
        mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        answer = browser.post(path, files={"file": ("forged.xlsx", data, mime)})
        page = browser.get(answer.location) if answer.status == 302 else answer
        job = job_on_page(page)
        state, waited = browser.wait_job(job, 300) if job else ({}, None)
        ok = answer.status == 302 and answer.seconds < 1 and waited is not None and waited < 30
        measured.append(ok)
        report(
            "1",
            ok,
            f"forged XLSX ({len(data) // 1024} KB, {FORGED_ROWS} rows ending in XFD, dimension A1:M1) as {label}: "
            f"request {answer.status} in {answer.seconds * 1000:.0f} ms (limit 1000); job {job} "
            f"{state.get('status', '?')} after {seconds(waited, '>300 s')} "
            f"(limit 30 s): {state.get('message', '')!r}",
        )
    ids["forged_batch"] = id_from(
        stack.shell(
            "from opop.imports.models import ImportBatch; "
            "print(ImportBatch.objects.filter(original_name='forged.xlsx').order_by('-pk').first().pk)"
        ),
        r"(\d+)",
    )
    return all(measured)


def finding_2(stack, people, ids):
    staf, admin = people["staf"], people["admin"]
    note = ("Catatan probe panjang nomor " + "0123456789 " * 200)[:NOTE_LENGTH]
    reason = ("Alasan probe panjang nomor " + "9876543210 " * 200)[:NOTE_LENGTH]
    answers = {
        "return plan": staf.post(f"/program/{ids['submitted']}/kembalikan/", {"catatan": note}),
        "return TW report": staf.post(
            f"/program/{ids['report_plan']}/laporan/{ids['report_tw']}/kembalikan/", {"catatan": note}
        ),
        "reopen verified plan": admin.post(f"/program/{ids['verified']}/buka-kembali/", {"alasan": reason}),
    }
    page = staf.get(f"/program/{ids['submitted']}/").text
    shown = note in page.replace("&#x27;", "'")
    stored = stack.shell(
        "from programs.models import Rencana; "
        f"r = Rencana.objects.get(pk={ids['submitted']}); s = Rencana.objects.get(pk={ids['verified']}); "
        "print(r.get_status_display(), '|', s.get_status_display())"
    )
    ok = all(a.status == 302 for a in answers.values()) and shown
    report(
        "2",
        ok,
        f"{NOTE_LENGTH}-character note/reason ({stack.db}): "
        + ", ".join(f"{k} {a.status}" for k, a in answers.items())
        + f"; plan page shows the whole note: {shown}; plan statuses now: {stored}",
    )


def finding_3(stack, people, ids, password):
    staf = people["staf"]
    answer = staf.get("/santripreneur/?format=csv")
    job = id_from(answer.location, r"/pekerjaan/(\d+)/")
    state, waited = staf.wait_job(job, 120) if job else ({}, None)
    before_download = staf.get(f"/pekerjaan/{job}/unduh/")
    # The failed row holds a well-formed NIK (its pesantren is unknown), so the failed-rows file carries one.
    rows = santri_rows(3, ids["nspps"], start=900_000)
    rows[-1][5] = "510099999999"
    batch, check_job, _answer = upload_santri(staf, santri_csv(rows), "gagal.csv")
    check_state, _ = staf.wait_job(check_job, 120) if check_job else ({}, None)
    before_failed = staf.get(f"/impor/batch/{batch}/baris-gagal.csv")
    info(
        f"before the role change: export job {job} {state.get('status')} ({len(before_download.body)} bytes, "
        f"download {before_download.status}, {len(NIK_RE.findall(before_download.body))} NIKs); import batch {batch} "
        f"check {check_state.get('status')}, failed rows {before_failed.status} "
        f"({len(NIK_RE.findall(before_failed.body))} NIKs)"
    )
    ids["export_job"], ids["failed_batch"] = job, batch
    stack.shell(
        "from opop.accounts.models import User, PerangkatDaerah; "
        "User.objects.filter(username='staf').update(role='petugas_opd', "
        "opd=PerangkatDaerah.objects.get(kode='kominfo'))"
    )
    pages = {
        "job page": f"/pekerjaan/{job}/",
        "job status": f"/pekerjaan/{job}/status.json",
        "download": f"/pekerjaan/{job}/unduh/",
        "batch page": f"/impor/batch/{batch}/",
        "failed rows CSV": f"/impor/batch/{batch}/baris-gagal.csv",
        "failed rows XLSX": f"/impor/batch/{batch}/baris-gagal.xlsx",
    }
    seen = {name: staf.get(path) for name, path in pages.items()}
    stack.shell(
        "from opop.accounts.models import User, PerangkatDaerah; "
        "User.objects.filter(username='staf').update(role='staf_diskop', "
        "opd=PerangkatDaerah.objects.get(kode='diskop-ukm'))"
    )
    baseline = all(a.status == 200 and NIK_RE.search(a.body) for a in (before_download, before_failed))
    ok = baseline and all(a.status in (403, 404) and not NIK_RE.search(a.body) for a in seen.values())
    report(
        "3",
        ok,
        "Staf turned Petugas OPD (kominfo) in the database, same session: "
        + ", ".join(f"{n} {a.status}/{len(NIK_RE.findall(a.body))} NIK" for n, a in seen.items())
        + f" (before the change: download {before_download.status}, failed rows {before_failed.status})",
    )


def finding_4(stack, registered):
    anonymous = Browser(stack.url)
    anonymous.get("/akun/reset-sandi/")
    unknown = f"tidak-terdaftar-{uuid.uuid4().hex[:8]}@example.org"
    times = {"registered": [], "unknown": []}
    statuses = set()
    n = 30
    for i in range(n + 3):  # the first three of each warm up and are not counted
        for kind, email in (("registered", registered), ("unknown", unknown)):
            anonymous.forwarded_for = f"10.{i // 250}.{i % 250}.{1 if kind == 'registered' else 2}"
            answer = anonymous.post("/akun/reset-sandi/", {"email": email})
            statuses.add(answer.status)
            if i >= 3:
                times[kind].append(answer.seconds * 1000)

    def p90(values):
        return statistics.quantiles(values, n=10)[-1]

    med = {k: statistics.median(v) for k, v in times.items()}
    gap = med["registered"] - med["unknown"]
    ok = statuses == {302} and abs(gap) < 5
    report(
        "4",
        ok,
        f"password reset, N={n} each, alternating (answers {sorted(statuses)}): registered median "
        f"{med['registered']:.1f} ms p90 {p90(times['registered']):.1f} ms; unknown median {med['unknown']:.1f} ms "
        f"p90 {p90(times['unknown']):.1f} ms; difference of medians {gap:+.1f} ms (limit 5)",
    )


def finding_5(stack, people, ids):
    admin = people["admin"]
    files = stack.shell(
        "from opop.jobs.models import Job; from opop.imports.models import ImportBatch; "
        f"print(bool(Job.objects.get(pk={ids['export_job']}).result_file), "
        f"bool(ImportBatch.objects.get(pk={ids['failed_batch']}).file), "
        f"bool(ImportBatch.objects.get(pk={ids['forged_batch']}).file))"
    )
    pages = {
        f"job {ids['export_job']}": f"/admin/jobs/job/{ids['export_job']}/change/",
        f"import batch {ids['failed_batch']}": f"/admin/imports/importbatch/{ids['failed_batch']}/change/",
        f"import batch {ids['forged_batch']} (XLSX)": f"/admin/imports/importbatch/{ids['forged_batch']}/change/",
    }
    seen = {name: admin.get(path) for name, path in pages.items()}
    ok = files == "True True True" and all(a.status == 200 for a in seen.values())
    report(
        "5",
        ok,
        "Django admin change pages of objects holding a file (files present: "
        + files
        + "): "
        + ", ".join(f"{n} {a.status}" for n, a in seen.items()),
    )


def big_import(stack, browser, rows, name, deadline=900):
    """Upload and check a large santripreneur CSV; the previewed batch id and the check's seconds."""
    batch, job, answer = upload_santri(browser, santri_csv(rows), name)
    state, waited = browser.wait_job(job, deadline) if job else ({}, None)
    info(
        f"{name}: {len(rows)} rows, upload {answer.status} in {answer.seconds * 1000:.0f} ms, check job {job} "
        f"{state.get('status')} in {waited if waited is None else round(waited, 1)} s: {state.get('message', '')!r}"
    )
    return batch


def finding_6(stack, people, ids, password):
    if stack.db != "sqlite":
        report("6", None, "SQLite writers during a large import: runs on --db sqlite")
        return
    staf = people["staf"]
    batch = big_import(stack, staf, santri_rows(20_000, ids["nspps"], start=100_000), "besar-20000.csv")
    writers = [people[u] for u in ("admin", "pimpinan", "petugas.kominfo", "petugas.dindik")]
    for w in writers:
        w.get("/notifikasi/")
    job, commit = commit_batch(staf, batch)
    deadline = time.monotonic() + 120
    state = {}
    while time.monotonic() < deadline:
        state = staf.job_status(job)
        if state["status"] != "antre":
            break
        time.sleep(0.05)
    write_started = time.monotonic()
    outcomes = []
    lock = threading.Lock()

    finished = threading.Event()

    def edits(browser, k):
        """At least 25 writes, and on until the import's job has finished: the writes span its write transaction."""
        i = 0
        while i < 25 or not finished.is_set():
            data = {"terima_email": "on"} if (i + k) % 2 else {}
            answer = browser.post("/notifikasi/email/", data)
            with lock:
                outcomes.append((answer.status, answer.seconds, time.monotonic()))
            i += 1

    threads = [threading.Thread(target=edits, args=(w, k)) for k, w in enumerate(writers)]
    for t in threads:
        t.start()
    final, waited = staf.wait_job(job, 900)
    job_done = time.monotonic()
    finished.set()
    for t in threads:
        t.join()
    writes_done = time.monotonic()
    waited = None if waited is None else job_done - write_started
    during = sum(1 for _s, _sec, at in outcomes if at <= job_done)
    errors = sum(1 for s, _sec, _at in outcomes if s >= 500)
    slowest = max(sec for _s, sec, _at in outcomes)
    statuses = sorted({s for s, _sec, _at in outcomes})
    logs = stack.log_text()
    locked = sum(text.count("database is locked") for text in logs.values())
    operational = sum(text.count("OperationalError") for text in logs.values())
    tracebacks = sum(text.count("Traceback") for text in logs.values())
    overlapped = state.get("status") == "berjalan" and during > 0
    ok = errors == 0 and locked == 0 and operational == 0 and final.get("status") == "selesai" and overlapped
    report(
        "6",
        ok,
        f"SQLite, 4 threads writing (POST /notifikasi/email/) while the worker wrote a 20 000-row import "
        f"(commit {commit.status}; job {job} was '{state.get('status')}' when they began, "
        f"{final.get('status')} after {seconds(waited)}; writes took "
        f"{writes_done - write_started:.1f} s, {during} of {len(outcomes)} before the job finished, slowest "
        f"{slowest * 1000:.0f} ms): answers {statuses}, {errors} x 5xx; 'database is locked' in logs: {locked}; "
        f"OperationalError: {operational}; tracebacks in logs: {tracebacks}",
    )


def finding_7(stack, people, ids, log_offset):
    if stack.db != "postgres":
        report("7", None, "PostgreSQL server log: runs on --db postgres")
        return
    stack.start_worker(2)
    rows = santri_rows(3_000, ids["nspps"], start=500_000)
    first = big_import(stack, people["staf"], rows, "sama-staf.csv")
    second = big_import(stack, people["admin"], rows, "sama-admin.csv")
    jobs = {}

    def commit(name, browser, batch):
        jobs[name] = (browser, *commit_batch(browser, batch))

    threads = [
        threading.Thread(target=commit, args=("staf", people["staf"], first)),
        threading.Thread(target=commit, args=("admin", people["admin"], second)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    outcomes = []
    for name, (browser, job, answer) in jobs.items():
        state, _waited = browser.wait_job(job, 600)
        outcomes.append(f"{name}: commit {answer.status}, job {job} {state.get('status')}: {state.get('message')!r}")
    job_ids = [job for _browser, job, _answer in jobs.values()]
    ran = json.loads(
        stack.shell(
            "import json; from opop.jobs.models import Job; print(json.dumps([[j.worker_id, j.started_at.timestamp(), "
            f"j.finished_at.timestamp()] for j in Job.objects.filter(pk__in={job_ids})]))"
        )
    )
    workers = sorted({worker for worker, _start, _end in ran})
    together = min(end for _w, _s, end in ran) - max(start for _w, start, _e in ran)
    # A marker the server logs at WARNING: proof that the lines read are the server's log of now.
    marker = "opop-probe-marker-" + "".join(chr(97 + int(c, 16)) for c in uuid.uuid4().hex)  # letters only
    subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-d",
            PG_DB,
            "-qc",
            f"DO $$ BEGIN RAISE WARNING '{marker}'; END $$",
        ],
        check=True,
        capture_output=True,
    )
    with open(stack.pg_log, "rb") as log:
        log.seek(log_offset)
        window = log.read().decode(errors="replace").splitlines()
    ours, database = [], None
    prefix = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d[.\d]* \S+ \[\d+\] (\S*)")
    for line in window:
        found = prefix.match(line)
        if found:
            database = found.group(1).partition("@")[2]
        if database == PG_DB:
            ours.append(line)
    seen_marker = any(marker in line for line in ours)
    bad = [line for line in window if "Key (nik)" in line or NIK_RE.search(line.encode())]
    bad_ours = [line for line in ours if line in bad]
    for line in bad_ours[:5]:
        info(f"log: {line[:200]}")
    report(
        "7",
        seen_marker and together > 0 and not bad_ours,
        f"two imports of the same 3 000 new NIKs written at once ({'; '.join(outcomes)}; the write jobs ran on "
        f"workers {workers}, {together:.1f} s of it at the same time): PostgreSQL log lines written during the "
        f"probe: {len(window)} grepped, {len(ours)} of database {PG_DB} (marker among them: {seen_marker}); "
        f"with 'Key (nik)' or a 16-digit number: {len(bad_ours)} of {PG_DB} ({len(bad)} of all databases)",
    )


def finding_8(stack, password):
    deploy = {**PRODUCTION_ENV, "DATABASE_URL": stack.env["DATABASE_URL"], "BEHIND_TLS_PROXY": "True"}
    base = {k: v for k, v in stack.env.items() if k not in deploy and k not in ("TRUSTED_PROXIES",)}
    base = {k: v for k, v in base.items() if not k.startswith("SECURE_")}
    empty = stack.manage("check", "--deploy", env={**base, **deploy, "TRUSTED_PROXIES": ""})
    trusted = stack.manage(
        "check", "--deploy", "--fail-level", "WARNING", env={**base, **deploy, "TRUSTED_PROXIES": "127.0.0.1,::1"}
    )
    refused = empty.returncode != 0 and "opop.E001" in empty.stdout + empty.stderr
    clean = trusted.returncode == 0
    if not clean:
        info((trusted.stdout + trusted.stderr)[-1500:])
    # The running server has BEHIND_TLS_PROXY=True and TRUSTED_PROXIES=127.0.0.1,::1.
    user = "pimpinan"
    attacker = Browser(stack.url, forwarded_for="203.0.113.7")
    attacker.get("/akun/masuk/")
    wrong = [attacker.post("/akun/masuk/", {"username": user, "password": "salah-sekali-123"}).status for _ in range(6)]
    attacker_right = Browser(stack.url, forwarded_for="203.0.113.7").login(user, password).status
    other = Browser(stack.url, forwarded_for="198.51.100.23").login(user, password).status
    direct = Browser(stack.url).login(user, password).status
    lockout = wrong[-1] == 429 and attacker_right == 429 and other == 302 and direct == 302
    report(
        "8",
        refused and clean and lockout,
        f"check --deploy, BEHIND_TLS_PROXY=True: TRUSTED_PROXIES empty exit {empty.returncode} "
        f"(opop.E001: {'opop.E001' in empty.stdout + empty.stderr}), TRUSTED_PROXIES=127.0.0.1,::1 exit "
        f"{trusted.returncode}; 6 wrong logins of {user!r} from X-Forwarded-For 203.0.113.7 answered {wrong}, "
        f"then the right password from 203.0.113.7 {attacker_right}, from 198.51.100.23 {other}, "
        f"without the header (127.0.0.1) {direct}",
    )


# ---------------------------------------------------------------- main


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=("postgres", "sqlite"), required=True)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--pg-log", default="/var/log/postgresql/postgresql-15-main.log")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (logs, files, SQLite)")
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix=f"opop-probe-{args.db}-")
    print(f"Security probe of issue 28 on {args.db}; temporary files in {tmp}", flush=True)
    stack = Stack(args.db, args.port, tmp, args.pg_log)
    started = time.monotonic()
    try:
        log_offset = os.path.getsize(args.pg_log) if args.db == "postgres" else 0
        stack.create_database()
        password = stack.shell("from opop.accounts.demo import DEMO_PASSWORD; print(DEMO_PASSWORD)")
        ids = json.loads(
            stack.shell(
                "import json\n"
                "from opop.accounts.models import PerangkatDaerah, User\n"
                "from pesantren.models import Pesantren\n"
                "from programs import services\n"
                "from programs.models import Rencana, Status, LaporanTriwulan\n"
                "officer = User.objects.get(username='petugas.kominfo')\n"
                "draft = services.rencana_create(actor=officer, opd=officer.opd, tahun=2025)\n"
                "submitted = Rencana.objects.filter(status=Status.DIAJUKAN).order_by('pk').first()\n"
                "verified = Rencana.objects.filter(status=Status.DIVERIFIKASI).order_by('tahun', 'pk').first()\n"
                "report = LaporanTriwulan.objects.filter(status='diajukan').order_by('pk').first()\n"
                "nspps = list(Pesantren.objects.order_by('pk').values_list('nspp', flat=True)[:50])\n"
                "print(json.dumps({'draft': draft.pk, 'submitted': submitted.pk, 'verified': verified.pk,"
                " 'report_plan': report.rencana_id, 'report_tw': report.triwulan, 'nspps': nspps}))"
            )
        )
        info(
            f"plans: draft {ids['draft']} (kominfo 2025), submitted {ids['submitted']}, verified {ids['verified']}, "
            f"submitted report TW{ids['report_tw']} of plan {ids['report_plan']}; {len(ids['nspps'])} NSPPs"
        )
        stack.start_server()
        stack.start_worker(1)
        people = {
            name: Browser(stack.url).signed_in(name, password)
            for name in ("admin", "staf", "pimpinan", "petugas.kominfo", "petugas.dindik")
        }
        finding_1(stack, people, ids)
        finding_2(stack, people, ids)
        finding_3(stack, people, ids, password)
        finding_4(stack, "admin@demo.opop.local")
        finding_5(stack, people, ids)
        finding_6(stack, people, ids, password)
        finding_7(stack, people, ids, log_offset)
        finding_8(stack, password)
    finally:
        stack.stop()
        logs_5xx = 0
        for name, text in stack.log_text().items():
            if name == "gunicorn":
                logs_5xx = len(re.findall(r'" 5\d\d ', text))
        print(f"    gunicorn access log: {logs_5xx} answers 5xx in the whole run", flush=True)
        if args.keep:
            print(f"    kept {tmp}", flush=True)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    failed = [line for _n, passed, line in results if passed is False]
    print(
        f"{args.db}: {sum(1 for r in results if r[1])} PASS, {len(failed)} FAIL, "
        f"{sum(1 for r in results if r[1] is None)} n/a in {time.monotonic() - started:.0f} s",
        flush=True,
    )
    return 1 if failed or len(results) < 9 else 0


if __name__ == "__main__":
    sys.exit(main())
