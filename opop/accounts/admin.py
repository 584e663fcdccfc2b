from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from opop.accounts.models import PasswordResetRequest, PerangkatDaerah, User
from opop.accounts.roles import Role
from opop.accounts.services import user_sync_role_group
from opop.common.admin import ViewOnlyAdminMixin


@admin.register(PerangkatDaerah)
class PerangkatDaerahAdmin(admin.ModelAdmin):
    list_display = ["nama", "singkatan", "kode", "is_lead", "aktif"]
    list_filter = ["is_lead", "aktif"]
    search_fields = ["nama", "singkatan", "kode"]
    prepopulated_fields = {"kode": ["singkatan"]}


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "opd", "is_active", "last_login"]
    list_filter = ["role", "opd", "is_active"]
    list_select_related = ["opd"]
    search_fields = ["username", "first_name", "last_name", "email"]
    # Admin access and group membership follow from the role; they are not edited by hand.
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Data pribadi"), {"fields": ["first_name", "last_name", "email", "jabatan"]}),
        (_("Peran"), {"fields": ["role", "opd", "is_active"]}),
        (_("Tanggal penting"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["username", "password1", "password2", "role", "opd"]}),
    ]
    readonly_fields = ["last_login", "date_joined"]

    def save_model(self, request, obj, form, change):
        obj.is_staff = obj.is_superuser = obj.role == Role.ADMIN
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        user_sync_role_group(user=form.instance)


@admin.register(PasswordResetRequest)
class PasswordResetRequestAdmin(ViewOnlyAdminMixin, admin.ModelAdmin):
    """Read-only; an admin deletes the rows of an address to lift its throttle before the hour is over."""

    list_display = ["alamat_ip", "dibuat_pada"]
    search_fields = ["alamat_ip"]
    readonly_fields = ["alamat_ip", "email_hash", "dibuat_pada"]
