"""Column types: each turns one raw cell into a typed value or raises CellError with an Indonesian message."""

import copy
import datetime
import re
from decimal import Decimal

from django.core import validators
from django.core.exceptions import ValidationError
from django.db import models

from opop.common.money import parse_rupiah
from opop.common.reader_language import deferred as _
from opop.common.reader_language import error_messages, listed
from opop.common.text import CONTROL_MESSAGE, control_character

SCIENTIFIC = re.compile(r"^[+-]?\d+([.,]\d+)?[eE][+-]?\d+$")
EXACT_DIGITS = 15  # digits an XLSX number cell keeps exactly
FIXED_DIGITS = re.compile(r"^\^(\d*)\\d\{(\d+)\}\$$")  # an identifier pattern such as ^51\d{10}$: digits, then n more


class CellError(Exception):
    def __init__(self, message, column=None):
        super().__init__(message)
        self.message = message
        self.column = column


class MonthFirstDate(CellError):
    """A date that only makes sense month first, in a file whose date order was not chosen."""


def _normal(text) -> str:
    return " ".join(str(text).lower().replace("_", " ").split())


# What officers type for "none": read as an empty cell, whatever the column.
PLACEHOLDERS = {"-", "--", "–", "—", "n/a", "n.a.", "na", "tidak ada", "tdk ada"}
HEADER_NOISE = re.compile(r"[*.,:;()\[\]]")
SLASH = re.compile(r"\s*/\s*")


def header_key(text) -> str:
    """A column title reduced to what identifies it: "No. HP", "NO HP:" and "no hp" are one; "Kab / Kota" is
    "kab/kota"; "Tempat, Tgl. Lahir" is "tempat tgl lahir"."""
    return SLASH.sub("/", " ".join(HEADER_NOISE.sub(" ", str(text).lower().replace("_", " ")).split()))


class Column:
    # Leading zeros count (NSPP, NIK, phone, certificates, SIPD codes): text in templates and failed-rows files.
    typed_as_text = False

    def __init__(
        self,
        key,
        header,
        *,
        required=False,
        aliases=(),
        combined_aliases=(),
        example="",
        help_text="",
        detect=False,
        values_decide=False,
    ):
        self.key = key
        # Recognised by its values when no title names it (mapping.by_values): a NIK column titled "No. Identitas".
        self.detect = detect
        # Its title says too little ("Status" of a madrasah list holds SWASTA/NEGERI): the column is read as this
        # field only when its values are this field's values (mapping.contradicted).
        self.values_decide = values_decide
        self.header = header
        self.required = required
        self.aliases = {header_key(a) for a in (header, key, *aliases)}
        # Titles of a column holding this value after another one ("Tempat, Tgl Lahir": place, then the date).
        self.combined_aliases = {header_key(a) for a in combined_aliases}
        self.example = example
        self.help_text = help_text

    def parse(self, raw):
        if isinstance(raw, str) and (code := control_character(raw)):
            raise CellError(_(CONTROL_MESSAGE) % {"code": code})
        if raw is None or (isinstance(raw, str) and not raw.strip()) or self.placeholder(raw):
            if self.required:
                raise CellError(_("Wajib diisi."))
            return self.empty()
        return self.convert(raw)

    def empty(self):
        return ""

    def placeholder(self, raw):
        """A cell officers fill to say "none" ("-", "N/A", "tidak ada"): empty, never a value."""
        return isinstance(raw, str) and " ".join(raw.lower().split()) in PLACEHOLDERS

    def convert(self, raw):
        return str(raw).strip()

    def proves(self, field):
        """Whether every value this column parses already passes `field.clean()` (type, length, choices,
        validators), so the model's clean_fields may skip it (ImportSpec.validate). Each column type says what its
        parser guarantees; the default proves nothing."""
        return False

    def _blank_allowed(self, field):
        """An optional column parses a blank cell to its empty value, which the field must accept."""
        return self.required or field.blank


def _only_validators(field, *allowed):
    """True when each of the field's validators is one of `allowed` (predicates on a validator)."""
    return all(any(check(v) for check in allowed) for v in field.validators)


