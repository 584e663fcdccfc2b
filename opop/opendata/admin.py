from django.contrib import admin

from opop.opendata.models import Publikasi


@admin.register(Publikasi)
class PublikasiAdmin(admin.ModelAdmin):
    """Read-only: a version is published from /data-terbuka/terbitkan/ and never changed afterwards."""

    list_display = ("nomor", "diterbitkan_pada", "diterbitkan_oleh", "catatan")
    fields = ("nomor", "diterbitkan_pada", "diterbitkan_oleh", "catatan")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
