from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from opop.imports.reading import unsupported_file


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas CSV atau XLSX"),
        help_text=_("Gunakan templat agar judul kolom dan format NSPP/NIK benar."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def __init__(self, *args, spec=None, user=None, preselect=None, **kwargs):
        super().__init__(*args, **kwargs)
        if spec is not None:  # the kind's own choices (a training list: its OPD activity) come first
            extra = spec.upload_fields(user)
            self.fields = {**extra, **self.fields}
            # A link may preselect them (?rencana=7 from a plan's page); the choices stay narrowed to the user's.
            self.initial.update({name: preselect[name] for name in extra if preselect and name in preselect})

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if not uploaded.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(unsupported_file(uploaded.name))
        if uploaded.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("Berkas terlalu besar (%(size)s); batasnya %(max)s. Pecah menjadi beberapa berkas.")
                % {"size": filesizeformat(uploaded.size), "max": filesizeformat(settings.IMPORT_MAX_BYTES)}
            )
        return uploaded
