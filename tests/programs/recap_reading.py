"""Reading the FGD recap back as a reader would — the page's HTML and the XLSX — to recompute every capaian from the
printed columns (Done-when 1 of issue 33). Percentages: part ÷ whole × 100, two decimals, half up."""

from decimal import ROUND_HALF_UP, Decimal
from html.parser import HTMLParser


def ratio(part, whole):
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def number(text):
    """'1.234' → 1234, '70,00 %' → Decimal('70.00'), '—' or '' → None (Indonesian formatting)."""
    text = text.replace("\xa0", " ").strip()
    if text in ("", "—"):
        return None
    if text.endswith("%"):
        return Decimal(text[:-1].strip().replace(".", "").replace(",", "."))
    return int(text.replace(".", ""))


class _RecapTable(HTMLParser):
    """The recap table's rows: {class, keadaan, satuan, cols: {data-col: text}, text}."""

    def __init__(self):
        super().__init__()
        self.rows, self._row, self._col, self._in_table = [], None, None, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "recap-table" in (attrs.get("class") or "") and not self.rows:
            self._in_table = True
        if not self._in_table:
            return
        if tag == "tr":
            self._row = {
                "class": attrs.get("class") or "",
                "keadaan": attrs.get("data-keadaan"),
                "satuan": attrs.get("data-satuan"),
                "cols": {},
                "text": "",
            }
        elif tag in ("td", "th") and self._row is not None:
            self._col = attrs.get("data-col")
            if self._col:
                self._row["cols"][self._col] = ""

    def handle_endtag(self, tag):
        if tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None
        elif tag in ("td", "th"):
            self._col = None
        elif tag == "table" and self._in_table:
            self._in_table = False

    def handle_data(self, data):
        if self._row is None:
            return
        self._row["text"] += data
        if self._col:
            self._row["cols"][self._col] += data


def recap_table_rows(html):
    parser = _RecapTable()
    parser.feed(html)
    return parser.rows


def check_screen(html):
    """Every capaian and serapan of the page equals its printed part ÷ the printed whole beside it; every sum row's
    figures equal the sums of the judged rows above it; no percentage on a row that is not judged. Returns the
    number of (rows, sum rows) checked."""
    rows = [r for r in recap_table_rows(html) if r["cols"] or "recap-row" in r["class"]]
    checked = sums = 0
    group, pillar, everything = [], [], []
    for row in recap_table_rows(html):
        cols = {k: number(v) for k, v in row["cols"].items()}
        if "indicator-row" in row["class"]:
            group = []
        if "recap-row" in row["class"]:
            judged = cols.get("realisasi") is not None
            if not judged:
                assert "%" not in row["text"], row["text"]
                continue
            _check_ratios(cols)
            group.append((row["satuan"], cols))
            pillar.append(cols)
            everything.append(cols)
            checked += 1
        elif "subtotal-row" in row["class"]:
            mine = [c for satuan, c in group if satuan == row["satuan"]]
            for key in ("target_tahun", "target_sd", "realisasi"):
                assert cols[key] == sum(c[key] for c in mine), (key, row["text"])
            _check_ratios(cols)
            if "pagu_lalu" in cols:
                for key in ("pagu_lalu", "terserap"):
                    assert cols[key] == sum(c[key] for _s, c in group), (key, row["text"])
            sums += 1
        elif "pillar-total-row" in row["class"] or "grand-total-row" in row["class"]:
            counted = pillar if "pillar-total-row" in row["class"] else everything
            for key in ("pagu_lalu", "terserap"):
                assert cols[key] == sum(c[key] for c in counted), (key, row["text"])
            _check_ratios(cols)
            pillar = [] if "pillar-total-row" in row["class"] else pillar
            sums += 1
    assert rows
    return checked, sums


def _check_ratios(cols):
    for pct, part, whole in (
        ("capaian_sd", "realisasi", "target_sd"),
        ("capaian_tahun", "realisasi", "target_tahun"),
        ("serapan", "terserap", "pagu_lalu"),
    ):
        if pct in cols and cols.get(whole):
            assert cols[pct] == ratio(cols[part], cols[whole]), (pct, cols)
        elif pct in cols:
            assert cols[pct] is None, (pct, cols)


# The recap sheet's columns (programs/exports.py _rekap_headers).
OPD, KEADAAN, TARGET_TAHUN, TARGET_SD, REALISASI, CAPAIAN_SD, CAPAIAN_TAHUN, PAGU_LALU, TERSERAP, SERAPAN = (
    2,
    11,
    9,
    10,
    12,
    13,
    14,
    15,
    16,
    17,
)


def check_sheet(rows):
    """The same checks on the XLSX's first sheet read back with openpyxl (rows of cell values)."""
    checked = sums = 0
    lines = []
    for row in rows[1:]:
        row = list(row) + [None] * (18 - len(row))
        if row[OPD]:  # a line of one OPD
            if row[REALISASI] is None:
                assert row[CAPAIAN_SD] is row[CAPAIAN_TAHUN] is row[SERAPAN] is None, row
                continue
            _check_sheet_ratios(row)
            lines.append(row)
            checked += 1
        elif row[1] and str(row[1]).startswith("Jumlah ") and row[4]:  # an indicator's sum of one satuan
            mine = [r for r in lines if r[1] == row[1][len("Jumlah ") : -len(" (dinilai)")] and r[4] == row[4]]
            for column in (TARGET_TAHUN, TARGET_SD, REALISASI):
                assert row[column] == sum(r[column] for r in mine), (column, row)
            _check_sheet_ratios(row)
            sums += 1
        elif row[SERAPAN] is not None or row[PAGU_LALU] is not None:  # pagu, pillar and grand totals
            _check_sheet_ratios(row)
            sums += 1
    return checked, sums


def _check_sheet_ratios(row):
    for pct, part, whole in (
        (CAPAIAN_SD, REALISASI, TARGET_SD),
        (CAPAIAN_TAHUN, REALISASI, TARGET_TAHUN),
        (SERAPAN, TERSERAP, PAGU_LALU),
    ):
        if row[whole]:
            assert Decimal(str(row[pct])) == ratio(row[part], row[whole]), (pct, row)
