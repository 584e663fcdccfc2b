from django import forms
from django.utils.translation import gettext_lazy as _


class PublikasiForm(forms.Form):
    catatan = forms.CharField(
        label=_("Catatan versi"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        help_text=_("Apa yang berubah dan mengapa; tampil di halaman publik bersama versinya."),
        error_messages={"required": _("Tulis catatan apa yang berubah pada versi ini.")},
    )
    sidik = forms.CharField(widget=forms.HiddenInput)
