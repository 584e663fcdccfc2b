"""Jobs journey with a real `db_worker` (not the inline backend): Staf uploads a 5 000-row santripreneur file, the
request only stores it (the web process parses no row: the worker does all of it), the progress bar moves to done
while the worker checks and then writes it, and the people are in the list; then the full santripreneur XLSX export
(above the immediate-export limit) runs as a job, the web request writing no row, and is downloaded from
"Pekerjaan saya" and opened with openpyxl. The 50 000-key write keeps its own test
(tests/pesantren/test_duplicate_key.py); bench/ measures the sizes of production."""

import re
import time
from collections import Counter

import pytest
from openpyxl import load_workbook

from opop.accounts.demo import DEMO_PASSWORD, seed_demo_users
from opop.imports import engine
from opop.jobs import exports
from opop.jobs.models import Job
from pesantren.models import Santripreneur
from tests.e2e.conftest import login, open_nav
from tests.importer.data import SANTRI_HEADERS, santri_rows, to_csv
from tests.jobs.conftest import needs_postgresql

pytestmark = [pytest.mark.browser, needs_postgresql, pytest.mark.django_db(transaction=True)]

ROWS = 5_000


# Every value job-progress.js writes into a bar's aria-valuenow, kept in sessionStorage across the page's own reload
# when the job ends (a 5 000-row job can end between two samples of _progress_values).
RECORD_BAR_VALUES = """new MutationObserver((changes) => {
  const seen = JSON.parse(sessionStorage.getItem("barValues") || "[]");
  for (const change of changes) seen.push(Number(change.target.getAttribute("aria-valuenow")));
  sessionStorage.setItem("barValues", JSON.stringify(seen));
}).observe(document, {attributes: true, subtree: true, attributeFilter: ["aria-valuenow"]});"""


def _bar_values(page):
    return page.evaluate("JSON.parse(sessionStorage.getItem('barValues') || '[]')")


def _progress_values(page, until_text, timeout=180):
    """aria-valuenow of the inline progress bar, sampled until `until_text` shows (after the page's own reload)."""
    seen = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if page.get_by_text(until_text).count():
            return seen
        bar = page.locator(".job-progress [role=progressbar]")
        if bar.count():
            try:
                seen.append(int(bar.first.get_attribute("aria-valuenow", timeout=1000)))
            except Exception:  # the page reloaded between two looks
                pass
        time.sleep(0.25)
    raise AssertionError(f"'{until_text}' did not appear in {timeout}s; progress seen: {seen[-10:]}")


@pytest.fixture
def web_work(monkeypatch):
    """Counts the row work done in this process, whose live server thread answers the browser: rows parsed by the
    importer, exports answered at once. The worker is another process: its work is not counted here."""
    counts = Counter()
    parse, respond = engine.RowResult.__init__, exports.sheet_response

    def counted_parse(self, *args, **kwargs):
        counts["rows parsed"] += 1
        return parse(self, *args, **kwargs)

    def counted_respond(*args, **kwargs):
        counts["immediate exports"] += 1
        return respond(*args, **kwargs)

    monkeypatch.setattr(engine.RowResult, "__init__", counted_parse)
    monkeypatch.setattr(exports, "sheet_response", counted_respond)
    return counts


def test_staf_imports_5000_rows_and_exports_them_through_the_worker(
    browser, live_server, start_worker, pesantren_nspps, tmp_path, screenshot, settings, web_work
):
    settings.EXPORT_IMMEDIATE_MAX_ROWS = ROWS // 10  # the list is above it: the export is a job, as at 50 000
    seed_demo_users()
    start_worker("journey-worker")
    upload = tmp_path / "santri-5000.csv"
    upload.write_bytes(to_csv(SANTRI_HEADERS, santri_rows(ROWS, pesantren_nspps)))

    context = browser.new_context(viewport={"width": 1366, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.add_init_script(RECORD_BAR_VALUES)
    page.set_default_timeout(15_000)
    blocked = []  # the progress script must run under the Content-Security-Policy
    page.on("console", lambda msg: "Content Security Policy" in msg.text and blocked.append(msg.text))
    login(page, live_server.url, "staf", DEMO_PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    open_nav(page, "Registri", "Impor data")
    # the participations kind mentions santripreneur too: pick the santripreneur upload by its address
    page.locator("a[href='/impor/santripreneur/']", has_text="Unggah berkas").click()
    page.locator("input[type=file]").set_input_files(str(upload))

    with page.expect_navigation(url=re.compile(r".*/impor/batch/\d+/$")):
        page.get_by_role("button", name="Periksa berkas").click()
    assert web_work["rows parsed"] == 0  # the upload request stored the file and queued the check
    assert page.get_by_text("Sedang diperiksa").first.is_visible()
    screenshot(page, "jobs-import-checking")

    checking = _progress_values(page, "Tulis ke registri")
    assert page.locator("[data-count=create]").inner_text() == "5.000"
    page.get_by_role("button", name="Tulis ke registri").click()
    writing = _progress_values(page, "Semua baris sudah ditulis")
    screenshot(page, "jobs-import-written")
    assert page.get_by_text("Impor selesai: 5000 data baru").is_visible()
    assert Santripreneur.objects.count() == ROWS
    assert web_work["rows parsed"] == 0  # the worker checked and wrote every row; the web process none
    # The bar moved while the worker ran (job-progress.js wrote it from the job's status, before each reload; also
    # sampled from the page) and ends at 100%.
    rendered = _bar_values(page)
    assert max(rendered + checking + writing, default=0) > 0, (rendered, checking, writing)
    assert rendered and rendered[-1] == 100, rendered
    assert page.locator(".job-progress [role=progressbar]").get_attribute("aria-valuenow") == "100"

    open_nav(page, "Registri", "Santripreneur")
    page.locator("#id_q").fill("santri nomor 4999")
    page.get_by_role("button", name="Terapkan").click()
    assert page.locator("table tbody tr", has_text="Santri Nomor 4999").count() == 1

    # The whole list as XLSX: above the immediate limit, so it is a job.
    open_nav(page, "Registri", "Santripreneur")
    with page.expect_navigation(url=re.compile(r".*/pekerjaan/\d+/$")):
        page.get_by_role("link", name="Ekspor XLSX").click()
    assert web_work["immediate exports"] == 0  # the request queued the export; it wrote no row
    _progress_values(page, "Unduh santripreneur-")
    open_nav_jobs = page.locator("#nav-utama")
    open_nav_jobs.get_by_role("button", name=re.compile("Staf")).click()
    open_nav_jobs.get_by_role("link", name="Pekerjaan saya").click()
    screenshot(page, "jobs-list")
    job = Job.objects.get(kind="ekspor")
    assert job.status == "selesai" and job.done == ROWS
    with page.expect_download() as info:
        page.get_by_role("link", name=job.result_name).click()
    path = tmp_path / "export.xlsx"
    info.value.save_as(path)
    sheet = load_workbook(path, read_only=True).worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    assert next(rows)[:3] == ("ID", "NIK", "Nama")
    assert sum(1 for _ in rows) == ROWS
    context.close()
    assert not blocked, blocked[:3]
