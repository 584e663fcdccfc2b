"""Find the table in a sheet shaped the way agencies send it: title rows and blank rows above the header, a header
merged over two rows, a leading "No" column, pre-numbered empty rows, a JUMLAH/TOTAL row and a signature block
below the data. What was read as the header and every row left out are told to the officer as notices.

Only the first HEADER_SCAN rows are looked at to find the header; every data row costs one look at its first
filled cell, so a 100 000-row template-shaped file reads as fast as before."""

import datetime
import re
from dataclasses import dataclass, field

from opop.common.reader_language import Deferred, listed
from opop.common.reader_language import deferred as _
from opop.imports.columns import MONTHS, DateColumn, _normal, header_key, header_map
from opop.imports.mapping import CHOSEN, REMEMBERED, VALUES, by_position, by_values, contradicted, how_read, shape_of

HEADER_SCAN = 30  # rows from the top searched for the header
TOTAL_WORDS = {"jumlah", "total", "sub total", "subtotal", "grand total", "jumlah total", "total peserta"}
SIGNATURE_WORDS = {"mengetahui", "menyetujui", "kepala", "ttd", "nip", "dibuat", "a.n", "an", "plt", "plh"}
PLACE_DATE = re.compile(r"^[A-Za-z .'-]+,\s*\d{1,2}\s+[A-Za-z]+\s+\d{4}$")  # "Jombang, 12 Mei 2023"
NUMBER_COLUMNS = {"no", "nomor", "no urut", "nomor urut", "#"}  # a leading "No" column: not data, not worth a word
EXAMPLE_MARK = re.compile(r"^\(?contoh\)?[:.]?$", re.IGNORECASE)  # the template's example row: "CONTOH" first


@dataclass
class Layout:
    headers: list
    rows: list  # (sheet row number, raw cells), data rows only
    header_rows: tuple  # the sheet rows read as the header: (3,) or (3, 4)
    notices: list = field(default_factory=list)
    chosen: dict = field(default_factory=dict)  # {position: field key or ""}: what overrides the titles
    read: list = field(default_factory=list)  # [[title, field key or "", how]] (mapping.how_read)
    hidden: list = field(default_factory=list)  # (sheet row number, raw cells) of the data rows hidden in Excel
    cell_problems: dict = field(default_factory=dict)  # (sheet row, position) -> why the cell holds no value


def _filled(cell):
    return cell is not None and (not isinstance(cell, str) or cell.strip() != "")


def _text(cell):
    return "" if cell is None else str(cell).strip()


def _score(columns, cells):
    matched = set()
    for cell in cells:
        normal = header_key(_text(cell))
        for column in columns:
            if normal in column.aliases or normal in column.combined_aliases:
                matched.add(column.key)
                break
    return len(matched)


DATE_PARTS = {
    **dict.fromkeys(("tgl", "tanggal", "hari", "dd"), "day"),
    **dict.fromkeys(("bln", "bulan", "mm"), "month"),
    **dict.fromkeys(("thn", "tahun", "yyyy"), "year"),
}
PART_ORDER = ("day", "month", "year")


