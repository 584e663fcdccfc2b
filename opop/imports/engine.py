"""Run an import: read, parse every cell, match existing records, classify rows, and (only when every row is
valid) write everything in one transaction with history rows attributed to the importing user."""

import pickle
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import connection, transaction
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_update_with_history

from opop.accounts.permissions import can_import
from opop.common.concurrency import KEY_CLASH, lock_unique_keys
from opop.common.reader_language import Deferred, capitalized, error_messages, listed
from opop.common.reader_language import deferred as _
from opop.imports.audit import keep_creation_snapshots
from opop.imports.bulk import CreatedStream, insert_created
from opop.imports.columns import (
    CellError,
    DateColumn,
    DateOrder,
    MonthFirstDate,
    date_after_place,
    header_map,
)
from opop.imports.lookups import among, slices
from opop.imports.reading import FileProblem, Limits, read_table

BATCH_SIZE = 2000
EMPTIED_OPTION = "kosongkan"  # ImportBatch.options: keys of the columns whose blank cells the officer chose to empty
DATE_ORDER_NOTICES = {
    DateOrder.DAY_FIRST: gettext_lazy("Tanggal dibaca sebagai hari/bulan/tahun, sesuai pilihan Anda."),
    DateOrder.MONTH_FIRST: gettext_lazy("Tanggal dibaca sebagai bulan/hari/tahun, sesuai pilihan Anda."),
}


class Action:
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    INVALID = "invalid"


ACTION_LABELS = {
    Action.CREATE: gettext_lazy("baru"),
    Action.UPDATE: gettext_lazy("diperbarui"),
    Action.UNCHANGED: gettext_lazy("tidak berubah"),
    Action.INVALID: gettext_lazy("tidak valid"),
}


NOTHING_OLD = MappingProxyType({})  # a settled row's `old` when it changed nothing: one shared, read-only


@dataclass(slots=True)
class RowResult:
    """One row of the file as the check saw it. A row keeps no empty lists (its lists start as the shared empty
    tuple and become lists on the first message: six empty lists a row were ~80 MB of a 250 000-row check), its
    cells are packed once parsed, and once classified a valid row lets go of what only its check needed (`settle`).
    A 250 000-row check peaked at 951 MB before, 522 MB after (bench/RESULTS.md)."""

    number: int
    raw: list | bytes | None  # the cells as read, packed once parsed (`cells`); a valid row lets go of them
    values: dict | None = field(default_factory=dict)
    errors: list = ()  # (column header, message)
    warnings: list = ()  # (column header, message): shown, not blocking
    confirmations: list = ()  # (column header, message): the officer must confirm them
    old: dict = field(default_factory=dict)  # field name -> value on record before the change (updates only)
    changes: list = ()  # (field label, old, new) as the viewer may see them (updates)
    before: object = None  # spec-defined summary of the record before the change (e.g. its tally key)
    after: object = None
    action: str = ""
    instance: object = None
    changed: list = ()
    kept: list = ()  # column keys whose blank cell left a stored value as it was (updates)

    @property
    def cells(self):
        """The cells as read, for the failed-rows file."""
        return pickle.loads(self.raw) if isinstance(self.raw, bytes) else self.raw

    def pack(self):
        """Once parsed, the cells are kept as one bytes object (~100 bytes instead of ~600 for a list of strings)
        until the check knows whether the row failed."""
        self.raw = pickle.dumps(self.raw, protocol=pickle.HIGHEST_PROTOCOL)

    def add_error(self, column, message):
        self.errors = [*self.errors, (column, message)]
        self.action = Action.INVALID

    def warn(self, column, message):
        self.warnings = [*self.warnings, (column, message)]

    def confirm(self, column, message):
        """A warning the officer must confirm before the write."""
        self.confirmations = [*self.confirmations, (column, message)]

    def keep(self, key):
        self.kept = [*self.kept, key]

    def settle(self, keep_instance):
        """After its check, a valid row keeps what the preview, the batch and the write read: not its cells or
        parsed values, nor (without `keep_instance`, the dry run) a record that shows no change."""
        if self.errors:
            return
        self.raw = self.values = None
        if not self.old:
            self.old = NOTHING_OLD
        if not keep_instance and self.action != Action.UPDATE and not self.changes:
            self.instance = None


