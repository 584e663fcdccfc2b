"""Every view says which HTTP methods it answers (issue 12: uniform apps); anything else gets 405."""

import ast
import inspect
import sys
from pathlib import Path

import pytest
from django.urls import URLResolver, get_resolver

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("opop.", "pesantren.", "products.", "programs.")
METHOD_DECORATORS = {"require_GET", "require_POST", "require_http_methods", "require_safe"}


def _routed_view_modules(patterns=None):
    """Every module of ours that a URL routes to (views.py, public_views.py, …): found from the URLconf, not by
    file name, so a view module with another name cannot slip past. Class-based views (Django's auth views, our
    subclasses of them) answer only the methods they define and are left out."""
    modules = set()
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            modules |= _routed_view_modules(pattern.url_patterns)
        elif not hasattr(pattern.callback, "view_class"):
            module = inspect.unwrap(pattern.callback).__module__
            if module.startswith(PACKAGES):
                modules.add(module)
    return modules


VIEW_MODULES = sorted(Path(sys.modules[name].__file__) for name in _routed_view_modules())


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


def test_the_routed_modules_include_those_not_named_views():
    names = {str(p.relative_to(ROOT)) for p in VIEW_MODULES}
    assert {"products/public_views.py", "programs/views.py", "opop/jobs/views.py"} <= names


def test_a_view_without_one_is_caught():
    source = "@login_not_required\ndef page(request):\n    pass\n\n@require_GET\ndef other(request):\n    pass\n"
    assert views_without_method_decorator(source) == ["page"]


@pytest.mark.django_db
def test_a_get_only_page_refuses_post(client, staf):
    client.force_login(staf)
    assert client.post("/program/").status_code == 405
    assert client.get("/program/").status_code == 200


@pytest.mark.django_db
def test_the_public_catalogue_refuses_post(client):
    assert client.post("/katalog/").status_code == 405
    assert client.get("/katalog/").status_code == 200


def test_templates_ask_the_predicates_not_django_perms():
    """One vocabulary (docs/STYLE.md, One way): `{% if can.write_registry %}`, never `perms.app.codename`."""
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "templates").glob("**/*.html"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if "perms." in line
    ]
    assert found == []


# A view loads the object it works on with one lookup call (`<entity>_for(user, pk, may=…)` of its app's access.py,
# built on opop.accounts.permissions.guarded_get) and checks a role with @predicate_required; it neither queries the
# ORM nor raises 403 itself, so no view can forget the 404/403 pair (docs/STYLE.md, One way).
OUTSIDE_THE_ACCESS_PATH = ("get_object_or_404", "get_list_or_404", "PermissionDenied", "require", "objects")


def access_outside_lookups(source):
    found = []
    for node in ast.walk(ast.parse(source)):
        name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else None
        if name in OUTSIDE_THE_ACCESS_PATH:
            found.append(f"{node.lineno}:{name}")
    return found


@pytest.mark.parametrize("path", VIEW_MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_views_load_objects_through_one_lookup(path):
    assert access_outside_lookups(path.read_text()) == []


def test_a_view_querying_for_itself_is_caught():
    source = (
        "def page(request, pk):\n"
        "    plan = get_object_or_404(rencana_visible_to(request.user), pk=pk)\n"
        "    require(can_edit_rencana(request.user, plan))\n"
        "    report = LaporanTriwulan.objects.filter(rencana=plan).first()\n"
    )
    assert access_outside_lookups(source) == ["2:get_object_or_404", "3:require", "4:objects"]


# ... and with ONE call per view: the lookup of a record under its parent (a certificate of a product, a
# participation of a person) answers both (`certification_for(user, pk, cert_pk)` → product, certificate), so a view
# cannot load the parent with one rule and the child with another. A `*_visible_to(…).get()` in a view is a lookup
# of its own too.
ROW_GETTERS = {"get", "first", "last", "earliest", "latest"}


def _lookup_names(tree):
    return {
        alias.asname or alias.name
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and (node.module or "").endswith(".access")
        for alias in node.names
        if alias.name.endswith("_for")
    }


def _is_lookup(call, lookups):
    func = call.func
    if isinstance(func, ast.Name):
        return func.id in lookups
    if isinstance(func, ast.Attribute) and func.attr in ROW_GETTERS:
        receiver = func.value
        while isinstance(receiver, (ast.Call, ast.Attribute)):
            inner = receiver.func if isinstance(receiver, ast.Call) else receiver
            name = inner.id if isinstance(inner, ast.Name) else getattr(inner, "attr", "")
            if name.endswith("_visible_to"):
                return True
            receiver = inner.value if isinstance(inner, ast.Attribute) else None
    return False


def views_with_more_than_one_lookup(source):
    tree = ast.parse(source)
    lookups = _lookup_names(tree)
    found = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
            calls = [call.lineno for call in ast.walk(node) if isinstance(call, ast.Call) and _is_lookup(call, lookups)]
            if len(calls) > 1:
                found.append(f"{node.name}: {len(calls)} lookups (lines {', '.join(map(str, sorted(calls)))})")
    return found


@pytest.mark.parametrize("path", VIEW_MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_each_view_loads_its_object_with_one_lookup_call(path):
    assert views_with_more_than_one_lookup(path.read_text()) == []


def test_a_view_with_two_lookups_is_caught():
    source = (
        "from pesantren.access import participation_for, santripreneur_for\n"
        "def delete(request, pk, other):\n"
        "    person = santripreneur_for(request.user, pk)\n"
        "    row = participation_for(request.user, person, other)\n"
        "def detail(request, pk):\n"
        "    person = santripreneur_for(request.user, pk)\n"
        "    twin = santripreneur_visible_to(request.user).filter(nik=person.nik).first()\n"
        "def fine(request, pk):\n"
        "    person = santripreneur_for(request.user, pk)\n"
        "    return request.GET.get('q')\n"
    )
    assert views_with_more_than_one_lookup(source) == [
        "delete: 2 lookups (lines 3, 4)",
        "detail: 2 lookups (lines 6, 7)",
    ]
