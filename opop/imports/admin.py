from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from opop.common.admin import file_fields, private_file_link, without_files
from opop.imports.models import ImportBatch


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ["original_name", "kind", "status", "row_count", "uploaded_by", "uploaded_at", "committed_at"]
    list_filter = ["kind", "status"]
    list_select_related = ["uploaded_by"]
    search_fields = ["original_name", "uploaded_by__username"]
    exclude = file_fields(ImportBatch)
    readonly_fields = [*without_files(ImportBatch), "batch_page", "failed_rows"]

    @admin.display(description=_("berkas"))
    def batch_page(self, batch):
        return private_file_link(batch.file, reverse("imports:preview", args=[batch.pk]), batch.original_name)

    @admin.display(description=_("baris gagal"))
    def failed_rows(self, batch):
        return (
            format_html_join(
                " · ",
                '<a href="{}">{}</a>',
                (
                    (reverse("imports:failed_rows", args=[batch.pk, fmt]), fmt.upper())
                    for fmt, file in (("xlsx", batch.failed_xlsx), ("csv", batch.failed_csv))
                    if file
                ),
            )
            or "—"
        )

    def has_add_permission(self, request):
        return False
