"""No function grows past radon's rank D (cyclomatic complexity 30) but the importer's header search (issue 26):
`opop/imports/layout.locate` weighs every row and column that could be the header, and is measured by its own tests
and bench. Anything else that complex is split before it lands."""

from pathlib import Path

from radon.complexity import cc_rank, cc_visit
from radon.visitors import Function

ROOT = Path(__file__).resolve().parent.parent
APP_DIRS = ("opop", "pesantren", "products", "programs")
HEADER_SEARCH = {("opop/imports/layout.py", "locate")}


def _functions(blocks):
    for block in blocks:
        if isinstance(block, Function):  # methods come as blocks of their own; a class's sum is no one function
            yield block
            yield from _functions(block.closures)


def too_complex(source, relative):
    """[(path, name, complexity)] of the functions, methods and inner functions ranked E or F (31 and above)."""
    return [
        (relative, block.name, block.complexity)
        for block in _functions(cc_visit(source))
        if cc_rank(block.complexity) in "EF" and (relative, block.name) not in HEADER_SEARCH
    ]


def test_no_function_is_ranked_e_or_f_but_the_header_search():
    found = []
    for app in APP_DIRS:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if "/migrations/" not in relative:
                found += too_complex(path.read_text(), relative)
    assert found == []


def test_a_function_of_31_branches_is_caught():
    branches = "".join(f"    if x == {n}:\n        return {n}\n" for n in range(30))
    source = f"def branchy(x):\n{branches}    return -1\n"
    assert too_complex(source, "programs/x.py") == [("programs/x.py", "branchy", 31)]
    assert too_complex(source.replace("branchy", "locate"), "opop/imports/layout.py") == []
    indented = "".join(f"    {line}\n" for line in branches.splitlines())
    method = f"class Form:\n    def clean(self, x):\n{indented}        return -1\n"
    assert too_complex(method, "programs/forms.py") == [("programs/forms.py", "clean", 31)]