def _no_null_characters(validator):
    # Column.parse refuses every control character, NUL included, before any parser runs.
    return isinstance(validator, validators.ProhibitNullCharactersValidator)


def _length_at_least(n):
    return lambda v: isinstance(v, validators.MaxLengthValidator) and not callable(v.limit_value) and v.limit_value >= n


class TextColumn(Column):
    def __init__(self, key, header, *, max_length, **kwargs):
        super().__init__(key, header, **kwargs)
        self.max_length = max_length

    def placeholder(self, raw):
        """In text, a lone 0 says "none" too (a name, an address, a pengasuh is never 0)."""
        return super().placeholder(raw) or (not isinstance(raw, bool) and str(raw).strip() in ("0", "0.0"))

    def convert(self, raw):
        text = " ".join(str(raw).split())
        if len(text) > self.max_length:
            raise CellError(_("Terlalu panjang: paling banyak %(n)d karakter.") % {"n": self.max_length})
        return text

    def proves(self, field):
        """Text of at most max_length characters: a CharField or TextField no shorter, without choices."""
        if not isinstance(field, models.CharField | models.TextField) or field.choices:
            return False
        if field.max_length is not None and field.max_length < self.max_length:
            return False
        return self._blank_allowed(field) and _only_validators(
            field, _no_null_characters, _length_at_least(self.max_length)
        )


class CodeColumn(TextColumn):
    """A code whose dots and zeros count (SIPD "2.17.07.1.01.0002"): read as text, and typed as text in the template
    and the failed-rows file so a spreadsheet does not turn "2.17" into a number."""

    typed_as_text = True


class IdentifierColumn(Column):
    """NSPP, NIK, NIB…: digits kept as text. A number cell means Excel already dropped leading zeros or
    rounded the value (5.10035E+11), so the original cannot be recovered: refuse it and say how to fix it."""

    typed_as_text = True

    def __init__(self, key, header, *, pattern, message, **kwargs):
        super().__init__(key, header, **kwargs)
        self.pattern = re.compile(pattern)
        self.message = message

    def empty(self):
        return None

    def convert(self, raw):
        if isinstance(raw, (int, float, Decimal)) and not isinstance(raw, bool):
            return self._number(raw)
        text = str(raw).strip().lstrip("'").replace(" ", "")
        if SCIENTIFIC.match(text):
            raise CellError(self._mangled(text))
        if not self.pattern.match(text):
            raise CellError(_(self.message))
        return text

    def _number(self, raw):
        """An XLSX number cell holds 15 significant digits exactly: a 12-digit NSPP or 13-digit NIB held as a
        number is what was typed, unless its leading zeros went (then it no longer fits the pattern). A 16-digit NIK
        held as a number has lost its last digit, so it is refused however it looks."""
        try:
            integral = raw == int(raw)
        except (OverflowError, ValueError):  # an infinite or NaN float
            integral = False
        text = str(int(raw)) if integral else ""
        if integral and len(text) <= EXACT_DIGITS and self.pattern.match(text):
            return text
        raise CellError(self._mangled(raw))

    def proves(self, field):
        """A text matching `pattern`: a CharField whose regex validators are this very pattern, long enough for
        it (patterns of the form ^<digits>\\d{n}$: NSPP, NIK, NIB)."""
        width = FIXED_DIGITS.match(self.pattern.pattern)
        if not isinstance(field, models.CharField) or field.choices or width is None:
            return False
        length = len(width.group(1)) + int(width.group(2))

        def same_pattern(v):
            return (
                isinstance(v, validators.RegexValidator)
                and not v.inverse_match
                and v.regex.pattern == self.pattern.pattern
                and v.regex.flags == self.pattern.flags
            )

        return (
            (field.max_length or 0) >= length
            and self._blank_allowed(field)
            and _only_validators(field, same_pattern, _no_null_characters, _length_at_least(length))
        )

    def _mangled(self, raw):
        return _(
            "%(col)s tersimpan sebagai angka (%(raw)s) sehingga digit hilang. Format kolom sebagai Teks di Excel "
            "lalu ketik ulang nilainya."
        ) % {"col": self.header, "raw": raw}