@dataclass
class ImportResult:
    kind: str
    filename: str
    headers: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    file_errors: list = field(default_factory=list)
    notices: list = field(default_factory=list)  # about the file as a whole: header row, rows left out
    columns_read: list = field(default_factory=list)  # [[title, field key or "", how]] (mapping.how_read)
    choices: list = field(default_factory=list)  # questions for the officer (ImportSpec.choices_asked)
    hidden_rows: list = field(default_factory=list)  # [[row, name read from it]] of the rows hidden in Excel
    sheets: list = field(default_factory=list)  # [[name, data rows, problem or ""]] of the workbook's other sheets
    # What the updates do per field: [[field label, values changed, values emptied]] (field_counts).
    field_counts: list = field(default_factory=list)
    # [[column key, column title, rows]]: blank cells that left a stored value as it was, per column the officer may
    # choose to empty ("kosongkan yang kosong di berkas").
    kept_blank: list = field(default_factory=list)
    file_confirmations: list = field(default_factory=list)  # [0, field label, message]: emptied fields
    committed: bool = False

    @property
    def counts(self):
        counted = Counter(row.action for row in self.rows)
        return {action: counted.get(action, 0) for action in ACTION_LABELS}

    @property
    def asks_date_order(self):
        return any(isinstance(problem, DateOrderQuestion) for problem in self.file_errors)

    @property
    def confirmations(self):
        """[row, column, message] of every warning that needs the officer's confirmation before the commit."""
        rows = [[row.number, column, message] for row in self.rows for column, message in row.confirmations]
        return self.file_confirmations + rows

    @property
    def ok(self):
        return not self.file_errors and not any(row.errors for row in self.rows)

    @property
    def invalid_rows(self):
        return [row for row in self.rows if row.errors]

    def error_list(self):
        """Flat (row number, column, message) triples, file-level problems first with row 0."""
        flat = [(0, "", message) for message in self.file_errors]
        for row in self.rows:
            flat.extend((row.number, column, message) for column, message in row.errors)
        return flat


