"""The FGD pages' forms: the meeting, its agenda (a row per item), a decision and an owner's status report."""

from django import forms
from django.utils.translation import gettext_lazy as _

from opop.accounts.models import PerangkatDaerah
from opop.common.forms import VersionedForm
from opop.indicators.models import Indicator
from programs.fgd_services import FGD_FIELDS, STATUS_FIELDS, TINDAK_LANJUT_FIELDS
from programs.forms import BuktiForm, year_choices
from programs.models import Fgd, Kegiatan, StatusTindakLanjut, TindakLanjut

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _opd_field(label, required=False):
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=PerangkatDaerah.objects.order_by("nama"),
        required=required,
        widget=forms.CheckboxSelectMultiple,
    )


class FgdForm(VersionedForm):
    tahun = forms.TypedChoiceField(label=_("Tahun program yang dibahas"), coerce=int, choices=year_choices)
    diundang = _opd_field(_("OPD diundang"))
    hadir = _opd_field(_("OPD hadir"))

    class Meta:
        model = Fgd
        fields = FGD_FIELDS
        widgets = {"tanggal": DATE, "peserta": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        data = super().clean()
        diundang, hadir = set(data.get("diundang") or []), set(data.get("hadir") or [])
        if hadir - diundang:
            self.add_error("hadir", _("OPD yang hadir harus termasuk yang diundang."))
        return data


class AgendaRowForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    urutan = forms.IntegerField(label=_("Urutan"), min_value=1, max_value=999, required=False)
    teks = forms.CharField(
        label=_("Butir agenda"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    hapus = forms.BooleanField(label=_("Hapus"), required=False)


AgendaFormSet = forms.formset_factory(AgendaRowForm, extra=2, max_num=200, absolute_max=200)


class AgendaVersionForm(forms.Form):
    versi = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)


class KegiatanChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return (
            f"{obj.rencana.opd.singkatan or obj.rencana.opd.nama} {obj.rencana.tahun} — No. {obj.nomor}: {obj.uraian}"
        )


class TindakLanjutForm(VersionedForm):
    opd = _opd_field(_("OPD penanggung jawab"), required=True)
    kegiatan = KegiatanChoiceField(
        label=_("Kegiatan terkait"), queryset=Kegiatan.objects.none(), required=False, empty_label=_("(tidak ada)")
    )
    indikator = forms.ModelChoiceField(
        label=_("Indikator terkait"),
        queryset=Indicator.objects.order_by("kode"),
        required=False,
        empty_label=_("(tidak ada)"),
    )

    class Meta:
        model = TindakLanjut
        fields = TINDAK_LANJUT_FIELDS
        widgets = {"tenggat": DATE, "uraian": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, fgd, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.fgd = fgd
        self.fields["kegiatan"].queryset = (
            Kegiatan.objects.filter(rencana__tahun__in=[fgd.tahun - 1, fgd.tahun])
            .select_related("rencana__opd")
            .order_by("rencana__opd__nama", "rencana__tahun", "nomor")
        )


class TindakLanjutStatusForm(BuktiForm):
    status = forms.ChoiceField(label=_("Status"), choices=StatusTindakLanjut.choices, widget=forms.RadioSelect)

    class Meta:
        model = TindakLanjut
        fields = STATUS_FIELDS
        widgets = {"alasan": forms.Textarea(attrs={"rows": 2}), "catatan": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        data = super().clean()
        if data.get("status") == StatusTindakLanjut.TIDAK_DAPAT and not (data.get("alasan") or "").strip():
            self.add_error("alasan", _("Tuliskan alasan mengapa tindak lanjut tidak dapat dilaksanakan."))
        return data