class IntegerColumn(Column):
    def __init__(self, key, header, *, min_value=0, max_value=None, **kwargs):
        super().__init__(key, header, **kwargs)
        self.min_value, self.max_value = min_value, max_value

    def empty(self):
        return None

    def convert(self, raw):
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)
        text = str(raw).strip().replace(".", "") if isinstance(raw, str) else raw
        try:
            value = int(text)
        except (TypeError, ValueError, OverflowError):  # OverflowError: an infinite float from an XLSX cell
            raise CellError(_("Harus bilangan bulat, misalnya %(ex)s.") % {"ex": self.example or "2023"}) from None
        if self.min_value is not None and value < self.min_value:
            raise CellError(_("Tidak boleh kurang dari %(n)s.") % {"n": self.min_value})
        if self.max_value is not None and value > self.max_value:
            raise CellError(_("Tidak boleh lebih dari %(n)s.") % {"n": self.max_value})
        return value

    def proves(self, field):
        """An int within [min_value, max_value]: an integer field whose bounds (the database's range included)
        hold the whole interval; a blank cell is None, so an optional column needs a nullable field."""
        if not isinstance(field, models.IntegerField) or field.choices:
            return False
        if not (self.required or (field.null and field.blank)):
            return False

        def low(v):
            bounded = isinstance(v, validators.MinValueValidator) and not callable(v.limit_value)
            return bounded and self.min_value is not None and self.min_value >= v.limit_value

        def high(v):
            bounded = isinstance(v, validators.MaxValueValidator) and not callable(v.limit_value)
            return bounded and self.max_value is not None and self.max_value <= v.limit_value

        return _only_validators(field, low, high)


class RupiahColumn(Column):
    """Whole rupiah, read as the portal's money field reads it (opop.common.money): 125000000, 125.000.000,
    Rp 125.000.000; a decimal (125,5 or 125.5, typed or a number cell) is refused, never rounded."""

    def empty(self):
        return None

    def convert(self, raw):
        if isinstance(raw, bool):
            raise CellError(_("Tulis rupiah dengan angka, misalnya 125.000.000 atau Rp 125.000.000."))
        if isinstance(raw, int):
            raw = str(raw)
        elif isinstance(raw, float | Decimal):
            if raw != raw or raw in (float("inf"), float("-inf")) or raw != int(raw):
                raise CellError(_("Tulis rupiah tanpa desimal, misalnya 125.000.000."))
            raw = str(int(raw))
        try:
            return parse_rupiah(raw)
        except ValidationError as error:
            raise CellError(error_messages(error)["__all__"][0]) from None


MONTHS = {
    **dict.fromkeys(("januari", "jan", "january"), 1),
    **dict.fromkeys(("februari", "pebruari", "feb", "peb", "february"), 2),
    **dict.fromkeys(("maret", "mar", "march"), 3),
    **dict.fromkeys(("april", "apr"), 4),
    **dict.fromkeys(("mei", "may"), 5),
    **dict.fromkeys(("juni", "jun", "june"), 6),
    **dict.fromkeys(("juli", "jul", "july"), 7),
    **dict.fromkeys(("agustus", "agu", "agt", "ags", "agst", "aug", "august"), 8),
    **dict.fromkeys(("september", "sep", "sept"), 9),
    **dict.fromkeys(("oktober", "okt", "oct", "october"), 10),
    **dict.fromkeys(("november", "nopember", "nov", "nop"), 11),
    **dict.fromkeys(("desember", "des", "dec", "december"), 12),
}
NUMERIC_DATE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
NAMED_DATE = re.compile(r"^(\d{1,2})[\s./-]*([A-Za-z]+)\.?[\s./,-]*(\d{4})$")
MIDNIGHT = re.compile(r"\s+0?0[:.]00([:.]00)?$")  # "17/08/2004 00:00:00" from a CSV saved by Excel
EXCEL_EPOCH = datetime.date(1899, 12, 30)
EXCEL_SERIALS = range(10_000, 80_000)  # 1927-05-18 .. 2119-01-11: a serial number is a date only in this range


