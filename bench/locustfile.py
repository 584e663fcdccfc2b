"""Load mix for `make bench`: signed-in staff, leadership and OPD officers browsing, plus anonymous visitors
on the public pages. Users are the bench-<role> accounts that `manage.py bench` creates.

With CAPACITY_OUT set (`manage.py bench_load --capacity`): no think time, and users stepped up until the p95 of a
step passes CAPACITY_P95_MS; each step's users, req/s and p95 are written to that JSON file. NO_THINK: no think time
(bench/scaleout's throughput runs). CREATES_OUT (bench/scaleout): officers also add santripreneur through the form,
each create's outcome a line of that file ("ok <id> <nik>" when the portal answered with the new record, "gagal <nik>
<status>" otherwise), so the run can check that every acknowledged create is in the database."""

import itertools
import json
import os
import random
import re

from locust import HttpUser, LoadTestShape, between, constant, task

PASSWORD = "Bench-Only-2024!"
CAPACITY_OUT = os.environ.get("CAPACITY_OUT")
CREATES_OUT = os.environ.get("CREATES_OUT")
THINK = constant(0) if CAPACITY_OUT or os.environ.get("NO_THINK") else between(0.5, 2)


class SignedIn(HttpUser):
    abstract = True
    wait_time = THINK
    username = ""

    def on_start(self):
        page = self.client.get("/akun/masuk/", name="login page")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        with self.client.post(
            "/akun/masuk/",
            {"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": token},
            headers={"Referer": f"{self.host}/akun/masuk/"},
            name="login",
            catch_response=True,
        ) as response:
            if "/akun/masuk/" in response.url:
                response.failure("login refused")

    def page(self, url, name):
        """A signed-in page; being sent back to the login page counts as a failure, not a fast 200."""
        with self.client.get(url, name=name, catch_response=True) as response:
            if "/akun/masuk/" in response.url:
                response.failure("not signed in")


class Staf(SignedIn):
    weight = 3
    username = "bench-staf_diskop"

    @task(3)
    def santripreneur_filtered(self):
        self.page("/santripreneur/?kabkota=35.17", "santripreneur list (kab/kota)")

    @task(2)
    def santripreneur_search(self):
        self.page("/santripreneur/?q=ahmad", "santripreneur list (search)")

    @task(1)
    def pesantren_list(self):
        self.page("/pesantren/?kabkota=35.78", "pesantren list")

    @task(2)
    def home(self):
        self.page("/", "home dashboard")


class Pimpinan(SignedIn):
    weight = 1
    username = "bench-pimpinan"

    @task
    def home(self):
        self.page("/", "home dashboard")


class Petugas(SignedIn):
    weight = 1
    username = "bench-petugas_opd"

    @task
    def home(self):
        self.page("/", "home dashboard")


class Public(HttpUser):
    weight = 2
    wait_time = THINK

    @task
    def public(self):
        self.client.get("/publik/", name="public page")


if CREATES_OUT:
    NIK_PREFIX = os.environ.get("CREATES_NIK_PREFIX", "357999")  # 6 digits; 10 more follow from one counter
    NUMBERS = itertools.count(1)
    PESANTREN = os.environ.get("CREATES_PESANTREN", "").split(",")

    class Pendata(SignedIn):
        """An officer adding santripreneur one by one through the form (a write acknowledged by its redirect)."""

        weight = 1
        username = "bench-staf_diskop"

        @task
        def create(self):
            form = self.client.get("/santripreneur/baru/", name="santripreneur form")
            token = re.search(r'name="token" value="([^"]+)"', form.text)
            csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)
            if not token or not csrf:
                return
            nik = f"{NIK_PREFIX}{next(NUMBERS):010d}"
            data = {"nama": f"Santri Skala {nik[-6:]}", "nik": nik, "jenis_kelamin": "L", "tanggal_lahir": "2001-02-03"}
            data |= {"telepon": "081234567890", "pesantren": random.choice(PESANTREN), "bidang_usaha": "Kuliner"}
            data |= {"tahun_terdaftar": 2024, "status": "aktif", "alasan": "uji skala"}
            data |= {"token": token.group(1), "csrfmiddlewaretoken": csrf.group(1)}
            response = self.client.post(
                "/santripreneur/baru/", data, name="santripreneur create", allow_redirects=False
            )
            created = re.fullmatch(r"/santripreneur/(\d+)/", response.headers.get("Location", ""))
            with open(CREATES_OUT, "a", encoding="utf-8") as out:
                out.write(f"ok {created.group(1)} {nik}\n" if created else f"gagal {nik} {response.status_code}\n")


if CAPACITY_OUT:

    class CapacitySteps(LoadTestShape):
        """Users in steps of STEP; each step runs SETTLE s (its new users sign in) and then MEASURE s with fresh
        statistics. Stops after the first step whose p95 passes the limit, or at MAX_USERS."""

        STEP, SETTLE, MEASURE = int(os.environ.get("CAPACITY_STEP", 4)), 8, 20
        MAX_USERS = int(os.environ.get("CAPACITY_MAX_USERS", 80))
        LIMIT_MS = float(os.environ.get("CAPACITY_P95_MS", 300))

        def __init__(self):
            super().__init__()
            self.steps, self.users, self.step_started, self.measuring = [], self.STEP, 0.0, False

        def tick(self):
            now = self.get_run_time()
            elapsed = now - self.step_started
            if not self.measuring and elapsed >= self.SETTLE:
                self.runner.stats.reset_all()
                self.measuring, self.measure_started = True, now
            elif self.measuring and elapsed >= self.SETTLE + self.MEASURE:
                total = self.runner.stats.total
                seconds = now - self.measure_started
                p95 = total.get_response_time_percentile(0.95) or 0
                self.steps.append(
                    {
                        "users": self.users,
                        "requests": total.num_requests,
                        "failures": total.num_failures,
                        "rps": total.num_requests / seconds if seconds else 0,
                        "p50_ms": total.get_response_time_percentile(0.5) or 0,
                        "p95_ms": p95,
                    }
                )
                with open(CAPACITY_OUT, "w", encoding="utf-8") as out:
                    json.dump(self.steps, out)
                if p95 > self.LIMIT_MS or total.num_failures or self.users >= self.MAX_USERS:
                    return None
                self.users += self.STEP
                self.step_started, self.measuring = now, False
            return self.users, self.STEP