@dataclass(frozen=True)
class SplitDate:
    """A date written over three columns under one title merged across them ("TANGGAL LAHIR" above TGL / BLN /
    THN): read as one column under that title, at the first of the three positions."""

    title: str  # the group title, as written
    label: str  # the field it feeds ("Tanggal lahir")
    positions: dict  # {"day" | "month" | "year": position}
    parts: dict  # {"day" | "month" | "year": sub-title as written}

    def notice(self):
        return _("%(field)s disusun dari kolom %(parts)s.") % {
            "field": self.label,
            "parts": ", ".join(self.parts[part] for part in PART_ORDER),
        }

    def read(self, cells):
        """(value, problem): the date the three cells make (`cells` reach every position), None when all three are
        empty, or why they make none (then the cells as written, joined, stand in the row for the failed-rows file).
        A row that makes its date costs three looks and no message."""
        raw = [cells[self.positions[part]] for part in PART_ORDER]
        day, month, year = _day(raw[0]), _month(raw[1]), _year(raw[2])
        if day is not None and month is not None and year is not None:
            try:
                return datetime.date(year, month, day), ""
            except ValueError:
                return "-".join(map(_text, raw)), _("%(field)s: %(parts)s %(written)s bukan tanggal yang ada.") % {
                    "field": self.label,
                    "parts": "/".join(self.parts[part] for part in PART_ORDER),
                    "written": "-".join(map(_text, raw)),
                }
        return self._problem(raw, (day, month, year))

    def _problem(self, raw, values):
        if not any(_filled(cell) for cell in raw):
            return None, ""
        written = "-".join(map(_text, raw))
        missing = [self.parts[part] for part, cell in zip(PART_ORDER, raw, strict=True) if not _filled(cell)]
        if missing:
            return written, _("%(field)s tidak lengkap: kolom %(parts)s kosong (disusun dari kolom %(all)s).") % {
                "field": self.label,
                "parts": ", ".join(missing),
                "all": ", ".join(self.parts[part] for part in PART_ORDER),
            }
        why = {
            "day": _("bukan tanggal 1–31"),
            "month": _("bukan bulan (tulis 1–12 atau nama bulan)"),
            "year": _("bukan tahun (tulis empat angka, misalnya 2004)"),
        }
        said = [
            _("kolom %(part)s “%(value)s” %(why)s") % {"part": self.parts[part], "value": _text(cell), "why": why[part]}
            for part, cell, value in zip(PART_ORDER, raw, values, strict=True)
            if value is None
        ]
        return written, Deferred("%(field)s: %(said)s.", {"field": self.label, "said": listed(said, "; ")})


def _whole(cell, low, high):
    if isinstance(cell, bool):
        return None
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    if isinstance(cell, str) and cell.strip().isdigit():
        cell = int(cell.strip())
    return cell if isinstance(cell, int) and low <= cell <= high else None


def _day(cell):
    return _whole(cell, 1, 31)


def _month(cell):
    if isinstance(cell, str) and (named := MONTHS.get(_normal(cell).rstrip("."))):
        return named
    return _whole(cell, 1, 12)


def _year(cell):
    return _whole(cell, 1000, 9999)


def _split_date(columns, title, positions, lower):
    """The SplitDate of a group whose title names a date field and whose sub-titles are exactly its day, month
    and year (TGL, BLN, THN in any order), else None."""
    key = header_key(title)
    column = next((c for c in columns if isinstance(c, DateColumn) and key in c.aliases), None)
    parts = {DATE_PARTS.get(header_key(lower[position])): position for position in positions}
    if column is None or len(positions) != 3 or set(parts) != set(PART_ORDER):
        return None
    return SplitDate(
        title=title,
        label=column.header,
        positions=parts,
        parts={part: _text(lower[position]) for part, position in parts.items()},
    )


def _groups(upper, lower):
    """[(group title or None, positions of its sub-titles)] of two header rows: a title in the upper row with
    sub-titles below it and below the empty cells right of it (a title merged across them); a sub-title under no
    group title is a group of its own, titled None."""
    groups, parent = [], None
    for position, (up, lo) in enumerate(zip(upper, lower, strict=True)):
        if not _filled(lo):
            parent = None
            continue
        if _filled(up):
            parent = _text(up)
            groups.append((parent, []))
        if parent is None:
            groups.append((None, [position]))
            continue
        groups[-1][1].append(position)
    return groups