class ImportSpec:
    """One importable kind. Subclasses set the class attributes and implement `context` and `build`."""

    kind = ""
    label = ""
    model = None
    columns = []
    update_fields = []
    matching_rule = ""  # shown on the upload page: how rows are matched to existing records
    name_column = "nama"  # what a row is called where the preview lists it (a row hidden in Excel)
    actor = None  # who imports: set by run_import, so messages can say what this viewer may see
    present = None  # keys of the columns the file has (set by parse_rows): a column left out changes nothing
    # Model field -> the column it is read from, where the names differ (kabkota_id from "kabkota"). A field no column
    # feeds is derived (kunci_duplikat) and written with the fields it is derived from.
    field_sources = {}
    emptied = frozenset()  # column keys whose blank cells empty the field on record: the officer's choice (run_import)

    def __init__(self, **options):
        """Kinds that need more than the file (e.g. plan lines: OPD and year) take them here."""

    def allowed(self, user):
        """Who may import this kind; the registry is written by Diskop staff and admins."""
        return can_import(user)

    def upload_fields(self, user):
        """Choices the upload form asks for besides the file (name -> form field), narrowed to what `user` may
        pick; e.g. the OPD activity a training list belongs to."""
        return {}

    def upload_options(self, cleaned_data):
        """The upload form's choices as options of this kind (ids only: they are kept with the batch)."""
        return {}

    def choices_asked(self):
        """Questions for the officer found while matching: [{"name": …, "candidates": [[value, label], …]}] (a
        pesantren written by name that resembles several)."""
        return []

    def context_label(self, batch):
        """What a batch of this kind is written into when its upload form chose one record (plan lines: "rencana
        Dinas X 2025"), named on the preview and its commit button; "" for the registry."""
        return ""

    def back_url(self, batch):
        """The page of that record, linked from the preview; "" for none."""
        return ""

    def summary(self, rows):
        """Notices about the whole file once its rows are matched (e.g. how many people are new to the registry)."""
        return []

    def context(self, rows):
        """Bulk-load what `build` needs (existing records, lookups) for all parsed rows at once."""
        return {}

    def build(self, row, ctx):
        """Set row.instance and row.action (create/update/unchanged) or add errors."""
        raise NotImplementedError

    def after_write(self, rows):
        """Called inside the writing transaction, e.g. to keep dashboard tallies in step."""

    def file_key(self, row):
        """(column header, what to call it, identity) that two rows of one file must not share, or None."""
        return None

    def file_keys(self, row):
        """Every (column, label, identity, tag) of the row; two rows sharing an identity are one record twice, unless
        both carry a tag and the tags differ (two people with the same name, birth date and pesantren but two NIKs
        are two people)."""
        key = self.file_key(row)
        return [] if key is None else [(*key, None)]

    @cached_property
    def proven(self):
        """Model fields whose parsed value the column's parser already guarantees valid (Column.proves)."""
        fields = {f.name: f for f in self.model._meta.get_fields() if f.concrete} if self.model else {}
        return frozenset(c.key for c in self.columns if c.key in fields and c.proves(fields[c.key]))

    @cached_property
    def headers(self):
        return {c.key: c.header for c in self.columns}

    def validate(self, row, instance, exclude=(), parsed=()):
        """Run the model's own field validators and clean(); errors land on the row under the column header.
        Fields in `parsed` (set from the row's parsed cells, not left as on record) that a column proves skip
        clean_fields: their checks already ran once in the parser. clean() always runs."""
        skipped = {*exclude, *(name for name in parsed if name in self.proven)}
        try:
            instance.clean_fields(exclude=skipped)
            instance.clean()
        except ValidationError as error:
            for name, messages in error_messages(error).items():
                for message in messages:
                    row.add_error(self.headers.get(name, ""), message)
            return False
        return True

    def column(self, key):
        return next(c for c in self.columns if c.key == key)

    def source(self, name):
        """The key of the column field `name` is read from."""
        return self.field_sources.get(name, name)

    def carries(self, row, name):
        """Whether the row carries a value for field `name` of a record on file: the file has its column and the
        cell is filled, or blank where the officer chose to empty that column's field. Never erase without a
        decision: a column left out or a blank cell leaves the stored value as it was."""
        key = self.source(name)
        if key not in self.headers:
            return True  # derived from other fields
        if self.present is not None and key not in self.present:
            return False
        return not is_blank(row.values.get(key)) or key in self.emptied

    def emptiable(self):
        """Keys of the columns whose blank cells the officer may choose to write as an emptied field: optional
        columns feeding a field that may be blank."""
        keys = []
        for name in self.update_fields:
            try:
                model_field = self.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            key = self.source(name)
            if key in self.headers and not self.column(key).required and model_field.blank and key not in keys:
                keys.append(key)
        return keys

    def apply(self, instance, values, fields, old=None, row=None):
        """Copy `fields` from values onto instance; returns the names that changed (their values before go into
        `old`, for the preview's old → new). With `row`, a record on file takes only the fields the row carries
        (`carries`); a blank cell that so kept a stored value is noted on the row (the preview offers to empty it)."""
        if row is not None and not instance._state.adding:
            carried = []
            for name in fields:
                if self.carries(row, name):
                    carried.append(name)
                elif self.source(name) in (self.present or ()) and not is_blank(getattr(instance, name)):
                    row.keep(self.source(name))
            fields = carried
        changed = []
        for name in fields:
            current = getattr(instance, name)
            if current != values[name]:
                if old is not None:
                    old[name] = current
                setattr(instance, name, values[name])
                changed.append(name)
        return changed

    HIDDEN_CHANGES = ("nama_normal", "kunci_duplikat")  # derived fields the officer does not need to read

    def shown(self, name, value, ctx):
        """A field's value as the preview shows it: dates dd-mm-yyyy, choices by label, related records by the
        names `ctx["labels"][name]` gives, blanks as a dash."""
        if value is None or value == "":
            return "—"
        labels = ctx.get("labels", {}).get(name)
        if labels is not None:
            return _text(labels.get(value, value))
        model_field = self.model._meta.get_field(name)
        if model_field.choices:
            return _text(dict(model_field.flatchoices).get(value, value))
        if hasattr(value, "strftime"):
            return value.strftime("%d-%m-%Y")
        return str(value)

    def describe_changes(self, row, ctx):
        """(field label, old, new) of each changed field of an update."""
        described = []
        for name in row.changed:
            if name in self.HIDDEN_CHANGES or name not in row.old:
                continue
            described.append(
                (
                    capitalized(self.model._meta.get_field(name).verbose_name),
                    self.shown(name, row.old[name], ctx),
                    self.shown(name, getattr(row.instance, name), ctx),
                )
            )
        return described


