"""One XLSX writer (issues 26, 32): every workbook the portal hands out is written by rust_xlsxwriter (the
rvgsrust_xlsxwriter binding) through opop/common/spreadsheet.py; openpyxl is imported only by the import engine's
reader. The bench's side-by-side of writers (opop/bench/xlsx_writers.py) is the one module that may import the
others: it measures them and writes nothing anyone downloads."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
SKIPPED = {"tests", "node_modules", "staticfiles", "media"}
SIDE_BY_SIDE = "opop/bench/xlsx_writers.py"
# package -> the only modules that may import it
ALLOWED = {
    "rvgsrust_xlsxwriter": {"opop/common/spreadsheet.py", SIDE_BY_SIDE},
    "openpyxl": {"opop/imports/reading.py", SIDE_BY_SIDE},
    "xlsxwriter": {SIDE_BY_SIDE},
    "rustpy_xlsxwriter": {SIDE_BY_SIDE},
    "pyexcelerate": {SIDE_BY_SIDE},
}


def _imported(node):
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom):
        return [node.module or ""]
    return []


def misplaced_imports():
    found = []
    for path in sorted(ROOT.glob("**/*.py")):
        relative = path.relative_to(ROOT)
        if relative.parts[0] in SKIPPED or relative.parts[0].startswith("."):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            for name in _imported(node):
                package = name.split(".")[0]
                if package in ALLOWED and relative.as_posix() not in ALLOWED[package]:
                    found.append(f"{relative}:{node.lineno} {package}")
    return found


def test_each_spreadsheet_package_is_imported_only_where_allowed():
    assert misplaced_imports() == []


def test_the_scan_sees_a_misplaced_import(tmp_path, monkeypatch):
    (tmp_path / "opop" / "imports").mkdir(parents=True)
    (tmp_path / "opop" / "writer.py").write_text("def f():\n    from openpyxl import Workbook\nimport xlsxwriter\n")
    (tmp_path / "opop" / "imports" / "reading.py").write_text("import openpyxl\nimport rvgsrust_xlsxwriter.x\n")
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    assert misplaced_imports() == [
        "opop/imports/reading.py:2 rvgsrust_xlsxwriter",
        "opop/writer.py:3 xlsxwriter",
        "opop/writer.py:2 openpyxl",
    ]