def _merge(columns, upper, lower):
    """(titles, split dates, whether the lower row holds only sub-titles of group titles) of two rows read as one
    header: a title merged down over both rows keeps its text (in the upper cell); a sub-title under a title merged
    across several columns is read alone when it names a field ("Data diri" above NIK; what a bare "Kab/Kota" means
    for the kind is the kind's titles' business), else with its group title ("ALAMAT: Desa"); a date written over
    three columns under its title is one column (SplitDate)."""
    width = max(len(upper), len(lower))
    upper, lower = list(upper) + [None] * (width - len(upper)), list(lower) + [None] * (width - len(lower))
    titles = [lo if _filled(lo) else up for up, lo in zip(upper, lower, strict=True)]
    dates, subtitles_only = [], True
    for title, positions in _groups(upper, lower):
        if title is None or len(positions) < 2:
            subtitles_only = False
        if title is None:
            continue
        if date := _split_date(columns, title, positions, lower):
            dates.append(date)
            first, *others = sorted(positions)
            titles[first] = title
            for position in others:
                titles[position] = None
            continue
        for position in positions:
            if not _score(columns, [lower[position]]):
                titles[position] = f"{title}: {_text(lower[position])}"
    return titles, dates, subtitles_only


def _find_header(columns, candidates):
    """(index in candidates, rows it spans, header cells, split dates) of the best-scoring row or two-row pair. Two
    rows are one header when together they name more fields than either alone, or when the lower row holds only
    sub-titles of titles merged across the upper row and the upper row names a field itself (TANGGAL LAHIR above
    TGL / BLN / THN, ALAMAT above Desa / Kecamatan)."""
    best = (0, 1, candidates[0][1], [], _score(columns, candidates[0][1]))
    for index, (number, cells) in enumerate(candidates):
        score, earlier = _score(columns, cells), best[4]
        if score > best[4]:
            best = (index, 1, cells, [], score)
        if index + 1 < len(candidates) and candidates[index + 1][0] == number + 1:
            lower = candidates[index + 1][1]
            merged, dates, subtitles_only = _merge(columns, cells, lower)
            merged_score = _score(columns, merged)
            if merged_score <= earlier:
                continue
            if merged_score > max(score, _score(columns, lower)) or (
                subtitles_only and score and merged_score >= score
            ):
                best = (index, 2, merged, dates, merged_score)
    return best[:4]


def _repeated_headers(lines, data):
    """(data rows, sheet rows left out) without the rows that repeat a header row: agencies paste several blocks into
    one sheet, each under its own copy of the header. A row repeats a header row when its filled cells are that row's
    titles, at the same places (a pasted copy: the first title as written, the others as header_key reads them); one
    look at a row's cell under the first title tells the other rows apart."""
    heads = []
    for line in lines:
        keys = [header_key(_text(cell)) for cell in line]
        titled = [position for position, key in enumerate(keys) if key]
        if len(titled) >= 2:
            heads.append((titled[0], _text(line[titled[0]]).lower(), keys))
    if not heads:
        return data, []
    kept, repeated = [], []
    for number, cells in data:
        for first, title, keys in heads:
            cell = cells[first] if first < len(cells) else None
            if isinstance(cell, str) and cell.strip().lower() == title and _same_titles(cells, keys):
                repeated.append(number)
                break
        else:
            kept.append((number, cells))
    return kept, repeated


def _same_titles(cells, keys):
    width = max(len(cells), len(keys))
    return all(
        header_key(_text(cells[p] if p < len(cells) else None)) == (keys[p] if p < len(keys) else "")
        for p in range(width)
    )


def _joined_dates(dates, data):
    """(data rows, {(sheet row, position): problem}): each SplitDate's three cells made one date, at the first of
    its positions (the other two emptied); a row whose parts make no date keeps them as written, with the problem."""
    if not dates:
        return data, {}
    rows, problems = [], {}
    width = max(position for date in dates for position in date.positions.values()) + 1
    for number, cells in data:
        cells = list(cells) + [None] * (width - len(cells))
        for date in dates:
            value, problem = date.read(cells)
            first, *others = sorted(date.positions.values())
            cells[first] = value
            for position in others:
                cells[position] = None
            if problem:
                problems[(number, first)] = problem
        rows.append((number, cells))
    return rows, problems


def _header_notices(dates, repeated):
    """What "Cara berkas dibaca" says of a date joined from three columns and of header rows repeated in the data."""
    notices = [date.notice() for date in dates]
    if repeated:
        notices.append(
            _("Baris %(rows)s mengulang judul kolom, dilewati.")
            % {"rows": ", ".join(map(str, repeated[:20])) + (" …" if len(repeated) > 20 else "")}
        )
    return notices


