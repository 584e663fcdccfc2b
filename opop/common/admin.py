from django.contrib import admin

from opop.common.models import ImportBatch, UsedFormToken


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ["original_name", "kind", "status", "row_count", "uploaded_by", "uploaded_at", "committed_at"]
    list_filter = ["kind", "status"]
    list_select_related = ["uploaded_by"]
    search_fields = ["original_name", "uploaded_by__username"]
    readonly_fields = [f.name for f in ImportBatch._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(UsedFormToken)
class UsedFormTokenAdmin(admin.ModelAdmin):
    list_display = ["token", "user", "url", "used_at"]
    list_select_related = ["user"]
    readonly_fields = [f.name for f in UsedFormToken._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
