from django import forms
from django.utils.translation import gettext_lazy as _


class EmailPreferenceForm(forms.Form):
    terima_email = forms.BooleanField(label=_("Kirim juga salinan notifikasi ke email saya"), required=False)
