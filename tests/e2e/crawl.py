"""The site crawl shared by the accessibility, HTML, English and print checks.

Each role gets one signed-in browser context; from the links of its navigation bar the crawl follows same-site links
breadth-first, two clicks deep, and opens one page per *kind* of URL: the path with its numbers replaced
(``/pesantren/12/`` and ``/pesantren/40/`` are one kind) plus the names of those query parameters that change the
layout (``?tampilan=tabel``, ``?kabkota=``; a year, a sort order or a page number fill the same template).
Downloads, the language switch, logout and Django's own admin are not followed. Every page is opened once per role
in the browser (axe runs there) and its raw HTML — what the server sent, not the DOM — is kept for the Nu Html
Checker; the English pass fetches the same URLs with the language cookie set and keeps their HTML too."""

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urldefrag, urlsplit

from opop.accounts.demo import DEMO_PASSWORD

SKIP_PATH = re.compile(
    r"^/(admin|i18n|media|static|akun/keluar|healthz)(/|$)"  # Django admin, language switch, files, logout
    r"|\.(xlsx|csv|pdf|png|jpe?g|webp|gif|docx|json|jsonld)$"  # downloads (the open data's files and catalog)
    r"|/(ekspor|unduh|templat|template|dokumen|berkas|bukti)(/|\.|$)"
    r"|^/api/v1/(schema|docs)(/|$)"  # the API's OpenAPI document (JSON/YAML) and drf-spectacular's viewers
)
SKIP_QUERY = {"format", "next"}  # ?format=csv is a download; ?next= only repeats the login redirect
# Query parameters that change what a page draws; others (filters, sorting, paging, year) fill the same template.
LAYOUT_KEYS = {"tampilan", "indikator", "kabkota", "terverifikasi"}
DEPTH = 2


@dataclass
class Page:
    role: str
    url: str  # path and query
    status: int = 200
    html: str = ""
    html_en: str = ""
    axe: list = field(default_factory=list)  # serious and critical violations only
    disabled: list = field(default_factory=list)  # visible disabled actions: (label, the visible reason beside it)


def kind(url):
    parts = urlsplit(url)
    path = re.sub(r"\d+", "N", parts.path)
    keys = sorted({k for k, _ in parse_qsl(parts.query, keep_blank_values=True)} & LAYOUT_KEYS)
    return path + ("?" + "&".join(keys) if keys else "")


def _wanted(url):
    parts = urlsplit(url)
    if parts.scheme not in ("", "http", "https") or SKIP_PATH.search(parts.path):
        return False
    keys = {k for k, _ in parse_qsl(parts.query, keep_blank_values=True)}
    return not keys & SKIP_QUERY


def sign_in(context, base, username):
    page = context.new_page()
    page.goto(f"{base}/akun/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Sandi").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state()
    assert page.url == f"{base}/", f"{username} could not sign in: {page.url} {page.locator('main').inner_text()[:300]}"
    return page


def links_on(page, base, selector="a[href]"):
    script = "els => els.map(e => new URL(e.getAttribute('href'), document.baseURI).href)"  # SVG links too
    hrefs = page.eval_on_selector_all(selector, script)
    out = []
    for href in hrefs:
        href, _ = urldefrag(href)
        if not href.startswith(base):
            continue
        url = href[len(base) :] or "/"
        if _wanted(url):
            out.append(url)
    return out


def crawl(page, base, role, start, visit):
    """Breadth-first over page kinds from `start` (navigation links). `visit(page, record)` is called on each page
    that answered 200; returns the Page records (every status) in the order visited."""
    seen, records = set(), []
    frontier = []
    for url in start:
        if kind(url) not in seen:
            seen.add(kind(url))
            frontier.append(url)
    for depth in range(DEPTH + 1):
        next_frontier = []
        for url in frontier:
            response = page.goto(base + url)
            if response is None or "text/html" not in response.headers.get("content-type", ""):
                continue
            record = Page(role=role, url=page.url[len(base) :], status=response.status, html=response.text())
            records.append(record)
            if response.status != 200:
                continue
            visit(page, record)
            if depth == DEPTH:
                continue
            for link in links_on(page, base, "main a[href], nav a[href]"):
                if kind(link) not in seen:
                    seen.add(kind(link))
                    next_frontier.append(link)
        frontier = next_frontier
    return records
