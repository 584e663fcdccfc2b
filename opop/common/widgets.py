"""A select that renders its options in one pass.

Django renders every <option> through a template include; a filter bar with a few hundred options (the
pesantren of one kab/kota) spent most of a list page's time there. Same HTML, built with format_html."""

from django import forms
from django.utils.html import format_html, format_html_join


class PlainSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        selected = set(self.format_value(value))
        final_attrs = self.build_attrs(self.attrs, attrs)
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option_value, " selected" if str(option_value) in selected else "", label)
                for option_value, label in self._choices_for_render()
            ),
        )
        # Boolean attributes (disabled, required) are written bare as in Django's widgets: disabled="True" is invalid.
        attributes = format_html_join(
            "",
            "{}",
            (
                (format_html(" {}", k) if v is True else format_html(' {}="{}"', k, v),)
                for k, v in final_attrs.items()
                if v not in (None, False)
            ),
        )
        return format_html('<select name="{}"{}>{}</select>', name, attributes, options)

    def _choices_for_render(self):
        for option_value, label in self.choices:
            if hasattr(option_value, "value"):  # ModelChoiceIteratorValue
                option_value = option_value.value
            yield ("" if option_value is None else option_value), label
