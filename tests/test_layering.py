"""Arrows point one way: each module imports only from its own layer or the layers below it (issue 12).

Layers, lowest first. A module belongs to the longest prefix that names it."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# (layer, what it holds): also the diagram of docs/ARCHITECTURE.md, which test_the_architecture_page_shows_the_layers
# keeps equal to this list.
LAYERS_DESCRIBED = [
    ("opop.common", "infrastructure: formatting, forms, storage, audit, uploads, middleware"),
    ("opop.wilayah", "reference geography"),
    ("opop.indicators", "the indicator dictionary, the target register, recorded figures"),
    ("opop.accounts", "users, roles, OPDs, permission predicates"),
    ("opop.notifications", "the inbox and e-mail copies: knows users, no domain app"),
    ("opop.jobs", "background jobs"),
    ("opop.imports", "the import engine: needs the permission predicates and the job runner"),
    ("pesantren", "the registry: pesantren, santripreneur, sociopreneur, participations, tallies"),
    ("products", "produk unggulan, certificates, curation"),
    ("programs", "OPD plans (rencana), lines (kegiatan), quarterly realisation and reports"),
    ("opop.dashboard", "reads every domain app, through their selectors"),
    ("opop.opendata", "the public open data: datasets from the dashboards' selectors, versions, DCAT-AP catalog"),
    ("opop.api", "the REST API for partner systems: the apps' selectors, lookups and services, over HTTP"),
    ("opop", "the project: settings, urls, seed_demo, load_reference_data, bench"),
]
LAYERS = [name for name, _what in LAYERS_DESCRIBED]
DOMAIN = ("pesantren", "products", "programs")
READERS = ("opop.dashboard", "opop.opendata")  # read the domain apps through their selectors only


def layer_of(module):
    matches = [name for name in LAYERS if module == name or module.startswith(name + ".")]
    return max(matches, key=len) if matches else None


def module_of(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(source, module):
    tree = ast.parse(source)
    package = module.rsplit(".", 1)[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative import: resolve against the package
                base = ".".join(
                    package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else [])
                )
            if base in LAYERS:  # `from programs import selectors` imports the module programs.selectors
                for alias in node.names:
                    yield node.lineno, f"{base}.{alias.name}"
            else:
                yield node.lineno, base


def wrong_way_imports(sources):
    """[(module, line, imported)] for each import that points up, or from the dashboard or the open data into a
    domain app's internals (anything but its selectors)."""
    found = []
    for module, source in sources:
        own = layer_of(module)
        if own is None:
            continue
        for line, imported in imports_of(source, module):
            target = layer_of(imported)
            if target is None or target == own:
                continue
            if LAYERS.index(target) > LAYERS.index(own):
                found.append((module, line, imported))
            elif own in READERS and target in DOMAIN and imported not in (target, f"{target}.selectors"):
                found.append((module, line, imported))
    return found


def project_sources():
    for path in sorted(ROOT.glob("**/*.py")):
        relative = path.relative_to(ROOT).parts
        if relative[0] in ("opop", *DOMAIN) and "migrations" not in relative:
            yield module_of(path), path.read_text()


def test_every_import_points_down():
    assert wrong_way_imports(project_sources()) == []


def import_graph(sources):
    """{module: modules of ours it imports}, imports inside functions included (they only hide a cycle)."""
    sources = dict(sources)
    graph = {}
    for module, source in sources.items():
        targets = set()
        for _line, imported in imports_of(source, module):
            while imported and imported not in sources:  # `from pkg.mod import name` imports pkg.mod
                imported = imported.rpartition(".")[0]
            if imported and imported != module:
                targets.add(imported)
        graph[module] = targets
    return graph


def cycles(graph):
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycle_anywhere():
    assert cycles(import_graph(project_sources())) == []


