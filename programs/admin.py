from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from opop.common.admin import RecordAdminMixin, ViewOnlyAdminMixin
from opop.common.money import RupiahAdminMixin
from programs.angka import freeze_message, require_year_open, tahun_terkunci
from programs.models import (
    AgendaFgd,
    AngkaTetap,
    BatasPelaporan,
    Fgd,
    KategoriKendala,
    Kegiatan,
    KendalaAgenda,
    LaporanTriwulan,
    PembukaanTahun,
    Realisasi,
    Rencana,
    TindakLanjut,
)

# Statuses and who/when of each transition are set by programs.services only; admin shows them read-only.
WORKFLOW_FIELDS = ["status", "diajukan_pada", "diajukan_oleh", "diverifikasi_pada", "diverifikasi_oleh"]


def _years_of(model, obj=None, data=None):
    """The plan years a change touches: the stored row's and the one the form would give it."""
    years = set()
    for item in (obj, data):
        if item is None:
            continue
        get = item.get if isinstance(item, dict) else lambda name, item=item: getattr(item, name, None)
        if model is Rencana:
            years.add(get("tahun"))
        elif model is Kegiatan:
            rencana = get("rencana")
            years.add(getattr(rencana, "tahun", None))
        elif model is Realisasi:
            kegiatan = get("kegiatan")
            years.add(getattr(getattr(kegiatan, "rencana", None), "tahun", None))
        elif model is LaporanTriwulan:
            years.add(getattr(get("rencana"), "tahun", None))
    return {year for year in years if year}


