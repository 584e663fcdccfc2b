"""Messages kept to be read in the reader's language (issue 29): what the portal stores for later (an import's row
errors and notices, a job's result, a notification) keeps the untranslated text and its values, and is written in
the language of whoever reads it.

`deferred("…%(n)d…") % {"n": 3}` is a `Deferred`: a str as the active language writes it now (it is joined,
compared, sliced and printed as before: the command line keeps speaking the portal's language), that also keeps its
msgid and values. `stored(value)` turns it (and lists of them, lazy texts, dates) into JSON; `shown(value)` writes
the JSON back in the active language. A stored plain string (a row written before) is shown as it was written.
Modules whose messages are all stored import `deferred as _`; makemessages finds the others with
`--keyword=deferred --keyword=deferred_plural:1,2`.

Stored form: {"msgid": text, "nilai": {name: value}}, a value being a number, a plain string, a date as
{"tanggal": iso}, or another stored message (a column title, a choice label, a summary inside a sentence)."""

import datetime
import re
from decimal import Decimal

from django.utils import translation
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext

from opop.common.formatting import in_portal_language, tanggal


def _msgid(text):
    """The untranslated text of a lazy translation (or of a str: itself)."""
    if isinstance(text, Deferred):
        return text.msgid
    if isinstance(text, Promise):
        with translation.override(None):
            return str(text)
    return str(text)


NUMBER_PLACEHOLDER = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[dif]")


class Unwritable(ValueError):
    """A stored message whose values no longer fit its text (the text changed since it was stored)."""


def _written(msgid, values, plural="", count=None, capital=False):
    """`msgid` (with `plural`: the form for `count`) in the active language with `values` filled in (`capital`: its
    first letter made capital); a translation whose placeholders no longer fit falls back to the untranslated text,
    then to its numbers written as text."""
    if not msgid:
        return ""  # gettext("") is the catalog's header
    translated = ngettext(msgid, plural, count) if plural else gettext(msgid)
    if not values:
        return capfirst(translated) if capital else translated
    for text in (translated, msgid, NUMBER_PLACEHOLDER.sub(r"%(\1)s", msgid)):
        try:
            return capfirst(text % values) if capital else text % values
        except (KeyError, TypeError, ValueError):
            continue
    raise Unwritable(msgid)


class Deferred(str):
    """A message as the active language writes it now, keeping its msgid and values for a later reader."""

    msgid = ""
    values = None
    plural = ""  # with `count`: a text with a plural form (ngettext)
    count = None
    capital = False  # a label that starts a line: its first letter made capital in every language

    def __new__(cls, msgid, values=None, plural="", count=None, capital=False):
        msgid = _msgid(msgid)
        values = dict(values or {})
        try:
            text = _written(msgid, {name: _now(value) for name, value in values.items()}, plural, count, capital)
        except Unwritable:
            text = msgid
        made = super().__new__(cls, text)
        made.msgid, made.values, made.plural, made.count, made.capital = msgid, values, plural, count, capital
        return made

    def __mod__(self, values):
        if not isinstance(values, dict) or self.values:
            return str(self) % values
        return type(self)(self.msgid, values, self.plural, self.count, self.capital)

    def __reduce__(self):  # copy and pickle keep what it is
        return (type(self), (self.msgid, self.values, self.plural, self.count, self.capital))


def deferred(msgid):
    """The gettext of messages that are stored to be read later: `deferred("…") % values` (see the module's doc)."""
    return Deferred(msgid)


def deferred_plural(singular, plural, count):
    """The ngettext of messages that are stored to be read later."""
    return Deferred(singular, plural=plural, count=count)


def capitalized(text):
    """A label (a lazy field name) that starts a line: its first letter capital in the language it is read in."""
    return Deferred(text, capital=True)


def _now(value):
    """A value as the message written now shows it."""
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return tanggal(value)
    return value


def stored(value):
    """`value` (a message, a lazy text, a list or tuple of them, a date, a number, text) as JSON keeps it."""
    if isinstance(value, Deferred):
        kept = {"msgid": value.msgid}
        if value.plural:
            kept |= {"plural": value.plural, "n": value.count}
        if value.capital:
            kept["kapital"] = True
        if value.values:
            kept["nilai"] = {name: stored(v) for name, v in value.values.items()}
        return kept
    if isinstance(value, Promise):
        return {"msgid": _msgid(value)}
    if isinstance(value, list | tuple):
        return [stored(item) for item in value]
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return {"tanggal": value.isoformat()}
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, Decimal) and value.is_finite():
        return int(value) if value == int(value) else float(value)
    return str(value)


def shown(value, fallback=None):
    """What `stored` kept, written in the active language: a message, a list of them, a date; anything else (a
    plain string stored before messages kept their texts, a number) as it is. A message whose values no longer
    fit its text is `fallback` (given: a wording stored beside it), else its msgid."""
    if isinstance(value, list):
        return [shown(item, fallback) for item in value]
    try:
        return _shown(value)
    except Unwritable as error:
        return error.args[0] if fallback is None else fallback


def _shown(value):
    if isinstance(value, list):
        return [_shown(item) for item in value]
    if isinstance(value, dict):
        if "msgid" in value:
            values = {name: _shown(v) for name, v in (value.get("nilai") or {}).items()}
            plural, count, capital = value.get("plural", ""), value.get("n"), value.get("kapital", False)
            return _written(value["msgid"], values, plural, count, capital)
        if "tanggal" in value:
            return tanggal(datetime.date.fromisoformat(value["tanggal"]))
    return value


def portal_wording(value):
    """A message (or plain text) as the portal's language writes it: the wording kept beside its texts, for the
    e-mail, a search, and readers of rows stored before."""
    with in_portal_language():
        return shown(stored(value))


def revived(value):
    """A stored message as a `Deferred` again (a plain stored string stays a string), to be quoted in a new one."""
    if isinstance(value, dict) and "msgid" in value:
        values = {name: revived(v) for name, v in (value.get("nilai") or {}).items()}
        return Deferred(value["msgid"], values, value.get("plural", ""), value.get("n"), value.get("kapital", False))
    if isinstance(value, dict) and "tanggal" in value:
        return datetime.date.fromisoformat(value["tanggal"])
    return value


def stored_strings(value, change):
    """`value` (stored) with `change` applied to each plain string it quotes, msgids untouched: the purge masks the
    personal data a message quotes."""
    if isinstance(value, list):
        return [stored_strings(item, change) for item in value]
    if isinstance(value, dict) and "msgid" in value:
        nilai = {name: stored_strings(v, change) for name, v in (value.get("nilai") or {}).items()}
        return {**value, "nilai": nilai} if "nilai" in value else value
    if isinstance(value, str):
        return change(value)
    return value


def listed(items, separator=", "):
    """`items` (messages, lazy texts, plain strings) joined by `separator`, each still written in the reader's
    language: a list of column titles, or of the reasons a sheet is refused."""
    items = list(items)
    if not any(isinstance(item, Deferred | Promise) for item in items):
        return separator.join(str(item) for item in items)
    msgid = separator.replace("%", "%%").join(f"%(p{n})s" for n in range(len(items)))
    return Deferred(msgid, {f"p{n}": item for n, item in enumerate(items)})


def error_messages(error):
    """{field name or "__all__": [Deferred, …]} of a ValidationError: its messages kept to be written in the
    reader's language, with their params (Django writes them in the active language at once)."""
    pairs = error.error_dict.items() if hasattr(error, "error_dict") else [("__all__", error.error_list)]
    return {name: [Deferred(item.message, item.params) for item in items] for name, items in pairs}