PROGRESS_STEP = 500  # rows between progress reports


def _text(value):
    """A value as the preview shows it: a label the portal translates stays translatable (shown in the reader's
    language), anything else is its text."""
    return value if isinstance(value, Promise | Deferred) else str(value)


def is_blank(value):
    """A parsed cell (or a stored value) that holds nothing: a column's empty value."""
    return value is None or value == "" or value == []


def field_counts(spec, rows):
    """[[field label, changed, emptied]] of the updates to records on file, in the spec's field order."""
    counted = {}
    for row in rows:
        if row.instance is None or row.instance._state.adding:
            continue
        for name in row.changed:
            if name in spec.HIDDEN_CHANGES or name not in row.old:
                continue
            tally = counted.setdefault(name, [0, 0])
            tally[1 if is_blank(getattr(row.instance, name)) else 0] += 1
    return [
        [capitalized(spec.model._meta.get_field(name).verbose_name), changed, emptied]
        for name, (changed, emptied) in counted.items()
    ]


def kept_blank(spec, rows):
    """[[column key, title, rows]] of the blank cells that left a stored value as it was, for the columns the
    officer may choose to empty."""
    counted = Counter(key for row in rows if not row.errors for key in set(row.kept))
    return [[key, spec.column(key).header, counted[key]] for key in spec.emptiable() if counted[key]]


def emptying_confirmations(counts):
    """[0, field label, message] for each field an update empties: written only once the officer confirms."""
    message = _(
        "%(n)d nilai %(field)s yang tersimpan akan dikosongkan (selnya kosong di berkas dan Anda memilih "
        "“kosongkan yang kosong di berkas”)."
    )
    return [[0, label, message % {"n": emptied, "field": label}] for label, _changed, emptied in counts if emptied]


class DateOrderQuestion(Deferred):
    """A file problem the officer answers by choosing the file's date order (the preview offers the choice)."""


_UNSEEN = object()
PARSE_CACHE = 5000  # distinct cells remembered per column: statuses, years and pesantren repeat, names and NIKs not


def _parse(column, cell):
    """The cell's value, or the CellError saying why it has none."""
    try:
        return column.parse(cell)
    except CellError as error:
        return error


def _remembering(column):
    """The column's `_parse`, each distinct cell parsed once: a file repeats its statuses, years, pesantren and dates
    thousands of times. A column of names or NIKs repeats nothing: past PARSE_CACHE distinct cells it stops
    remembering (it held one entry a row)."""
    parsed = {}

    def parse(cell):
        nonlocal parsed
        if parsed is None:
            return _parse(column, cell)
        seen = (type(cell), cell)  # 1, 1.0 and True are equal keys but different cells
        value = parsed.get(seen, _UNSEEN)
        if value is _UNSEEN:
            value = _parse(column, cell)
            if not isinstance(value, list | dict | set):  # shared between rows: immutable values only
                parsed[seen] = value
                if len(parsed) > PARSE_CACHE:
                    parsed = None
        return value

    return parse