class DateOrder:
    AUTO = ""  # day first; a column that only makes sense month first is a question for the officer
    DAY_FIRST = "dmy"
    MONTH_FIRST = "mdy"


class DateColumn(Column):
    """Dates as people write them: 17-08-2004, 17/08/2004, 17.08.2004, 2004-08-17, "17 Agustus 2004", "17 Agt 2004",
    "17-Aug-2004", a real Excel date or its serial number. Day first, as Indonesians write; a file whose dates only
    make sense month first (08/17/2004 from an English Excel) is never guessed row by row: `file_problem` asks the
    officer, who chooses `order` for the whole file."""

    def __init__(self, key, header, *, not_future=False, **kwargs):
        super().__init__(key, header, **kwargs)
        self.not_future = not_future
        self.order = DateOrder.AUTO
        self.month_first_rows, self.day_first_seen = [], False

    def for_file(self, order):
        """A copy for one file, read in `order`, counting what the file's dates say about their order."""
        column = copy.copy(self)
        column.order = order or DateOrder.AUTO
        column.month_first_rows, column.day_first_seen = [], False
        return column

    def file_problem(self):
        if self.order == DateOrder.AUTO and self.month_first_rows and not self.day_first_seen:
            if any(isinstance(row, str) for row in self.month_first_rows):  # sheet rows: "Angkatan II baris 5"
                return _(
                    "Kolom %(col)s: tanggal seperti di %(rows)s hanya masuk akal bila bulan ditulis lebih dulu "
                    "(bulan/hari/tahun, seperti Excel berbahasa Inggris). Tidak ada tanggal yang ditebak: pilih urutan "
                    "tanggal berkas ini, lalu berkas diperiksa ulang."
                ) % {"col": self.header, "rows": ", ".join(map(str, self.month_first_rows[:5]))}
            return _(
                "Kolom %(col)s: tanggal seperti di baris %(rows)s hanya masuk akal bila bulan ditulis lebih dulu "
                "(bulan/hari/tahun, seperti Excel berbahasa Inggris). Tidak ada tanggal yang ditebak: pilih urutan "
                "tanggal berkas ini, lalu berkas diperiksa ulang."
            ) % {"col": self.header, "rows": ", ".join(map(str, self.month_first_rows[:5]))}
        return None

    def empty(self):
        return None

    def convert(self, raw):
        value = self._date(raw)
        if not (1900 <= value.year <= datetime.date.today().year):
            raise CellError(_("Tahun tanggal tidak masuk akal."))
        if self.not_future and value > datetime.date.today():
            raise CellError(_("Tanggal lahir tidak boleh di masa depan."))
        return value

    def proves(self, field):
        """A datetime.date (or None for a blank cell): a DateField without validators of its own."""
        return (
            isinstance(field, models.DateField)
            and not isinstance(field, models.DateTimeField)
            and not field.choices
            and not field.validators
            and (self.required or (field.null and field.blank))
        )

    def _date(self, raw):
        if isinstance(raw, datetime.datetime):
            return raw.date()
        if isinstance(raw, datetime.date):
            return raw
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            if float(raw).is_integer() and int(raw) in EXCEL_SERIALS:
                return EXCEL_EPOCH + datetime.timedelta(days=int(raw))
            raise self._unknown()
        text = MIDNIGHT.sub("", str(raw).strip())
        if text.isascii() and text.isdigit() and int(text) in EXCEL_SERIALS:
            return EXCEL_EPOCH + datetime.timedelta(days=int(text))
        if match := NUMERIC_DATE.match(text):
            first, second, year = (int(part) for part in match.groups())
            return self._ordered(first, second, year)
        if match := ISO_DATE.match(text):
            return self._make(*(int(part) for part in match.groups()))
        if match := NAMED_DATE.match(text):
            month = MONTHS.get(match.group(2).lower())
            if month is None:
                raise CellError(
                    _("Nama bulan '%(m)s' tidak dikenali; tulis seperti 17 Agustus 2004 atau 17-08-2004.")
                    % {"m": match.group(2)}
                )
            return self._make(int(match.group(3)), month, int(match.group(1)))
        raise self._unknown()

    def _ordered(self, first, second, year):
        if self.order == DateOrder.MONTH_FIRST:
            if first > 12:
                raise CellError(_("Tanggal ini tidak cocok dengan urutan bulan/hari/tahun yang dipilih untuk berkas."))
            return self._make(year, first, second)
        if first > 12:
            self.day_first_seen = True
        if second > 12 and first <= 12:
            if self.order == DateOrder.AUTO:
                raise MonthFirstDate(
                    _("Tanggal ini hanya masuk akal bila bulan ditulis lebih dulu; pilih urutan tanggal berkas ini.")
                )
            raise CellError(_("Tanggal ini tidak cocok dengan urutan hari/bulan/tahun yang dipilih untuk berkas."))
        return self._make(year, second, first)

    def _make(self, year, month, day):
        try:
            return datetime.date(year, month, day)
        except ValueError:
            raise self._unknown() from None

    def _unknown(self):
        return CellError(_("Tanggal tidak dikenali; tulis seperti 17-08-2004 atau 17 Agustus 2004."))


