from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from opop.common.money import RupiahAdminMixin
from products.models import Certification, CurationEvent, Product, ProductCategory, ProductPhoto


@admin.register(ProductCategory)
class ProductCategoryAdmin(SimpleHistoryAdmin):
    list_display = ["nama", "kode", "urutan", "perlu_izin_edar", "perlu_halal", "aktif"]
    list_editable = ["urutan", "perlu_izin_edar", "perlu_halal", "aktif"]
    prepopulated_fields = {"kode": ["nama"]}
    search_fields = ["nama", "kode"]


class PhotoInline(admin.TabularInline):
    model = ProductPhoto
    extra = 0
    fields = ["thumbnail", "keterangan", "urutan"]
    readonly_fields = ["thumbnail"]
    can_delete = False


class CertificationInline(admin.TabularInline):
    model = Certification
    extra = 0
    fields = ["jenis", "nomor", "tanggal_terbit", "berlaku_sampai", "diverifikasi_oleh", "diverifikasi_pada"]
    readonly_fields = fields
    can_delete = False


class CurationEventInline(admin.TabularInline):
    model = CurationEvent
    extra = 0
    fields = ["pada", "dari", "ke", "oleh", "catatan", "tahun_unggulan"]
    readonly_fields = fields
    can_delete = False


@admin.register(Product)
class ProductAdmin(RupiahAdminMixin, SimpleHistoryAdmin):
    """Read mostly: curation moves only through the portal's services, which record who, when and why."""

    list_display = ["nama", "pesantren", "kategori", "status_kurasi", "tahun_unggulan"]
    list_filter = ["status_kurasi", "kategori", "tahun_unggulan", "jangkauan_pasar"]
    list_select_related = ["pesantren", "kategori"]
    search_fields = ["nama", "pesantren__nama", "pesantren__nspp"]
    autocomplete_fields = []
    raw_id_fields = ["pesantren"]
    readonly_fields = ["status_kurasi", "tahun_unggulan"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [PhotoInline, CertificationInline, CurationEventInline]

    def has_add_permission(self, request):
        return False  # products are registered in the portal, where writes are validated and audited


@admin.register(CurationEvent)
class CurationEventAdmin(admin.ModelAdmin):
    list_display = ["produk", "dari", "ke", "oleh", "pada", "tahun_unggulan"]
    list_filter = ["ke", "tahun_unggulan"]
    list_select_related = ["produk", "oleh"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
