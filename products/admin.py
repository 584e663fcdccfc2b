from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from opop.common.admin import RecordAdminMixin
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


class ShownInline(admin.TabularInline):
    """Shown on the product's page, written only through the portal's services (certificates, curation)."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields


class CertificationInline(ShownInline):
    model = Certification
    fields = ["jenis", "nomor", "tanggal_terbit", "berlaku_sampai", "diverifikasi_oleh", "diverifikasi_pada"]


class CurationEventInline(ShownInline):
    model = CurationEvent
    fields = ["pada", "dari", "ke", "oleh", "catatan", "tahun_unggulan"]


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
class CurationEventAdmin(RecordAdminMixin, admin.ModelAdmin):
    list_display = ["produk", "dari", "ke", "oleh", "pada", "tahun_unggulan"]
    list_filter = ["ke", "tahun_unggulan"]
    list_select_related = ["produk", "oleh"]