def _row_kind(cells):
    """Tell "total", "signature" or "" from the row's first filled cell (one look per row)."""
    for position, cell in enumerate(cells):
        if cell is None or cell == "":
            continue
        if not isinstance(cell, str):
            return ""
        text = cell.strip()
        if not text:
            continue
        if EXAMPLE_MARK.match(text):
            return "example"
        normal = _normal(text.rstrip(":"))
        if normal in TOTAL_WORDS or normal.startswith(("jumlah ", "total ")):
            return "total"
        if normal.split(" ", 1)[0].rstrip(",:.") in SIGNATURE_WORDS:
            return "signature"
        if PLACE_DATE.match(text) and not any(_filled(c) for c in cells[position + 1 :]):
            return "signature"
        return ""
    return ""


def _is_example(cells, examples):
    for position, example in examples:
        cell = cells[position] if position < len(cells) else None
        if cell is None or str(cell).strip() != example:
            return False
    return True


def _span(numbers):
    return f"{numbers[0]}" if len(numbers) == 1 else f"{numbers[0]}–{numbers[-1]}"


def _chosen_mapping(columns, header_texts, data, mapping, remembered):
    """({position: field key or ""}, {position: how}, notices): the officer's mapping for this file, else the one
    remembered for its shape, else the columns recognised by their values."""
    if mapping:
        chosen = by_position(mapping, header_texts)
        return chosen, dict.fromkeys(chosen, CHOSEN), []
    stored = remembered(shape_of(header_texts)) if remembered else None
    if stored:
        chosen = by_position(stored, header_texts)
        notice = _("Pemetaan kolom yang Anda konfirmasi untuk berkas berbentuk sama dipakai lagi; periksa di bawah.")
        return chosen, dict.fromkeys(chosen, REMEMBERED), [notice]
    positions, _missing, _unknown = header_map(columns, header_texts)
    used = set(positions.values())
    found = by_values(columns, header_texts, data, positions, used)
    labels = {column.key: column.header for column in columns}
    notices = [
        _("Kolom “%(title)s” dikenali dari isinya sebagai %(field)s; ubah di pemetaan kolom bila keliru.")
        % {"title": header_texts[index], "field": labels[key]}
        for index, key in found.items()
    ]
    refused, refused_how, refused_notices = contradicted(columns, header_texts, data, positions)
    return {**found, **refused}, {**dict.fromkeys(found, VALUES), **refused_how}, notices + refused_notices


