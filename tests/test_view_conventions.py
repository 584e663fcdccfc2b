"""Every view says which HTTP methods it answers (issue 12: uniform apps); anything else gets 405."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
METHOD_DECORATORS = {"require_GET", "require_POST", "require_http_methods", "require_safe"}
VIEW_MODULES = sorted(p for p in ROOT.glob("**/views.py") if ".venv" not in p.parts)


def views_without_method_decorator(source):
    missing = []
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
            names = {getattr(d.func if isinstance(d, ast.Call) else d, "id", None) for d in node.decorator_list}
            names |= {getattr(d.func if isinstance(d, ast.Call) else d, "attr", None) for d in node.decorator_list}
            if not names & METHOD_DECORATORS:
                missing.append(node.name)
    return missing


@pytest.mark.parametrize("path", VIEW_MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_view_has_its_method_decorator(path):
    assert views_without_method_decorator(path.read_text()) == []


def test_a_view_without_one_is_caught():
    source = "@login_not_required\ndef page(request):\n    pass\n\n@require_GET\ndef other(request):\n    pass\n"
    assert views_without_method_decorator(source) == ["page"]


@pytest.mark.django_db
def test_a_get_only_page_refuses_post(client, staf):
    client.force_login(staf)
    assert client.post("/program/").status_code == 405
    assert client.get("/program/").status_code == 200
