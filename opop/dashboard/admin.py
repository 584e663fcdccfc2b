from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from opop.dashboard.services import target_set
from opop.indicators.models import Indicator, RecordedFigure, Target


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "satuan", "kumulatif", "urutan"]
    list_filter = ["satuan", "kumulatif"]
    search_fields = ["kode", "nama", "definisi"]


class TargetAddForm(forms.ModelForm):
    class Meta:
        model = Target
        fields = ["indikator", "tahun", "nilai", "sumber", "alasan"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Validated as a draft: target_set retires the current row before the new one becomes current.
        self.instance.berlaku = False

    def clean(self):
        cleaned = super().clean()
        restating = Target.objects.filter(
            indikator=cleaned.get("indikator"), tahun=cleaned.get("tahun"), berlaku=True
        ).exists()
        if restating and not (cleaned.get("alasan") or "").strip():
            self.add_error("alasan", _("Alasan wajib diisi ketika target yang sudah ada diubah."))
        return cleaned


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    """Targets are versioned: adding one for an existing indicator/year restates it; rows are never edited."""

    list_display = ["indikator", "tahun", "nilai", "berlaku", "sumber", "dicatat_pada", "dicatat_oleh"]
    list_filter = ["indikator", "tahun", "berlaku"]
    list_select_related = ["indikator", "dicatat_oleh"]
    search_fields = ["indikator__nama", "sumber", "alasan"]
    fields = ["indikator", "tahun", "nilai", "sumber", "alasan"]
    add_form = TargetAddForm

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = self.add_form
        return super().get_form(request, obj, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return self.fields if obj else []

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if change:
            return
        saved = target_set(
            actor=request.user,
            indikator=obj.indikator,
            tahun=obj.tahun,
            nilai=obj.nilai,
            sumber=obj.sumber,
            alasan=obj.alasan,
        )
        obj.pk = saved.pk


@admin.register(RecordedFigure)
class RecordedFigureAdmin(SimpleHistoryAdmin):
    """Realised figures from FGD slides and the press: editable, with their change history."""

    list_display = ["indikator", "tahun", "nilai", "jenis_sumber", "sumber"]
    list_filter = ["indikator", "jenis_sumber", "tahun"]
    list_select_related = ["indikator"]
    search_fields = ["indikator__nama", "sumber", "catatan"]
    fields = ["indikator", "tahun", "nilai", "jenis_sumber", "sumber", "catatan"]
