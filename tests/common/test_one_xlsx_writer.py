"""One XLSX writer (issue 26): every workbook is written with XlsxWriter through opop/common/spreadsheet.py;
openpyxl is imported only by the import engine's reader."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
READER = Path("opop/imports/reading.py")
SKIPPED = {"tests", "node_modules", "staticfiles", "media"}


def openpyxl_importers():
    found = []
    for path in sorted(ROOT.glob("**/*.py")):
        relative = path.relative_to(ROOT)
        if relative.parts[0] in SKIPPED or relative.parts[0].startswith(".") or relative == READER:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            if any(name == "openpyxl" or name.startswith("openpyxl.") for name in names):
                found.append(f"{relative}:{node.lineno}")
    return found


def test_only_the_reader_imports_openpyxl():
    assert openpyxl_importers() == []


def test_the_scan_sees_an_openpyxl_import(tmp_path, monkeypatch):
    (tmp_path / "opop").mkdir()
    (tmp_path / "opop" / "writer.py").write_text("def f():\n    from openpyxl import Workbook\n")
    (tmp_path / READER.parent).mkdir(parents=True)
    (tmp_path / READER).write_text("import openpyxl\n")
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    assert openpyxl_importers() == ["opop/writer.py:2"]
