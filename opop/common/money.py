"""Rupiah as officers type it: one form field for every money input of the portal.

Accepted: ``125000000``, ``125.000.000``, ``Rp 125.000.000``, ``Rp125.000.000,00``, ``rp. 125.000.000,-`` (spaces
anywhere). Refused with a message that says how to write it: decimals (``125,5``, ``125.5``, ``125.000,50``),
misplaced dots, letters, negatives. Rupiah here are whole numbers, so nothing is rounded or dropped silently.

The input shows the stored value grouped (``125.000.000``) and, beside it, the amount in words (``Rp 125 juta``);
``static/js/rupiah.js`` keeps both up to date while typing."""

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from opop.common.formatting import _english, ribuan

_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_PREFIX = re.compile(r"^rp\.?", re.IGNORECASE)
_GROUPED = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
_DIGITS = re.compile(r"^\d+$")
# ",00", ",0" and ",-" after the rupiah are how officials write "no cents"; any other decimal part is refused.
_NO_CENTS = re.compile(r"^(?:0{1,2}|-)$")

DECIMAL_MESSAGE = _("Tulis rupiah tanpa desimal, misalnya 125.000.000.")
NEGATIVE_MESSAGE = _("Jumlah rupiah tidak boleh negatif.")
INVALID_MESSAGE = _("Tulis rupiah dengan angka, misalnya 125.000.000 atau Rp 125.000.000.")


def parse_rupiah(text):
    """The whole rupiah in `text` as a Decimal, or ValidationError saying how to write it."""
    compact = _SPACES.sub("", str(text))
    if compact.startswith(("-", "\u2212")):
        raise ValidationError(NEGATIVE_MESSAGE, code="negative")
    compact = _PREFIX.sub("", compact)
    if compact.startswith(("-", "\u2212")):
        raise ValidationError(NEGATIVE_MESSAGE, code="negative")
    whole, comma, cents = compact.partition(",")
    if comma and not _NO_CENTS.match(cents):
        raise ValidationError(DECIMAL_MESSAGE, code="decimal")
    if _DIGITS.match(whole):
        return Decimal(whole)
    if _GROUPED.match(whole):
        return Decimal(whole.replace(".", ""))
    if re.fullmatch(r"[\d.]+", whole):  # 125.5, 1.25.000, 125.: a dot that is not a thousands separator
        raise ValidationError(DECIMAL_MESSAGE, code="decimal")
    raise ValidationError(INVALID_MESSAGE, code="invalid")


def group_rupiah(value):
    """125000000 -> '125.000.000': the way the input shows it in every language, since it reads dots as thousands."""
    with translation.override("id"):
        return ribuan(value)


def rupiah_in_words(value):
    """125000000 -> 'Rp 125 juta'; 1500000 -> 'Rp 1,5 juta'; 2750000000 -> 'Rp 2,75 miliar'; below a thousand as is."""
    if value is None or value == "":
        return ""
    number = int(value)
    units = [
        (10**12, gettext("triliun")),
        (10**9, gettext("miliar")),
        (10**6, gettext("juta")),
        (10**3, gettext("ribu")),
    ]
    for size, word in units:
        if number >= size:
            amount = f"{number / size:.2f}".rstrip("0").rstrip(".")
            if not _english():
                amount = amount.replace(".", ",")
            return f"Rp {amount} {word}"
    return f"Rp {number}"


class RupiahInput(forms.TextInput):
    """A text input (the numeric keyboard on phones) that shows the value grouped and, beside it, in words.
    A value that did not parse is shown back exactly as typed, so the officer can correct it."""

    template_name = "common/widgets/rupiah.html"

    class Media:
        js = ["js/rupiah.js"]

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "numeric", "autocomplete": "off", "data-rupiah": "", **(attrs or {})})

    def format_value(self, value):
        if value is None or value == "":
            return None
        try:
            return group_rupiah(parse_rupiah(value) if isinstance(value, str) else value)
        except (ValidationError, ValueError, TypeError):
            return str(value)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        try:
            amount = parse_rupiah(value) if isinstance(value, str) else value
            words = rupiah_in_words(amount) if amount not in (None, "") else ""
        except (ValidationError, ValueError, TypeError):
            words = ""
        context["widget"]["words"] = words
        context["widget"]["units"] = ",".join([gettext("ribu"), gettext("juta"), gettext("miliar"), gettext("triliun")])
        context["widget"]["decimal_separator"] = "." if _english() else ","
        return context


class RupiahField(forms.DecimalField):
    """Whole rupiah. Use it for every money input (`Meta.field_classes = {"pagu": RupiahField}` in a ModelForm,
    `RupiahAdminMixin` in the admin); tests/common/test_money.py checks that every money model field gets it."""

    widget = RupiahInput

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs["decimal_places"] = 0
        kwargs.setdefault("max_digits", 15)
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = _SPACES.sub("", value)
        if value in self.empty_values:
            return None
        if isinstance(value, int | Decimal):
            return Decimal(value)
        return parse_rupiah(value)

    def widget_attrs(self, widget):
        return {}  # not a NumberInput: no min/step attributes on a text input


def is_money_field(db_field):
    """Money in a model is `DecimalField(max_digits=15, decimal_places=0)` (docs/STYLE.md)."""
    return isinstance(db_field, models.DecimalField) and db_field.decimal_places == 0


class RupiahAdminMixin:
    """The admin edits money with the same field as the portal."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if is_money_field(db_field):
            kwargs["form_class"] = RupiahField
        return super().formfield_for_dbfield(db_field, request, **kwargs)