class YearOpenAdminMixin:
    """A closed year's plans, lines, realisation and reports are not written from the admin either: the form is
    refused with the freeze message (programs.angka, the guard the services use) and nothing of a closed year is
    deleted, one by one or as a selection."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        model = self.model

        class YearOpenForm(form_class):
            def clean(self):
                cleaned = super().clean()
                stored = model.objects.filter(pk=self.instance.pk).first() if self.instance.pk else None
                for tahun in _years_of(model, stored, cleaned):
                    try:
                        require_year_open(tahun)
                    except ValidationError as error:
                        raise forms.ValidationError(error.messages) from None
                return cleaned

        return YearOpenForm

    def has_delete_permission(self, request, obj=None):
        if obj is not None and any(tahun_terkunci(tahun) for tahun in _years_of(self.model, obj)):
            return False
        return super().has_delete_permission(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            for tahun in _years_of(self.model, obj):
                angka = tahun_terkunci(tahun)
                if angka is not None:
                    self.message_user(request, freeze_message(angka), messages.ERROR)
                    return
        super().delete_queryset(request, queryset)


class KegiatanInline(admin.TabularInline):
    model = Kegiatan
    fields = ["kode_sipd", "uraian", "pilar", "indikator", "target", "satuan", "pagu", "sumber_dana"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(Rencana)
class RencanaAdmin(YearOpenAdminMixin, SimpleHistoryAdmin):
    list_display = ["opd", "tahun", "status", "diajukan_pada", "diverifikasi_pada"]
    list_filter = ["tahun", "status", "opd"]
    list_select_related = ["opd"]
    search_fields = ["opd__nama", "opd__singkatan"]
    readonly_fields = [*WORKFLOW_FIELDS, "dibuat_oleh", "dibuat_pada", "diubah_pada"]
    fields = ["opd", "tahun", "catatan", *readonly_fields]
    inlines = [KegiatanInline]


@admin.register(Kegiatan)
class KegiatanAdmin(YearOpenAdminMixin, RupiahAdminMixin, SimpleHistoryAdmin):
    list_display = ["__str__", "rencana", "pilar", "indikator", "target", "satuan", "pagu"]
    list_filter = ["rencana__tahun", "pilar", "indikator", "sumber_dana"]
    list_select_related = ["rencana__opd", "indikator"]
    search_fields = ["kode_sipd", "uraian", "indikator_kinerja", "pptk"]
    filter_horizontal = ["lokasi"]
    raw_id_fields = ["rencana"]


@admin.register(Realisasi)
class RealisasiAdmin(YearOpenAdminMixin, RupiahAdminMixin, SimpleHistoryAdmin):
    list_display = ["kegiatan", "triwulan", "output", "fisik_persen", "anggaran_terserap", "diisi_oleh"]
    list_filter = ["triwulan", "kegiatan__rencana__tahun", "kategori_kendala"]
    list_select_related = ["kegiatan__rencana__opd", "diisi_oleh"]
    raw_id_fields = ["kegiatan"]
    # Evidence is private (no storage URL) and checked by programs.services: shown as a link to the checked view.
    exclude = ["bukti"]
    readonly_fields = ["diisi_oleh", "berkas_bukti"]

    @admin.display(description=_("berkas bukti"))
    def berkas_bukti(self, obj):
        if not obj.bukti:
            return "—"
        return format_html('<a href="{}">{}</a>', reverse("programs:bukti", args=[obj.pk]), obj.bukti_nama or "—")


@admin.register(LaporanTriwulan)
class LaporanTriwulanAdmin(YearOpenAdminMixin, SimpleHistoryAdmin):
    list_display = ["rencana", "triwulan", "status", "diajukan_pada", "diverifikasi_pada"]
    list_filter = ["triwulan", "status", "rencana__tahun"]
    list_select_related = ["rencana__opd"]
    readonly_fields = WORKFLOW_FIELDS
    raw_id_fields = ["rencana"]


@admin.register(BatasPelaporan)
class BatasPelaporanAdmin(SimpleHistoryAdmin):
    list_display = ["tahun", "triwulan", "batas", "diatur_oleh"]
    list_filter = ["tahun"]
    readonly_fields = ["diatur_oleh"]


@admin.register(KategoriKendala)
class KategoriKendalaAdmin(admin.ModelAdmin):
    """Reference data Admins extend: a category retired (not active) stays on the problems that used it."""

    list_display = ["nama", "urutan", "aktif"]
    list_editable = ["urutan", "aktif"]
    search_fields = ["nama"]

    def has_delete_permission(self, request, obj=None):
        return False  # problems keep their category (PROTECT); retire it with "aktif" instead


@admin.register(KendalaAgenda)
class KendalaAgendaAdmin(ViewOnlyAdminMixin, SimpleHistoryAdmin):
    """Read only: Diskop marks problems for the FGD agenda on the kendala page (programs.services.kendala_mark)."""

    list_display = ["realisasi", "masuk_agenda", "ditandai_oleh", "ditandai_pada"]
    list_filter = ["masuk_agenda"]
    list_select_related = ["realisasi__kegiatan__rencana__opd", "ditandai_oleh"]


@admin.register(Fgd)
class FgdAdmin(ViewOnlyAdminMixin, SimpleHistoryAdmin):
    """Read only: Diskop records meetings, agenda and decisions on the FGD pages (programs.fgd_services)."""

    list_display = ["tanggal", "tempat", "tahun", "status"]
    list_filter = ["status", "tahun"]


@admin.register(AgendaFgd)
class AgendaFgdAdmin(ViewOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ["fgd", "urutan", "teks", "sumber"]
    list_select_related = ["fgd"]


@admin.register(TindakLanjut)
class TindakLanjutAdmin(ViewOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ["uraian", "fgd", "tenggat", "status"]
    list_filter = ["status"]
    list_select_related = ["fgd"]


@admin.register(AngkaTetap)
class AngkaTetapAdmin(RecordAdminMixin, admin.ModelAdmin):
    """Read only: versions are taken by programs.angka_services (closing a year, relocking it) and kept."""

    list_display = ["tahun", "versi", "ditetapkan_pada", "ditetapkan_oleh"]
    list_filter = ["tahun"]
    exclude = ["data"]


@admin.register(PembukaanTahun)
class PembukaanTahunAdmin(RecordAdminMixin, admin.ModelAdmin):
    """Read only: requested, approved and relocked on the Angka tetap page and by the worker."""

    list_display = ["tahun", "status", "diminta_oleh", "disetujui_oleh", "dibuka_pada", "berakhir_pada"]
    list_filter = ["tahun", "status"]