def test_a_cycle_behind_a_function_level_import_is_caught():
    sources = [
        ("opop.jobs.services", "from opop.jobs.tasks import run\n"),
        ("opop.jobs.tasks", "from opop.jobs.runner import run_job\n"),
        ("opop.jobs.runner", "def finish():\n    from opop.jobs.services import notify\n"),
    ]
    assert cycles(import_graph(sources)) == [["opop.jobs.runner", "opop.jobs.services", "opop.jobs.tasks"]]


APP_REFERENCE = re.compile(rf"^({'|'.join(DOMAIN)})[.:]\w")  # "pesantren.importers.X", "programs:detail"


def domain_strings_below(sources):
    """[(module, line, text)] for each string in a layer below the domain apps that names one of them: a dotted path
    or URL name ("pesantren.jobs.rebuild_tallies", "programs:detail"), or an app label as a dict key. Such a lower
    layer knows the apps as surely as an import would; the apps register what they add instead
    (opop/common/registry.py)."""
    lowest_domain = min(LAYERS.index(app) for app in DOMAIN)
    found = []
    for module, source in sources:
        own = layer_of(module)
        if own is None or LAYERS.index(own) >= lowest_domain:
            continue
        for node in ast.walk(ast.parse(source)):
            texts = []
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and APP_REFERENCE.match(node.value):
                texts.append(node.value)
            elif isinstance(node, ast.Dict):
                texts += [k.value for k in node.keys if isinstance(k, ast.Constant) and k.value in DOMAIN]
            found += [(module, node.lineno, text) for text in texts]
    return found


def test_no_lower_layer_names_a_domain_app():
    assert domain_strings_below(project_sources()) == []


@pytest.mark.parametrize(
    "source",
    [
        'KINDS = {"pesantren": "pesantren.importers.PesantrenImport"}\n',
        'URL = "programs:detail"\n',
        'GRANTS = {"products": ("view",)}\n',
    ],
)
def test_a_domain_app_named_in_a_string_below_is_caught(source):
    assert domain_strings_below([("opop.jobs.registry", source)]) != []
    assert domain_strings_below([("pesantren.apps", source)]) == []  # an app may name itself and its peers


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("opop.common.formatting", "from pesantren.models import Pesantren\n"),
        ("opop.common.spreadsheet", "import programs.selectors\n"),
        ("opop.accounts.views", "import opop.dashboard.selectors\n"),
        ("opop.wilayah.models", "from opop.accounts.models import PerangkatDaerah\n"),
        ("opop.dashboard.selectors", "from pesantren.models import Pesantren\n"),
        ("opop.opendata.figures", "from products.models import Product\n"),
        ("opop.dashboard.boards", "from opop.opendata.figures import year_figures\n"),
        ("pesantren.views", "from programs.selectors import rencana_visible_to\n"),
    ],
)
def test_a_wrong_way_import_is_caught(module, source):
    """Test of the test: each of these arrows points up (or past a domain app's selectors) and is reported."""
    imported = source.split()[1]
    assert wrong_way_imports([(module, source)]) == [(module, 1, imported)]


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("pesantren.views", "from opop.common.forms import VersionedForm\n"),
        ("opop.dashboard.boards", "from programs import selectors as plans\n"),
        ("programs.models", "from opop.indicators.models import Indicator\n"),
        ("opop.management.commands.seed_demo", "from programs.demo import seed_demo_plans\n"),
    ],
)
def test_a_downward_import_is_allowed(module, source):
    assert wrong_way_imports([(module, source)]) == []


def layer_diagram():
    """The layers highest first, as docs/ARCHITECTURE.md shows them."""
    width = max(len(name) for name in LAYERS) + 2
    return "\n".join(f"{name:<{width}}{what}" for name, what in reversed(LAYERS_DESCRIBED))


def test_the_architecture_page_shows_the_layers():
    page = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    block = page.split("<!-- layers:", 1)[1].split("```\n", 1)[1].split("\n```", 1)[0]
    assert block == layer_diagram(), "docs/ARCHITECTURE.md: paste tests.test_layering.layer_diagram() into the block"