def parse_rows(spec, table, progress=None, date_order=DateOrder.AUTO):
    """Parse every cell of the mapped columns. Returns (rows, file problems): a missing required column, or a date
    column whose order the officer must choose."""
    columns = [column.for_file(date_order) if isinstance(column, DateColumn) else column for column in spec.columns]
    combined = set()
    positions, missing, _unknown = header_map(columns, table.headers, combined, table.chosen)
    if missing:
        names = listed(c.header for c in missing)
        return [], [
            _("Kolom wajib tidak ada di baris judul: %(names)s. Unduh templat untuk contoh.") % {"names": names}
        ]
    mapped = [(column, positions.get(column.key)) for column in columns]
    spec.present = {column.key for column, position in mapped if position is not None}
    formulas = table.formulas
    cell_problems = table.cell_problems  # the reader's: a date split over three columns that makes no date
    rows = [RowResult(number=number, raw=raw) for number, raw in table.rows]
    table.rows = ()  # the rows hold their cells now (packed once parsed)
    total = len(rows)  # parsing is the first half of the check, matching the second
    message = _(
        "Sel %(cell)s berisi rumus, bukan nilai; rumus tidak diimpor. Salin kolomnya lalu tempel sebagai "
        "nilai (Tempel Spesial → Nilai) dan unggah ulang."
    )
    # Column by column, each distinct cell parsed once (_remembering). A row's errors still come in column order.
    for done, (column, position) in enumerate(mapped):
        if progress:
            progress("check", done * total // (2 * len(mapped)), total)
        key, header, parse = column.key, column.header, _remembering(column)
        joined = combined and key in combined
        for row in rows:
            raw = row.raw
            if cell_problems and (row.number, position) in cell_problems:
                row.add_error(header, cell_problems[(row.number, position)])
                continue
            if formulas and (row.number, position) in formulas:
                row.add_error(header, message % {"cell": formulas[(row.number, position)]})
                continue
            cell = raw[position] if position is not None and position < len(raw) else None
            if joined:
                cell = date_after_place(cell)
            value = parse(cell)
            if isinstance(value, CellError):
                if isinstance(value, MonthFirstDate):
                    column.month_first_rows.append(row.number)
                row.add_error(header, value.message)
            else:
                row.values[key] = value
    for row in rows:
        row.pack()
    problems = [
        DateOrderQuestion(p.msgid, p.values) for c in columns if isinstance(c, DateColumn) and (p := c.file_problem())
    ]
    return rows, problems


def absent_notice(spec, rows):
    """Where the file updates records: the columns it does not have, whose values on record stay as they are."""
    if not any(row.instance is not None and not row.instance._state.adding for row in rows):
        return []
    absent = [column.header for column in spec.columns if spec.present is not None and column.key not in spec.present]
    if not absent:
        return []
    message = _("Kolom yang tidak ada di berkas tidak mengubah data yang tersimpan: %(columns)s.")
    return [message % {"columns": listed(absent)}]


def hidden_named(spec, table):
    """[[row, name]] of the rows hidden in Excel, the name read from the kind's name column ("" when it has none)."""
    positions, _missing, _unknown = header_map(spec.columns, table.headers, set(), table.chosen)
    position = positions.get(spec.name_column)
    named = []
    for number, cells in table.hidden:
        cell = cells[position] if position is not None and position < len(cells) else None
        named.append([number, "" if cell is None else str(cell).strip()])
    return named


def classify(spec, rows, progress=None, keep_instances=True, on_row=None):
    """Match and build every valid row. `keep_instances`: the write needs each row's record; a dry run keeps only
    those whose changes the preview lists (RowResult.settle). `on_row(row)` hears each row once it is classified."""
    ctx = spec.context([row for row in rows if not row.errors])
    first_seen = {}
    for index, row in enumerate(rows):
        if progress and index % PROGRESS_STEP == 0:
            progress("check", (len(rows) + index) // 2, len(rows))
        if row.errors:
            continue
        keys = spec.file_keys(row)
        for column, label, identity, tag in keys:
            seen = first_seen.get(identity)
            if seen is not None and not (tag and seen[1] and tag != seen[1]):
                if isinstance(seen[0], str):  # a row of a sheet read into the batch: "Angkatan II baris 5"
                    message = _("%(label)s sama dengan %(row)s di berkas ini.")
                else:
                    message = _("%(label)s sama dengan baris %(row)d di berkas ini.")
                row.add_error(column, message % {"label": label, "row": seen[0]})
                break
        if row.errors:
            continue
        for _column, _label, identity, tag in keys:
            first_seen.setdefault(identity, (row.number, tag))
        try:
            spec.build(row, ctx)
        except CellError as error:
            row.add_error(error.column or "", error.message)
        if row.action == Action.UPDATE and row.instance is not None:
            row.changes = spec.describe_changes(row, ctx)
        row.settle(keep_instances)
        if on_row is not None:
            on_row(row)


def claim_new_keys(model, creates):
    """Inside the writing transaction, under a lock per table held to the commit: a unique key (NIK, NSPP) that
    another import created after this one's check is found here and the import refused with KEY_CLASH, before the
    database refuses it with an error that quotes the key (PostgreSQL writes it to its own log). On SQLite the
    IMMEDIATE write transaction is the lock. A form's create takes the same lock (pesantren.services.record_save)."""
    if not creates:
        return
    lock_unique_keys(model)
    for key in model._meta.concrete_fields:
        if not key.unique or key.primary_key:
            continue
        values = {getattr(obj, key.attname) for obj in creates} - {None, ""}
        for part in slices(values):
            if model._default_manager.filter(among(model, key.name, part)).exists():
                raise CellError(_(KEY_CLASH))


def write(spec, rows, *, actor, reason, batch=None):
    """Write the checked rows: new records carry `batch` (their audit record), each update leaves a history row."""
    if hasattr(spec, "write_rows"):  # small kinds with related rows write through their services
        with transaction.atomic():
            spec.write_rows(rows, actor=actor, reason=reason)
        return
    creates = [row.instance for row in rows if row.action == Action.CREATE]
    with transaction.atomic():
        claim_new_keys(spec.model, creates)
        insert_created(creates, spec.model, batch=batch, user=actor, reason=reason, batch_size=BATCH_SIZE)
        write_updates(spec, rows, actor=actor, reason=reason)
        spec.after_write(rows)


def write_updates(spec, rows, *, actor, reason):
    """The updated records, each with its history row (old → new); a record a batch created first keeps its state
    before this change (audit.keep_creation_snapshots)."""
    updates = [row.instance for row in rows if row.action == Action.UPDATE]
    if updates:
        keep_creation_snapshots(spec.model, [obj.pk for obj in updates])
        bulk_update_with_history(
            updates,
            spec.model,
            spec.update_fields,
            batch_size=BATCH_SIZE,
            default_user=actor,
            default_change_reason=reason,
        )


def conclude(spec, result, *, commit, confirmed):
    """What the preview says of the whole file once every row is classified; with `commit`, the write waits for the
    confirmations the rows ask for."""
    result.notices.extend(spec.summary(result.rows))
    result.notices.extend(absent_notice(spec, result.rows))
    result.field_counts = field_counts(spec, result.rows)
    result.kept_blank = kept_blank(spec, result.rows)
    result.file_confirmations = emptying_confirmations(result.field_counts)
    result.choices = spec.choices_asked()
    if commit and result.ok and result.confirmations and not confirmed:
        message = _(
            "%(n)d baris perlu konfirmasi (lihat peringatannya); tidak ada yang ditulis. Periksa barisnya, lalu "
            "konfirmasi penulisannya."
        )
        result.file_errors.append(message % {"n": len(result.confirmations)})


def _reason(spec, result):
    return str(_("Impor %(kind)s dari berkas %(file)s") % {"kind": spec.label, "file": result.filename})


def streams(spec, batch):
    """Whether a write checks and stores at once (check_while_writing): a batch's new registry records on
    PostgreSQL. Kinds that write through their services, and the engine called without a batch, check first."""
    return (
        batch is not None
        and connection.vendor == "postgresql"
        and not hasattr(spec, "write_rows")
        and any(f.name == "import_batch" for f in spec.model._meta.concrete_fields)
    )


class _NotWritten(Exception):
    """The check, run inside the write's transaction, found a row that stops the write: what was stored goes."""


def check_while_writing(spec, result, *, actor, confirmed, progress, on_write, batch):
    """The write job's check and write in one transaction (issue 32): the table's key lock is taken first, so the
    check sees every key written before it and no one writes another until the commit (no claim afterwards); each
    new record goes into an open COPY as soon as it is built, so PostgreSQL stores while Python checks. A row that
    fails, or a re-check that differs from the preview the officer confirmed (`on_write`), rolls it all back: all
    or nothing, as before."""
    try:
        with transaction.atomic():
            lock_unique_keys(spec.model)
            with CreatedStream(spec.model, batch) as stream:

                def store(row):
                    if row.action == Action.CREATE:
                        stream.add(row.instance)
                        row.instance = None  # stored: a 250 000-row write held one record a row (~1.1 KB)

                classify(spec, result.rows, progress, keep_instances=True, on_row=store)
            conclude(spec, result, commit=True, confirmed=confirmed)
            if not result.ok:
                raise _NotWritten
            if progress:
                progress("write", stream.stored, len(result.rows))
            if on_write:
                on_write(result)
            write_updates(spec, result.rows, actor=actor, reason=_reason(spec, result))
            spec.after_write(result.rows)
        result.committed = True
    except _NotWritten:
        pass


def run_import(
    spec,
    data,
    filename,
    *,
    actor,
    commit,
    confirmed=False,
    date_order=DateOrder.AUTO,
    progress=None,
    on_write=None,
    mapping=None,
    remembered=None,
    reading=None,
    emptied=(),
    batch=None,
):
    """Validate the whole file; write only when `commit` and every row is valid (and, where rows need the officer's
    confirmation, `confirmed`). Never writes partially.

    `progress(stage, done, total)` hears how far it is ("check", then "write" once before the transaction);
    `on_write(result)` runs inside the writing transaction first (a background job locks its batch there).
    `mapping` (the officer's column mapping) or `remembered(shape)` (theirs for files of this shape): mapping.py.
    `reading` (reading.Reading): the officer's choice of hidden rows and other sheets read too.
    `emptied`: keys of the columns whose blank cells empty the field on record (otherwise they leave it as it was).
    `batch`: the ImportBatch being written: the records it creates carry it instead of a history row each."""
    result = ImportResult(kind=spec.kind, filename=filename)
    spec.actor = actor
    spec.emptied = frozenset(emptied)
    try:
        table = read_table(
            data,
            filename,
            Limits.from_settings(),
            columns=spec.columns,
            mapping=mapping,
            remembered=remembered,
            reading=reading,
        )
    except FileProblem as problem:
        result.file_errors.append(problem.args[0])
        return result
    result.headers, result.notices, result.columns_read = table.headers, table.notices, table.read
    result.hidden_rows, result.sheets = hidden_named(spec, table), table.sheets
    result.rows, result.file_errors = parse_rows(spec, table, progress, date_order)
    result.file_errors[:0] = table.problems
    if date_order:
        result.notices.append(_(DATE_ORDER_NOTICES[date_order]))
    if not result.rows and not result.file_errors:
        result.file_errors.append(_("Berkas tidak berisi baris data."))
    if result.file_errors:
        return result
    try:
        if commit and streams(spec, batch):
            check_while_writing(
                spec, result, actor=actor, confirmed=confirmed, progress=progress, on_write=on_write, batch=batch
            )
            return result
        classify(spec, result.rows, progress, keep_instances=commit)
        conclude(spec, result, commit=commit, confirmed=confirmed)
        if commit and result.ok:
            if progress:
                progress("write", 0, len(result.rows))
            with transaction.atomic():
                if on_write:
                    on_write(result)
                write(spec, result.rows, actor=actor, reason=_reason(spec, result), batch=batch)
            result.committed = True
    except CellError as error:  # a rule about the whole file, found while matching or writing: nothing written
        result.file_errors.append(error.message)
    return result
