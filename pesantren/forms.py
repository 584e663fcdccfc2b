"""Forms of the registry pages. Explicit field lists (the services' whitelists), every choice field narrowed to
what the user may pick. The forms validate and display; the services write."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Field, Fieldset, Layout, Row
from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from opop.accounts.selectors import opd_visible_to
from opop.common.forms import VersionedForm
from opop.common.years import FIRST_YEAR, LAST_YEAR
from opop.wilayah.models import KabupatenKota
from opop.wilayah.selectors import kecamatan_visible_to
from pesantren import services
from pesantren.filters import KabkotaChoiceField, KecamatanChoiceField, PesantrenChoiceField, kabkota_choices_queryset
from pesantren.models import Kopontren, Participation, Pesantren, Santripreneur, Sociopreneur
from pesantren.selectors import pesantren_visible_to
from pesantren.validators import validate_nik

# django-simple-history keeps the reason in a 100-character column.
REASON_MAX = 100  # one line; the history keeps any length (a return note, 2 000 characters, goes there too)


REASON_LABEL = _("Alasan perubahan")


def reason_field(required=False, max_length=REASON_MAX, label=REASON_LABEL):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=_("Dicatat di riwayat perubahan."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


def _helper(*layout):
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    helper.render_hidden_fields = True  # the version field
    helper.layout = Layout(*layout)
    return helper


def _row(*names, widths=None):
    widths = widths or [12 // len(names)] * len(names)
    return Row(*[Column(Field(n), css_class=f"col-12 col-md-{w}") for n, w in zip(names, widths, strict=True)])


DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PesantrenForm(VersionedForm):
    kabkota = KabkotaChoiceField(label=_("Kabupaten/kota"), queryset=KabupatenKota.objects.none())
    kecamatan = KecamatanChoiceField(label=_("Kecamatan"), queryset=kecamatan_visible_to(None).none(), required=False)
    alasan = reason_field()

    class Meta:
        model = Pesantren
        fields = list(services.PESANTREN_FIELDS)
        widgets = {
            "alamat": forms.Textarea(attrs={"rows": 2}),
            "potensi_ekonomi": forms.Textarea(attrs={"rows": 2}),
            "nspp": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kabkota"].queryset = kabkota_choices_queryset()
        self.fields["kecamatan"].queryset = kecamatan_visible_to(user).select_related(None).order_by("kode")
        # static/js/registri.js shows only the kecamatan of the chosen kab/kota (codes share the prefix).
        self.fields["kecamatan"].widget.attrs["data-kecamatan-of"] = "id_kabkota"
        self.helper = _helper(
            Fieldset(
                _("Identitas"), _row("nspp", "nama", widths=[4, 8]), _row("pengasuh", "tahun_berdiri", "tipologi")
            ),
            Fieldset(
                _("Lokasi dan kontak"),
                _row("kabkota", "kecamatan"),
                "alamat",
                _row("latitude", "longitude"),
                _row("telepon", "email"),
            ),
            Fieldset(
                _("Program OPOP"),
                _row("jumlah_santri", "tahun_kohort", "status"),
                "potensi_ekonomi",
            ),
            "alasan",
        )


class KopontrenForm(VersionedForm):
    one_time_token = False  # one kopontren per pesantren: a second save edits the first
    alasan = reason_field()

    class Meta:
        model = Kopontren
        fields = list(services.KOPONTREN_FIELDS)
        widgets = {"nib": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("nama", _row("nomor_badan_hukum", "nib"), _row("jumlah_anggota", "status"), "alasan")


class _PersonForm(VersionedForm):
    """Shared by santripreneur and sociopreneur: the pesantren select is filled by kab/kota
    (static/js/registri.js asks pesantren:options), because 7 000 options do not fit one select."""

    kabkota_pesantren = KabkotaChoiceField(
        label=_("Kab/kota pesantren"),
        queryset=KabupatenKota.objects.none(),
        required=False,
        help_text=_("Pilih untuk menampilkan pesantren di kab/kota itu."),
    )
    alasan = reason_field()
    pesantren_field = "pesantren"

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kabkota_pesantren"].queryset = kabkota_choices_queryset()
        visible = pesantren_visible_to(user).select_related(None).only("id", "nama", "nspp", "kabkota_id")
        field = self.fields[self.pesantren_field]
        field.queryset = visible  # every visible pesantren is accepted...
        kabkota = self._chosen_kabkota(visible)
        if kabkota and not self.is_bound:
            self.initial.setdefault("kabkota_pesantren", kabkota)
        # ...but the select lists only those of one kab/kota.
        options = visible.filter(kabkota_id=kabkota).order_by("nama", "id") if kabkota else visible.none()
        field.widget.choices = [("", field.empty_label or "---------")] + [
            (p.pk, field.label_from_instance(p)) for p in options
        ]
        field.widget.attrs.update(
            {"data-pesantren-of": "id_kabkota_pesantren", "data-options-url": str(reverse_lazy("pesantren:options"))}
        )
        self.fields["nik"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})
        self.fields["telepon"].widget.attrs.update({"inputmode": "tel", "autocomplete": "off"})

    def _chosen_kabkota(self, visible):
        if self.is_bound:
            kabkota = self.data.get("kabkota_pesantren")
            if kabkota:
                return kabkota
            chosen = self.data.get(self.pesantren_field)
        else:
            chosen = self.initial.get(self.pesantren_field) or getattr(self.instance, f"{self.pesantren_field}_id")
        if chosen and str(getattr(chosen, "pk", chosen)).isdigit():
            return visible.filter(pk=getattr(chosen, "pk", chosen)).values_list("kabkota_id", flat=True).first()
        return None


class SantripreneurForm(_PersonForm):
    pesantren = PesantrenChoiceField(label=_("Pesantren"), queryset=Pesantren.objects.none())

    class Meta:
        model = Santripreneur
        fields = list(services.SANTRIPRENEUR_FIELDS)
        widgets = {"tanggal_lahir": DATE_WIDGET}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["tahun_terdaftar"].widget.attrs.update({"min": FIRST_YEAR, "max": LAST_YEAR})
        self.helper = _helper(
            Fieldset(
                _("Data diri"), _row("nama", "nik", widths=[7, 5]), _row("jenis_kelamin", "tanggal_lahir", "telepon")
            ),
            Fieldset(
                _("Pesantren dan usaha"),
                _row("kabkota_pesantren", "pesantren", widths=[4, 8]),
                _row("bidang_usaha", "tahun_terdaftar", "status", widths=[6, 3, 3]),
            ),
            "alasan",
        )


class SociopreneurForm(_PersonForm):
    pesantren_asal = PesantrenChoiceField(label=_("Pesantren asal"), queryset=Pesantren.objects.none(), required=False)
    kabkota = KabkotaChoiceField(label=_("Kabupaten/kota usaha"), queryset=KabupatenKota.objects.none())
    pesantren_field = "pesantren_asal"

    class Meta:
        model = Sociopreneur
        fields = list(services.SOCIOPRENEUR_FIELDS)
        widgets = {"tanggal_lahir": DATE_WIDGET, "nib": forms.TextInput(attrs={"inputmode": "numeric"})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["kabkota"].queryset = kabkota_choices_queryset()
        self.helper = _helper(
            Fieldset(
                _("Data diri"), _row("nama", "nik", widths=[7, 5]), _row("jenis_kelamin", "tanggal_lahir", "telepon")
            ),
            Fieldset(_("Asal"), _row("kabkota_pesantren", "pesantren_asal", widths=[4, 8])),
            Fieldset(
                _("Usaha"),
                _row("nama_usaha", "sektor"),
                _row("kabkota", "nib"),
                _row("tahun_mulai", "jumlah_pekerja", "status"),
            ),
            "alasan",
        )


class ParticipationForm(forms.ModelForm):
    alasan = reason_field(label=_("Keterangan"))

    class Meta:
        model = Participation
        fields = ["kegiatan", "opd", "tahun"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opd"].queryset = opd_visible_to(user).filter(aktif=True)
        self.fields["tahun"].widget.attrs.update({"min": FIRST_YEAR, "max": LAST_YEAR})
        self.fields["kegiatan"].widget.attrs["list"] = "kegiatan-umum"
        self.helper = _helper("kegiatan", _row("opd", "tahun", widths=[8, 4]), "alasan")


class DeleteForm(forms.Form):
    alasan = reason_field(label=_("Alasan penghapusan"))


class MergeForm(forms.Form):
    alasan = reason_field(required=True, label=_("Alasan penggabungan"))


class NikSearchForm(forms.Form):
    """Sent by POST so a NIK never lands in a URL, a browser history or an access log."""

    nik = forms.CharField(
        label=_("NIK"),
        max_length=16,
        min_length=16,
        validators=[validate_nik],
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "class": "form-control form-control-sm"}
        ),
    )