PHONE_SEPARATORS = re.compile(r"[\s\-.()/]")
PHONE = re.compile(r"^08\d{7,12}$|^0[2-7]\d{6,10}$")
# Stored-phone patterns that accept every PHONE number (pesantren.validators.validate_phone): a field checked by one
# of these needs no second check of a number this column parsed.
PHONE_STORED = {r"^(\+62|62|0)8\d{7,12}$|^(\+62|62|0)[2-7]\d{6,10}$"}


class PhoneColumn(Column):
    """Indonesian phone numbers as people write them, stored one way (081234567890): "0812-3456-7890", "0813 3456
    7890", "+62 812 3456 7890", "62812…", and "812…" from a cell Excel turned into a number (which drops the 0)."""

    typed_as_text = True

    def __init__(self, key, header, *, max_length=20, **kwargs):
        super().__init__(key, header, **kwargs)
        self.max_length = max_length

    def convert(self, raw):
        if isinstance(raw, (int, float, Decimal)) and not isinstance(raw, bool):
            try:
                text = str(int(raw)) if raw == int(raw) else str(raw)
            except (OverflowError, ValueError):
                text = str(raw)
        else:
            text = PHONE_SEPARATORS.sub("", str(raw).strip().lstrip("'"))
        if text.startswith("+62"):
            text = "0" + text[3:]
        elif text.startswith("62") and len(text) >= 10:
            text = "0" + text[2:]
        elif text.startswith("8"):
            text = "0" + text
        if not PHONE.match(text) or len(text) > self.max_length:
            raise CellError(_("Nomor telepon tidak dikenali; tulis satu nomor seperti 081234567890 atau 0321861719."))
        return text

    def proves(self, field):
        """A number matching PHONE, at most max_length long: a CharField long enough whose regex validators are
        ones known to accept every such number (the registry's validate_phone also takes +62/62 prefixes)."""

        def accepts_phone(v):
            return isinstance(v, validators.RegexValidator) and not v.inverse_match and v.regex.pattern in PHONE_STORED

        return (
            isinstance(field, models.CharField)
            and not field.choices
            and (field.max_length or 0) >= self.max_length
            and self._blank_allowed(field)
            and _only_validators(field, accepts_phone, _no_null_characters, _length_at_least(self.max_length))
        )


def in_every_language(text):
    """`text` (a msgid or a lazy translation) as each of the site's languages writes it: an export made with the
    English interface has English column titles and choice labels, and must read back too."""
    from django.conf import settings
    from django.utils import translation

    written = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            written.add(str(_(text) if isinstance(text, str) else text))
    return written


