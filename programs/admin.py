from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from opop.common.admin import ViewOnlyAdminMixin
from opop.common.money import RupiahAdminMixin
from programs.models import (
    AgendaFgd,
    BatasPelaporan,
    Fgd,
    KategoriKendala,
    Kegiatan,
    KendalaAgenda,
    LaporanTriwulan,
    Realisasi,
    Rencana,
    TindakLanjut,
)

# Statuses and who/when of each transition are set by programs.services only; admin shows them read-only.
WORKFLOW_FIELDS = ["status", "diajukan_pada", "diajukan_oleh", "diverifikasi_pada", "diverifikasi_oleh"]


class KegiatanInline(admin.TabularInline):
    model = Kegiatan
    fields = ["kode_sipd", "uraian", "pilar", "indikator", "target", "satuan", "pagu", "sumber_dana"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(Rencana)
class RencanaAdmin(SimpleHistoryAdmin):
    list_display = ["opd", "tahun", "status", "diajukan_pada", "diverifikasi_pada"]
    list_filter = ["tahun", "status", "opd"]
    list_select_related = ["opd"]
    search_fields = ["opd__nama", "opd__singkatan"]
    readonly_fields = [*WORKFLOW_FIELDS, "dibuat_oleh", "dibuat_pada", "diubah_pada"]
    fields = ["opd", "tahun", "catatan", *readonly_fields]
    inlines = [KegiatanInline]


@admin.register(Kegiatan)
class KegiatanAdmin(RupiahAdminMixin, SimpleHistoryAdmin):
    list_display = ["__str__", "rencana", "pilar", "indikator", "target", "satuan", "pagu"]
    list_filter = ["rencana__tahun", "pilar", "indikator", "sumber_dana"]
    list_select_related = ["rencana__opd", "indikator"]
    search_fields = ["kode_sipd", "uraian", "indikator_kinerja", "pptk"]
    filter_horizontal = ["lokasi"]
    raw_id_fields = ["rencana"]


@admin.register(Realisasi)
class RealisasiAdmin(RupiahAdminMixin, SimpleHistoryAdmin):
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
class LaporanTriwulanAdmin(SimpleHistoryAdmin):
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
