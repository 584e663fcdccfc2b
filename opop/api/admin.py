"""Tokens in Django admin: every token is listed (revoke one with the action); an Admin makes a token for a service
account here, and its secret is shown once, on the page that answers the form."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from opop.api import services
from opop.api.models import ApiToken, ApiTokenFailure


class ApiTokenAdminForm(forms.ModelForm):
    hari = forms.IntegerField(
        label=_("Berlaku (hari)"),
        min_value=1,
        max_value=settings.API_TOKEN_MAX_DAYS,
        initial=settings.API_TOKEN_DEFAULT_DAYS,
    )

    class Meta:
        model = ApiToken
        fields = ["user", "nama", "akses", "jaringan"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["nama", "kunci", "user", "akses", "berlaku_sampai", "terakhir_dipakai", "dicabut_pada"]
    list_filter = ["akses"]
    search_fields = ["nama", "kunci", "user__username"]
    list_select_related = ["user"]
    actions = ["revoke"]

    def has_change_permission(self, request, obj=None):
        return False  # a token is made or revoked, never edited

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = ApiTokenAdminForm
        return super().get_form(request, obj, change, **kwargs)

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        token, secret = services.api_token_create(
            actor=request.user,
            user=data["user"],
            nama=data["nama"],
            akses=data["akses"],
            hari=data["hari"],
            jaringan=data.get("jaringan", ""),
        )
        obj.pk, obj._secret = token.pk, secret

    def response_add(self, request, obj, post_url_continue=None):
        context = {**self.admin_site.each_context(request), "token": obj, "secret": obj._secret, "opts": self.opts}
        response = TemplateResponse(request, "admin/api/apitoken_created.html", context)
        response["Cache-Control"] = "no-store"
        return response

    @admin.action(description=_("Cabut token terpilih"))
    def revoke(self, request, queryset):
        for token in queryset:
            services.api_token_revoke(actor=request.user, token=token)
        messages.success(request, _("Token dicabut."))


@admin.register(ApiTokenFailure)
class ApiTokenFailureAdmin(admin.ModelAdmin):
    list_display = ["alamat_ip", "pada"]
    search_fields = ["alamat_ip"]
