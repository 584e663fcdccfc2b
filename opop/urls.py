from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from opop.accounts.urls import auth_urlpatterns
from opop.dashboard.views import healthz

admin.site.site_header = _("Administrasi Portal OPOP Jatim")
admin.site.site_title = _("Admin OPOP Jatim")
admin.site.index_title = _("Pengelolaan data")

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include(auth_urlpatterns)),
    path("", include("opop.accounts.urls")),
    path("wilayah/", include("opop.wilayah.urls")),
    path("", include("pesantren.urls")),
    path("", include("opop.dashboard.urls")),
]
