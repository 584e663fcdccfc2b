from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.static import serve

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
    path("impor/", include("opop.common.importer.urls")),
    path("pekerjaan/", include("opop.jobs.urls")),
    path("produk/", include("products.urls")),
    path("katalog/", include("products.public_urls")),
    path("program/", include("programs.urls")),
    path("", include("opop.dashboard.urls")),
]

if settings.DEBUG:  # development only; production serves MEDIA_ROOT from the web server or shared storage
    # Public: product photos appear in the public catalogue.
    urlpatterns += static(settings.MEDIA_URL, view=login_not_required(serve), document_root=settings.MEDIA_ROOT)
