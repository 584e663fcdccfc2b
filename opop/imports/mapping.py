"""Column mapping: which field each column of an agency's file feeds.

Proposed from the titles (the column's own title, its synonyms, a combined "Tempat, Tgl Lahir") and, for a column
whose title says nothing, from its values (16 digits: a NIK; 08…: a phone). The officer sees the mapping on the
preview and may change it; the confirmed mapping is remembered for that user, kind and file shape (its titles) and
applied to the next file of the same shape; the command line takes it as a JSON file. A mapping is kept as
{title key: field key, or "" for "not imported"} — by title, so a column moved to another place still maps."""

import hashlib
import json
import re

from django.utils.translation import gettext_lazy

from opop.common.reader_language import deferred as _
from opop.imports.columns import CellError, IdentifierColumn, PhoneColumn, header_key

SAMPLE_ROWS = 200  # data rows looked at to recognise a column by its values
RECOGNISED_SHARE = 0.8  # of its filled sampled cells
PHONE_LIKE = re.compile(r"^(?:\+?62|0)?8\d{7,11}$")
SEPARATORS = re.compile(r"[\s.\-()]")

TITLE, SYNONYM, COMBINED, VALUES, CHOSEN, REMEMBERED = "judul", "sinonim", "gabungan", "isi", "dipilih", "tersimpan"
OTHER_VALUES = "isi-lain"  # titled as a field, but its values are not that field's: not imported
CONTRADICTED_SHARE = 0.5  # of its filled sampled cells: fewer of them read as the field, and the title is overruled
HOW_LABELS = {
    TITLE: gettext_lazy("judul kolom"),
    SYNONYM: gettext_lazy("judul sejenis"),
    COMBINED: gettext_lazy("bagian dari judul gabungan"),
    VALUES: gettext_lazy("dikenali dari isinya"),
    OTHER_VALUES: gettext_lazy("isinya bukan nilai field berjudul sama"),
    CHOSEN: gettext_lazy("dipilih petugas"),
    REMEMBERED: gettext_lazy("pemetaan tersimpan"),
    "": gettext_lazy("tidak dikenali"),
}


def shape_of(headers):
    """A file's shape: its titles as header_key reads them, in order (the key of a remembered mapping)."""
    text = "|".join(header_key(h) for h in headers)
    return hashlib.sha256(text.encode()).hexdigest()[:40]


def _digits(cell):
    if isinstance(cell, bool):
        return ""
    if isinstance(cell, (int, float)):
        try:
            return str(int(cell)) if cell == int(cell) else ""
        except (OverflowError, ValueError):
            return ""
    return SEPARATORS.sub("", str(cell).strip().lstrip("'"))


def _recognises(column, cell):
    text = _digits(cell)
    if isinstance(column, IdentifierColumn):
        return bool(column.pattern.match(text))
    if isinstance(column, PhoneColumn):
        return bool(PHONE_LIKE.match(text))
    return False


def by_values(columns, headers, rows, positions, used):
    """{position: column key} for columns no title named, recognised from the sampled values of a column whose title
    is not used either; each recognised column once, and only when one file column fits."""
    sample = [cells for _number, cells in rows[:SAMPLE_ROWS]]
    found = {}
    for column in columns:
        if not column.detect or column.key in positions:
            continue
        fits = []
        for index in range(len(headers)):
            if index in used or index in found:
                continue
            filled = [cells[index] for cells in sample if index < len(cells) and cells[index] not in (None, "")]
            if len(filled) >= 3 and sum(_recognises(column, c) for c in filled) >= RECOGNISED_SHARE * len(filled):
                fits.append(index)
        if len(fits) == 1:
            found[fits[0]] = column.key
    return found


def _reads_as(column, cell):
    try:
        column.parse(cell)
    except CellError:
        return False
    return True


def contradicted(columns, headers, rows, positions):
    """({position: ""}, {position: how}, notices) for the columns whose title named a field that only its values
    may decide (Column.values_decide) and whose sampled values are mostly not that field's: a madrasah list's
    "Status" of SWASTA/NEGERI is not the portal's Aktif/Tidak aktif. Such a column is not imported, and said so."""
    sample = [cells for _number, cells in rows[:SAMPLE_ROWS]]
    refused, notices = {}, []
    for column in columns:
        index = positions.get(column.key)
        if not column.values_decide or index is None:
            continue
        filled = [
            cells[index]
            for cells in sample
            if index < len(cells) and str(cells[index] or "").strip() and not column.placeholder(cells[index])
        ]
        if not filled or sum(_reads_as(column, cell) for cell in filled) >= CONTRADICTED_SHARE * len(filled):
            continue
        refused[index] = ""
        seen = list(dict.fromkeys(str(cell).strip()[:30] for cell in filled))
        notices.append(
            _(
                "Kolom “%(title)s” tidak diimpor: isinya (%(values)s) bukan %(field)s di portal ini. Bila keliru, "
                "pilih field-nya di pemetaan kolom."
            )
            % {"title": headers[index], "values": ", ".join(seen[:3]), "field": column.header.lower()}
        )
    return refused, dict.fromkeys(refused, OTHER_VALUES), notices


def how_read(columns, headers, positions, combined, chosen_how):
    """[[title, field key or "", how]] for every titled column of the file, as the preview shows it."""
    by_index = {index: key for key, index in positions.items()}
    by_key = {column.key: column for column in columns}
    read = []
    for index, header in enumerate(headers):
        if not header:
            continue
        key = by_index.get(index, "")
        if index in chosen_how:
            how = chosen_how[index]
        elif not key:
            how = ""
        elif key in combined:
            how = COMBINED
        elif header_key(header) in (header_key(by_key[key].header), key):
            how = TITLE
        else:
            how = SYNONYM
        read.append([header, key, how])
    return read


def as_stored(read):
    """The mapping a preview read, as kept with the batch and remembered: {title key: field key or ""}."""
    return {header_key(header): key for header, key, _how in read}


def by_position(mapping, headers):
    """A stored mapping applied to a file's titles: {position: field key or ""} for the titles it names."""
    return {i: mapping[header_key(h)] for i, h in enumerate(headers) if h and header_key(h) in mapping}


def from_file(data, columns):
    """The command line's mapping file: a JSON object {"title in the file": "field key" or ""}."""
    try:
        raw = json.loads(data)
    except (ValueError, UnicodeDecodeError) as error:
        raise ValueError(_("Berkas pemetaan bukan JSON yang sah: %(error)s") % {"error": error}) from None
    if not isinstance(raw, dict):
        raise ValueError(_('Berkas pemetaan harus berisi objek JSON: {"Judul kolom": "nama_field"}.'))
    keys = {column.key for column in columns}
    wrong = sorted(str(v) for v in raw.values() if v not in keys and v not in ("", None))
    if wrong:
        raise ValueError(
            _("Nama field tidak dikenal di berkas pemetaan: %(wrong)s. Pilihan: %(keys)s.")
            % {"wrong": ", ".join(wrong), "keys": ", ".join(sorted(keys))}
        )
    return {header_key(title): value or "" for title, value in raw.items()}