def locate(
    columns, headers, rows, hidden=frozenset(), mapping=None, remembered=None, include_hidden=False, offer_hidden=False
):
    """`headers` is the sheet's row 1 and `rows` the filled rows after it, as the reader gives them; rows in
    `hidden` (hidden in Excel: by custom, participants who dropped out) are left out and named, unless the officer
    chose to include them (`include_hidden`): then they are read like any other row, and named too (`offer_hidden`:
    the caller offers that choice, and the notice points to it). `mapping` (the
    officer's, mapping.py) or else `remembered(shape)` (the user's mapping for a file of this shape) decides which
    field each titled column feeds, before the titles do."""
    candidates = [(1, headers), *rows[: HEADER_SCAN - 1]]
    index, span, header_cells, dates = _find_header(columns, candidates)
    header_number = candidates[index][0]
    header_rows = tuple(range(header_number, header_number + span))
    header_texts = [_text(cell) for cell in header_cells]
    data, repeated = _repeated_headers(
        [cells for _n, cells in candidates[index : index + span]], rows[index - 1 + span :]
    )
    data, cell_problems = _joined_dates(dates, data)
    chosen, chosen_how, mapping_notices = _chosen_mapping(columns, header_texts, data, mapping, remembered)
    combined = set()
    positions, _missing, unknown = header_map(columns, header_texts, combined, chosen)
    read = how_read(columns, header_texts, positions, combined, chosen_how)
    mapped = sorted(positions.values())
    # The template's example, left in the file: every column with an example holds exactly it.
    examples = [(positions[c.key], str(c.example)) for c in columns if c.example and c.key in positions]
    notices = [_("Baris %(rows)s dibaca sebagai judul kolom.") % {"rows": _span(header_rows)}, *mapping_notices]
    not_read = [header for header in unknown if header_key(header) not in NUMBER_COLUMNS]
    if not_read:
        notices.append(
            _(
                "Kolom berikut tidak dikenali dan tidak diimpor: %(columns)s. Bila isinya harus diimpor, pilih "
                "field-nya di pemetaan kolom (baris perintah: --pemetaan) lalu periksa ulang."
            )
            % {"columns": ", ".join(f"“{header}”" for header in not_read)}
        )
    for column in columns:
        if column.key in combined:
            notices.append(
                _("Kolom “%(title)s”: hanya %(field)s yang diimpor; bagian sebelumnya (mis. tempat) tidak disimpan.")
                % {"title": header_texts[positions[column.key]], "field": column.header.lower()}
            )
    notices.extend(_header_notices(dates, repeated))
    if header_number > 1:
        notices.append(_("Baris di atas judul kolom (judul berkas, baris kosong) tidak diimpor."))
    kept, totals, empty, trailer, hidden_found, example_rows = [], [], [], [], [], []
    for number, cells in data:
        if trailer:
            trailer.append(number)
            continue
        if hidden and number in hidden:
            hidden_found.append((number, cells))
            if not include_hidden:
                continue
        kind = _row_kind(cells)
        if kind == "example" or (examples and _is_example(cells, examples)):
            example_rows.append(number)
        elif kind == "total":
            totals.append(number)
        elif kind == "signature" and kept:
            trailer.append(number)
        elif mapped and not any(_filled(cells[p]) for p in mapped if p < len(cells)):
            empty.append(number)  # only the "No" column or notes filled: a pre-numbered empty row
        else:
            kept.append((number, cells))
    hidden_numbers = ", ".join(str(number) for number, _cells in hidden_found)
    if hidden_found and include_hidden:
        notices.append(
            _(
                "%(n)d baris tersembunyi di Excel ikut diimpor atas pilihan Anda: baris %(rows)s. Batalkan pilihan "
                "itu di pratinjau bila baris itu tidak boleh ikut."
            )
            % {"n": len(hidden_found), "rows": hidden_numbers}
        )
    elif hidden_found and not offer_hidden:
        notices.append(
            _(
                "%(n)d baris tersembunyi di Excel tidak diimpor: baris %(rows)s. Bila baris itu harus ikut, tampilkan "
                "(unhide) barisnya lalu unggah ulang."
            )
            % {"n": len(hidden_found), "rows": hidden_numbers}
        )
    elif hidden_found:
        notices.append(
            _(
                "%(n)d baris tersembunyi di Excel tidak diimpor: baris %(rows)s. Bila baris itu harus ikut, pilih "
                "“Ikutkan baris tersembunyi” di pratinjau (baris perintah: --baris-tersembunyi) lalu periksa ulang."
            )
            % {"n": len(hidden_found), "rows": hidden_numbers}
        )
    if example_rows:
        notices.append(
            _("Baris contoh dari templat dilewati: baris %(rows)s.") % {"rows": ", ".join(map(str, example_rows))}
        )
    if totals:
        notices.append(_("Baris jumlah dilewati: baris %(rows)s.") % {"rows": ", ".join(map(str, totals))})
    if empty:
        notices.append(
            _("%(n)d baris tanpa isi di kolom yang diimpor dilewati (mis. hanya nomor urut): baris %(rows)s.")
            % {"n": len(empty), "rows": ", ".join(map(str, empty[:20])) + (" …" if len(empty) > 20 else "")}
        )
    if trailer:
        notices.append(_("Blok tanda tangan di baris %(rows)s tidak diimpor.") % {"rows": _span(trailer)})
    return Layout(
        headers=header_texts,
        rows=kept,
        header_rows=header_rows,
        notices=notices,
        chosen=chosen,
        read=read,
        hidden=hidden_found,
        cell_problems=cell_problems,
    )
