"""Load mix for `make bench`: signed-in staff, leadership and OPD officers browsing, plus anonymous visitors
on the public pages. Users are the bench-<role> accounts that `manage.py bench` creates."""

import re

from locust import HttpUser, between, task

PASSWORD = "Bench-Only-2024!"


class SignedIn(HttpUser):
    abstract = True
    wait_time = between(0.5, 2)
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
    wait_time = between(0.5, 2)

    @task
    def public(self):
        self.client.get("/publik/", name="public page")
