"""English is complete: every text a template shows is marked for translation, and every marked text — in templates
and in Python (messages, form labels, choices, e-mails) — has an English entry in the compiled catalogs."""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template.base import Lexer, TokenType
from django.utils.translation import template as i18n_template
from django.utils.translation import trans_real

ROOT = Path(settings.BASE_DIR)
TEMPLATES = sorted((ROOT / "templates").rglob("*.html")) + sorted((ROOT / "templates").rglob("*.txt"))
PYTHON = sorted(
    p
    for app in ("opop", "pesantren", "products", "programs")
    for p in (ROOT / app).rglob("*.py")
    if "migrations" not in p.parts and "bench" not in p.parts and "management" not in p.parts
)
GETTEXT_NAMES = {
    "_",
    "N_",
    "gettext",
    "gettext_noop",
    "gettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "ngettext",
    "ngettext_lazy",
    "npgettext",
    "npgettext_lazy",
    "deferred",  # opop.common.reader_language: gettext and ngettext of messages stored to be read later
    "deferred_plural",
}

# Text that is the same in both languages: names, abbreviations, units, symbols.
SAME_IN_BOTH = {
    "OPOP",
    "Jatim",
    "OPD",
    "NSPP",
    "NIK",
    "NIB",
    "XLSX",
    "CSV",
    "PDF",
    "SIPD",
    "WIB",
    "Rp",
    "TW",
    "P-IRT",
    "BPOM",
    "HKI",
    "SNI",
    "HACCP",
    "ID",
    "EN",
    "English",
    "Bahasa",
    "Indonesia",
    "Diskop",
    "UKM",
    "Kominfo",
    "Jawa",
    "Timur",
    "Open",
    "SDG",
    "Admin",
    "Django",
    "FGD",
    "A4",
    "Kopontren",
    "Kemendagri",
    "Dukcapil",
    "BIG",
    "MIT",
    "Cahya",
    "DSN",
    "cahyadsn",
    "wilayah",
    "wilayah_boundaries",
    "GitHub",
    "One",
    "Pesantren",
    "Product",
    "EKO-TREN",
    "OK",
    "km²",
    "II",
    "III",
    "IV",
    "XX",
    "XXXX",
    "Mart",  # quarters TW I–IV, the SIPD code pattern X.XX.XX
}


def _catalog():
    return trans_real.translation("en")._catalog


def _msgids_in_template(path):
    code = i18n_template.templatize(path.read_text(encoding="utf-8"), origin=str(path))
    calls = re.finditer(r"\b(n?p?gettext)\(((?:u'(?:[^'\\]|\\.)*'(?:, )?)+)", code)
    for call in calls:
        args = [ast.literal_eval(s) for s in re.findall(r"u'(?:[^'\\]|\\.)*'", call.group(2))]
        yield call.group(1), args


def _msgids_in_python(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) in GETTEXT_NAMES:
            args = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if args:
                name = node.func.id if isinstance(node.func, ast.Name) else node.func.attr
                name = {"deferred": "gettext", "deferred_plural": "ngettext"}.get(name, name)
                yield ("gettext" if name in ("_", "N_", "gettext_noop") else name.removesuffix("_lazy")), args


def _key(function, args):
    if function in ("pgettext", "npgettext"):
        return f"{args[0]}\x04{args[1]}", function == "npgettext"
    return args[0], function == "ngettext"


@pytest.mark.parametrize("kind", ["templates", "python"])
def test_every_marked_text_has_an_english_entry(kind):
    catalog = _catalog()
    missing = []
    for path in TEMPLATES if kind == "templates" else PYTHON:
        found = _msgids_in_template(path) if kind == "templates" else _msgids_in_python(path)
        for function, args in found:
            key, plural = _key(function, args)
            if (key, 0) not in catalog if plural else key not in catalog:
                missing.append(f"{path.relative_to(ROOT)}: {key!r}")
    assert not missing, (
        f"{len(missing)} texts without an English entry (makemessages -l en, translate, "
        "compilemessages):\n" + "\n".join(sorted(set(missing))[:80])
    )


def _visible_text(html):
    """(offset, text) pieces a person reads in a template's literal HTML: element text and the attributes read
    aloud. Tags, comments, scripts and styles are blanked out in place, so offsets keep their line numbers."""

    def blank(match):
        return re.sub(r"[^\n]", " ", match.group())

    html = re.sub(r"<(script|style)\b.*?</\1>", blank, html, flags=re.S | re.I)
    html = re.sub(r"<!--.*?-->", blank, html, flags=re.S)
    for attribute in re.finditer(r"\b(?:aria-label|title|placeholder|alt)\s*=\s*\"([^\"]*)\"", html):
        yield attribute.start(1), attribute.group(1)
    text = re.sub(r"<[^>]*>", blank, html)
    text = re.sub(r"&[a-z]+;|&#\d+;", blank, text)
    yield 0, text


def _unmarked(path):
    """(line, word) of each word of literal template HTML outside {% translate %}/{% blocktranslate %}."""
    parts, inside_translation = [], 0
    for token in Lexer(path.read_text(encoding="utf-8")).tokenize():
        if token.token_type == TokenType.TEXT:
            text = token.contents
            if inside_translation:
                text = re.sub(r"[^\n]", " ", text)
            parts.append(text)
            continue
        name = token.contents.split()[0] if token.contents else ""
        inside_translation += name in ("blocktranslate", "blocktrans")
        inside_translation -= name in ("endblocktranslate", "endblocktrans")
        parts.append("\x00")  # a template tag or variable: stands for a value, never a word
    source = "".join(parts)
    lines_before = [m.start() for m in re.finditer("\n", source)]
    for text_start, text in _visible_text(source):
        for word in re.finditer(r"[^\W\d_][\w'’-]*", text):
            if word.group() not in SAME_IN_BOTH and len(word.group()) > 1:
                offset = text_start + word.start()
                yield 1 + sum(1 for n in lines_before if n < offset), word.group()


def test_every_text_in_the_templates_is_marked_for_translation():
    found = [f"{path.relative_to(ROOT)}:{line}: {word}" for path in TEMPLATES for line, word in _unmarked(path)]
    assert not found, f"{len(found)} words shown without {{% translate %}}:\n" + "\n".join(found[:80])


def test_the_checks_catch_an_unmarked_word_and_a_missing_entry(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        '{% load i18n %}<h1>{% translate "Beranda" %}</h1><p title="Keterangan">Simpan</p>\n'
        '{% translate "Teks yang tidak pernah diterjemahkan" %}'
    )
    assert sorted(word for _, word in _unmarked(page)) == ["Keterangan", "Simpan"]
    keys = [_key(f, a)[0] for f, a in _msgids_in_template(page)]
    assert keys == ["Beranda", "Teks yang tidak pernah diterjemahkan"]
    catalog = _catalog()
    assert "Beranda" in catalog and "Teks yang tidak pernah diterjemahkan" not in catalog
