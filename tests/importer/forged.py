"""Workbooks written by hand, XML and zip, the way an attacker would: a `<dimension>` that lies about the sheet's
size, and cells in column XFD (the last of Excel's 16 384) that a padding reader stretches every row to."""

import io
import zipfile
from xml.sax.saxutils import escape

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"


def _letters(index):
    """1 -> A, 27 -> AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def text_cell(ref, value):
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'


def header_row(headers):
    return '<row r="1">' + "".join(text_cell(f"{_letters(i + 1)}1", h) for i, h in enumerate(headers)) + "</row>"


def forged_rows(count, *, filled=(), start=2):
    """`count` rows from row `start`, each with the cells of `filled` (values, from column A) and one empty cell at
    XFD: the row Excel would never write, which a reader padding rows to their last cell turns into 16 384 cells."""
    parts = []
    for n in range(start, start + count):
        cells = "".join(text_cell(f"{_letters(i + 1)}{n}", value) for i, value in enumerate(filled))
        parts.append(f'<row r="{n}">{cells}<c r="XFD{n}"/></row>')
    return "".join(parts)


def sheet_xml(rows, dimension="A1:M1"):
    declared = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{MAIN}">{declared}'
        f"<sheetData>{rows}</sheetData></worksheet>"
    )


def workbook(*sheets):
    """A minimal valid XLSX around sheets' XML: (name, xml) pairs, zipped as a spreadsheet program would."""
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{SHEET_TYPE}"/>'
        for n in range(1, len(sheets) + 1)
    )
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
            '"/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
            f'main+xml"/>{overrides}</Types>'
        ),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS}"><Relationship Id="rId1" '
            f'Type="{DOC_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{DOC_RELS}"><sheets>'
            + "".join(
                f'<sheet name="{escape(name)}" sheetId="{n}" r:id="rId{n}"/>'
                for n, (name, _xml) in enumerate(sheets, start=1)
            )
            + "</sheets></workbook>"
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS}">'
            + "".join(
                f'<Relationship Id="rId{n}" Type="{DOC_RELS}/worksheet" Target="worksheets/sheet{n}.xml"/>'
                for n in range(1, len(sheets) + 1)
            )
            + "</Relationships>"
        ),
    }
    for n, (_name, xml) in enumerate(sheets, start=1):
        parts[f"xl/worksheets/sheet{n}.xml"] = xml
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def forged_workbook(headers, count, *, filled=(), dimension="A1:M1"):
    """The attack of issue 28: the header, then `count` rows ending in an empty XFD cell, the dimension forged."""
    return workbook(("Data", sheet_xml(header_row(headers) + forged_rows(count, filled=filled), dimension)))


def count_reads(monkeypatch):
    """[cells parsed] of every XLSX read made from now on (one item per read): the work, counted, not timed."""
    from opop.imports import reading

    cells = []
    original = reading.read_xlsx

    def counted(*args, **kwargs):
        table = original(*args, **kwargs)
        cells.append(table.cells)
        return table

    monkeypatch.setattr(reading, "read_xlsx", counted)
    return cells
