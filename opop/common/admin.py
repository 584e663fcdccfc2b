from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from opop.common.models import ImportBatch, UsedFormToken


def file_fields(model):
    """Left out of a read-only admin page: Django would show a file's URL, and private storage has none (the page
    answered 500). Each file is linked instead through the view that checks who may download it."""
    return [f.name for f in model._meta.fields if isinstance(f, models.FileField)]


def without_files(model):
    return [f.name for f in model._meta.fields if f.name not in file_fields(model)]


def private_file_link(file, url, name=""):
    if not file:
        return "—"
    return format_html('<a href="{}">{}</a>', url, name or file.name.rsplit("/", 1)[-1])


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


@admin.register(UsedFormToken)
class UsedFormTokenAdmin(admin.ModelAdmin):
    list_display = ["token", "user", "url", "used_at"]
    list_select_related = ["user"]
    readonly_fields = [f.name for f in UsedFormToken._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
