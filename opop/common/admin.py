from django.contrib import admin
from django.db import models
from django.utils.html import format_html

from opop.common.models import UsedFormToken


def file_fields(model):
    """Left out of a read-only admin page: Django would show a file's URL, and private storage has none (the page
    answered 500). Each file is linked instead through the view that checks who may download it."""
    return [f.name for f in model._meta.fields if isinstance(f, models.FileField)]


def without_files(model):
    files = set(file_fields(model))
    return [f.name for f in model._meta.fields if f.name not in files]


def private_file_link(file, url, name=""):
    if not file:
        return "—"
    return format_html('<a href="{}">{}</a>', url, name or file.name.rsplit("/", 1)[-1])


class ViewOnlyAdminMixin:
    """Rows only the portal writes: the admin may look at them (and delete where deleting is their purpose), never
    add or change them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class RecordAdminMixin(ViewOnlyAdminMixin):
    """A record kept as evidence or maintained by the services: not deleted from the admin either."""

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(UsedFormToken)
class UsedFormTokenAdmin(ViewOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["token", "user", "url", "used_at"]
    list_select_related = ["user"]
    readonly_fields = [f.name for f in UsedFormToken._meta.fields]
