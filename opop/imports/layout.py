"""Find the table in a sheet shaped the way agencies send it: title rows and blank rows above the header, a header
merged over two rows, a leading "No" column, pre-numbered empty rows, a JUMLAH/TOTAL row and a signature block
below the data. What was read as the header and every row left out are told to the officer as notices.

Only the first HEADER_SCAN rows are looked at to find the header; every data row costs one look at its first
filled cell, so a 100 000-row template-shaped file reads as fast as before."""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from opop.imports.columns import _normal, header_key, header_map
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


def _merge(upper, lower):
    """A header merged over two rows: the lower row's text where it has one (the sub-header under a merged group
    title), else the upper row's (a title merged down over both rows keeps its text in the upper cell only)."""
    width = max(len(upper), len(lower))
    upper, lower = list(upper) + [None] * (width - len(upper)), list(lower) + [None] * (width - len(lower))
    return [lo if _filled(lo) else up for up, lo in zip(upper, lower, strict=True)]


def _find_header(columns, candidates):
    """(index in candidates, rows it spans, header cells) of the best-scoring row or two-row pair."""
    best = (0, 1, candidates[0][1], _score(columns, candidates[0][1]))
    for index, (number, cells) in enumerate(candidates):
        score = _score(columns, cells)
        if score > best[3]:
            best = (index, 1, cells, score)
        if index + 1 < len(candidates) and candidates[index + 1][0] == number + 1:
            merged = _merge(cells, candidates[index + 1][1])
            merged_score = _score(columns, merged)
            if merged_score > max(score, _score(columns, candidates[index + 1][1]), best[3]):
                best = (index, 2, merged, merged_score)
    return best[:3]


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
    index, span, header_cells = _find_header(columns, candidates)
    header_number = candidates[index][0]
    header_rows = tuple(range(header_number, header_number + span))
    header_texts = [_text(cell) for cell in header_cells]
    data = rows[index - 1 + span :]
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
                "Kolom berikut tidak dikenali dan tidak diimpor: %(columns)s. Bila isinya harus masuk registri, "
                "pilih field-nya di pemetaan kolom (baris perintah: --pemetaan) lalu periksa ulang."
            )
            % {"columns": ", ".join(f"“{header}”" for header in not_read)}
        )
    for column in columns:
        if column.key in combined:
            notices.append(
                _("Kolom “%(title)s”: hanya %(field)s yang diimpor; bagian sebelumnya (mis. tempat) tidak disimpan.")
                % {"title": header_texts[positions[column.key]], "field": column.header.lower()}
            )
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
    )
