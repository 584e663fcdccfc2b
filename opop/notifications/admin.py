from django.contrib import admin

from opop.notifications.models import Notifikasi


@admin.register(Notifikasi)
class NotifikasiAdmin(admin.ModelAdmin):
    list_display = ["judul", "penerima", "jenis", "dibuat_pada", "dibaca_pada", "email_dikirim_pada"]
    list_filter = ["jenis"]
    list_select_related = ["penerima"]
    search_fields = ["judul", "penerima__username"]
    readonly_fields = [f.name for f in Notifikasi._meta.fields]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False  # written by the portal's events only