class ChoiceColumn(Column):
    """Accepts the stored value, the label (in any of the site's languages), or an alias, in any case: 'L',
    'laki-laki', 'Laki Laki', 'Male'."""

    def __init__(self, key, header, *, choices, synonyms=None, **kwargs):
        super().__init__(key, header, **kwargs)
        self.choices = list(choices)
        self.lookup = {}
        for value, label in self.choices:
            self.lookup[_normal(value)] = value
            self.lookup[_normal(label)] = value
        self.synonyms = dict(synonyms or {})
        for alias, value in self.synonyms.items():
            self.lookup[_normal(alias)] = value
        self._every_language = False

    def _add_languages(self):
        """Labels in the other languages, added on first miss (translations are not ready when specs are built)."""
        self._every_language = True
        for value, label in [*self.choices, *((value, alias) for alias, value in self.synonyms.items())]:
            for written in in_every_language(label):
                self.lookup.setdefault(_normal(written), value)

    def convert(self, raw):
        for text in (str(raw).replace("-", " "), str(raw)):
            if (value := self.lookup.get(_normal(text))) is not None:
                return value
        if not self._every_language:
            self._add_languages()
            return self.convert(raw)
        labels = listed(label for _value, label in self.choices)  # in the reader's language
        raise CellError(_("Nilai tidak dikenal; pilih salah satu: %(labels)s.") % {"labels": labels})

    def proves(self, field):
        """One of the choices' stored values (aliases map onto them): a CharField offering every one of them."""
        if not isinstance(field, models.CharField) or not field.choices:
            return False
        offered = {value for value, _label in field.flatchoices}
        values = {value for value, _label in self.choices} | set(self.synonyms.values())
        longest = max(len(str(value)) for value in values)
        return (
            values <= offered
            and (field.max_length or 0) >= longest
            and self._blank_allowed(field)
            and _only_validators(field, _no_null_characters, _length_at_least(longest))
        )


class RegionColumn(Column):
    """Kab/kota written any usual way; resolved by `RegionMatcher` in the spec's context."""

    def empty(self):
        return None


def translated_titles(column):
    """The column's own title as the other languages of the site write it ("Nama produk" → "Product name"), worked
    out once per column."""
    titles = column.__dict__.get("_translated")
    if titles is None:
        titles = column._translated = {header_key(t) for t in in_every_language(column.header)} - column.aliases
    return titles


def header_map(columns, headers, combined=None, chosen=None):
    """Map each spec column to its position in the file's header row; returns (positions, missing, unknown).

    A column's own title wins over a synonym, and a synonym over a combined title, whatever their order in the
    file: "NSPP pesantren" is the NSPP even when "Asal pondok pesantren" (names, usually) stands before it. Keys of
    columns found under a combined title ("Tempat, Tgl Lahir") are added to `combined` when given. `chosen`
    ({position: column key, or "" for not imported}) overrides the titles: the officer's mapping (mapping.py)."""
    positions, used = {}, set()
    keys = {column.key: column for column in columns}
    for index, key in (chosen or {}).items():
        used.add(index)
        if key in keys and key not in positions:
            positions[key] = index
            if combined is not None and header_key(headers[index]) in keys[key].combined_aliases:
                combined.add(key)
    candidates = []
    for index, header in enumerate(headers):
        normal = header_key(header)
        if not normal or index in used:
            continue
        for column in columns:
            if normal in (header_key(column.header), column.key):
                candidates.append((0, index, column))
            elif normal in column.aliases or normal in translated_titles(column):
                candidates.append((1, index, column))
            elif normal in column.combined_aliases:
                candidates.append((2, index, column))
    for rank, index, column in sorted(candidates, key=lambda c: (c[0], c[1])):
        if column.key in positions or index in used:
            continue
        positions[column.key] = index
        used.add(index)
        if rank == 2 and combined is not None:
            combined.add(column.key)
    unknown = [header for index, header in enumerate(headers) if header and index not in used]
    missing = [c for c in columns if c.required and c.key not in positions]
    return positions, missing, unknown


PLACE_THEN_DATE = re.compile(r"^\s*[^\d,;]*?[,;]?\s*(\d{1,2}[\s./-]*(?:[A-Za-z]+\.?|\d{1,2})[\s./,-]*\d{4})\s*$")


def date_after_place(raw):
    """ "Jombang, 17 Agustus 2004" → "17 Agustus 2004"; a real date cell stays as it is. Text that holds no date
    after the place is passed on whole, for the date column to refuse it."""
    if not isinstance(raw, str):
        return raw
    match = PLACE_THEN_DATE.match(raw)
    return match.group(1) if match else raw
