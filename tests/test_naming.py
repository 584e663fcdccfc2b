"""One thing, one word (docs/GLOSSARY.md): the domain's Indonesian nouns, not the English synonyms that crept into
file names and URL names (tests of programs said plan/line/report while the code says rencana/kegiatan/laporan; the
URL name `milestones` served /dasbor/tonggak/)."""

import ast
import re
from pathlib import Path

import pytest
from django.urls import URLResolver, get_resolver

ROOT = Path(__file__).resolve().parent.parent
DENIED = {
    "plan": "rencana",
    "plans": "rencana",
    "line": "kegiatan",
    "lines": "kegiatan",
    "report": "laporan",
    "reports": "laporan",
    "recap": "rekap",
    "realisation": "realisasi",
    "compliance": "kepatuhan",
    "deadline": "batas",
    "deadlines": "batas",
    "evidence": "bukti",
    "milestone": "tonggak",
    "milestones": "tonggak",
}
DOMAIN_TESTS = ("programs", "dashboard")  # the apps whose nouns are Indonesian throughout


def denied_words(name):
    """The denied synonyms among a name's words ("test_plan_submit" -> ["plan → rencana"])."""
    return [f"{word} → {DENIED[word]}" for word in re.split(r"[_\-./:]+", name.lower()) if word in DENIED]


def _url_names(patterns=None, namespace=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from _url_names(pattern.url_patterns, pattern.namespace or namespace)
        elif pattern.name and namespace in ("programs", "dashboard"):
            yield f"{namespace}:{pattern.name}"


def _service_functions(app):
    tree = ast.parse((ROOT / app / "services.py").read_text())
    return [node.name for node in tree.body if isinstance(node, ast.FunctionDef) and not node.name.startswith("_")]


NAMES = {
    "test files": [p.stem for app in DOMAIN_TESTS for p in sorted((ROOT / "tests" / app).glob("test_*.py"))],
    "templates": [p.stem for app in DOMAIN_TESTS for p in sorted((ROOT / "templates" / app).glob("*.html"))],
    "URL names": list(_url_names()),
    "services": _service_functions("programs"),
}


@pytest.mark.parametrize("kind", NAMES)
def test_names_use_the_glossarys_words(kind):
    assert NAMES[kind], f"no {kind} found: the walk is broken"
    assert {name: denied_words(name) for name in NAMES[kind] if denied_words(name)} == {}


def test_a_denied_synonym_is_caught():
    assert denied_words("test_plan_submit") == ["plan → rencana"]
    assert denied_words("dashboard:milestones") == ["milestones → tonggak"]
    assert denied_words("test_rencana_submit") == []
    assert denied_words("test_batas_pelaporan") == []  # "deadlines" hides no "line": words, not substrings
