"""The step between a button and an action that locks or cannot be undone (verify, submit, delete, designate):
the button's POST without `konfirmasi` changes nothing and answers with a page that says what will happen and
what goes with it; that page posts the same fields again with konfirmasi=ya. No dialog script (the CSP forbids
inline scripts), and the same page works for a direct POST."""

from django import forms
from django.shortcuts import render

CONFIRMED = "ya"


class ConfirmForm(forms.Form):
    konfirmasi = forms.ChoiceField(choices=[(CONFIRMED, CONFIRMED)], widget=forms.HiddenInput)


def is_confirmed(request) -> bool:
    return request.method == "POST" and ConfirmForm(request.POST).is_valid()


def confirmation_page(request, *, title, consequences, button, back, goes_with=(), danger=False, carry=None):
    """`consequences`: sentences of what happens; `goes_with`: what is removed or locked with it ("2 kegiatan");
    `carry`: fields of the original form to post again (a year, a reason) so nothing typed is lost."""
    context = {
        "title": title,
        "consequences": consequences,
        "goes_with": goes_with,
        "button": button,
        "danger": danger,
        "back": back,
        "carry": sorted((carry or {}).items()),
        "confirmed": CONFIRMED,
    }
    return render(request, "common/confirm.html", context)
