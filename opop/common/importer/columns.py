"""Column types: each turns one raw cell into a typed value or raises CellError with an Indonesian message."""

import datetime
import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from opop.common.money import parse_rupiah
from opop.common.text import CONTROL_MESSAGE, control_character

SCIENTIFIC = re.compile(r"^[+-]?\d+([.,]\d+)?[eE][+-]?\d+$")


class CellError(Exception):
    def __init__(self, message, column=None):
        super().__init__(message)
        self.message = message
        self.column = column


def _normal(text) -> str:
    return " ".join(str(text).lower().replace("_", " ").split())


class Column:
    def __init__(self, key, header, *, required=False, aliases=(), example="", help_text=""):
        self.key = key
        self.header = header
        self.required = required
        self.aliases = {_normal(a) for a in (header, key, *aliases)}
        self.example = example
        self.help_text = help_text

    def parse(self, raw):
        if isinstance(raw, str) and (code := control_character(raw)):
            raise CellError(CONTROL_MESSAGE % {"code": code})
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if self.required:
                raise CellError(_("Wajib diisi."))
            return self.empty()
        return self.convert(raw)

    def empty(self):
        return ""

    def convert(self, raw):
        return str(raw).strip()


class TextColumn(Column):
    def __init__(self, key, header, *, max_length, **kwargs):
        super().__init__(key, header, **kwargs)
        self.max_length = max_length

    def convert(self, raw):
        text = " ".join(str(raw).split())
        if len(text) > self.max_length:
            raise CellError(_("Terlalu panjang: paling banyak %(n)d karakter.") % {"n": self.max_length})
        return text


class IdentifierColumn(Column):
    """NSPP, NIK, NIB…: digits kept as text. A number cell means Excel already dropped leading zeros or
    rounded the value (5.10035E+11), so the original cannot be recovered: refuse it and say how to fix it."""

    def __init__(self, key, header, *, pattern, message, **kwargs):
        super().__init__(key, header, **kwargs)
        self.pattern = re.compile(pattern)
        self.message = message

    def empty(self):
        return None

    def convert(self, raw):
        if isinstance(raw, (int, float, Decimal)) and not isinstance(raw, bool):
            raise CellError(self._mangled(raw))
        text = str(raw).strip().lstrip("'").replace(" ", "")
        if SCIENTIFIC.match(text):
            raise CellError(self._mangled(text))
        if not self.pattern.match(text):
            raise CellError(str(self.message))
        return text

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
            raise CellError(error.messages[0]) from None


class DateColumn(Column):
    FORMATS = ("%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y")

    def empty(self):
        return None

    def convert(self, raw):
        if isinstance(raw, datetime.datetime):
            return raw.date()
        if isinstance(raw, datetime.date):
            return raw
        text = str(raw).strip()
        for fmt in self.FORMATS:
            try:
                value = datetime.datetime.strptime(text, fmt).date()
            except ValueError:
                continue
            if not (1900 <= value.year <= datetime.date.today().year):
                raise CellError(_("Tahun tanggal tidak masuk akal."))
            return value
        raise CellError(_("Tanggal tidak dikenali; tulis seperti 17-08-2004."))


class ChoiceColumn(Column):
    """Accepts the stored value, the label, or an alias, in any case: 'L', 'laki-laki', 'Laki Laki'."""

    def __init__(self, key, header, *, choices, synonyms=None, **kwargs):
        super().__init__(key, header, **kwargs)
        self.lookup = {}
        for value, label in choices:
            self.lookup[_normal(value)] = value
            self.lookup[_normal(label)] = value
        for alias, value in (synonyms or {}).items():
            self.lookup[_normal(alias)] = value
        self.labels = ", ".join(str(label) for _value, label in choices)

    def convert(self, raw):
        try:
            return self.lookup[_normal(str(raw).replace("-", " "))]
        except KeyError:
            try:
                return self.lookup[_normal(raw)]
            except KeyError:
                raise CellError(
                    _("Nilai tidak dikenal; pilih salah satu: %(labels)s.") % {"labels": self.labels}
                ) from None


class RegionColumn(Column):
    """Kab/kota written any usual way; resolved by `RegionMatcher` in the spec's context."""

    def empty(self):
        return None


def header_map(columns, headers):
    """Map each spec column to its position in the file's header row; returns (positions, missing, unknown)."""
    positions, unknown = {}, []
    for index, header in enumerate(headers):
        normal = _normal(header.rstrip("*"))
        match = next((c for c in columns if normal in c.aliases), None)
        if match and match.key not in positions:
            positions[match.key] = index
        elif header:
            unknown.append(header)
    missing = [c for c in columns if c.required and c.key not in positions]
    return positions, missing, unknown
