from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from opop.api.models import ApiToken, parse_networks


class ApiTokenForm(forms.Form):
    nama = forms.CharField(
        label=_("Nama token"), max_length=100, help_text=_("Untuk apa token ini, mis. “e-Monev Dinas Kominfo”.")
    )
    akses = forms.ChoiceField(label=_("Akses"), choices=ApiToken.Akses.choices, initial=ApiToken.Akses.BACA)
    hari = forms.IntegerField(
        label=_("Berlaku (hari)"),
        min_value=1,
        max_value=settings.API_TOKEN_MAX_DAYS,
        initial=settings.API_TOKEN_DEFAULT_DAYS,
        help_text=_("Paling lama satu tahun (365 hari)."),
    )
    jaringan = forms.CharField(
        label=_("Jaringan yang diizinkan (opsional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Alamat IP atau jaringan CIDR server mitra, satu per baris. Kosong: dari mana saja."),
    )

    def clean_jaringan(self):
        text = self.cleaned_data["jaringan"].strip()
        try:
            parse_networks(text)
        except ValueError as error:
            raise forms.ValidationError(
                _("“%(entry)s” bukan alamat IP atau jaringan CIDR.") % {"entry": error.args[0]}
            ) from None
        return text
