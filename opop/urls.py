import os

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language
from django.views.static import serve

from opop.accounts.urls import auth_urlpatterns
from opop.api.urls import token_urlpatterns
from opop.dashboard.views import healthz
from products.models import PHOTO_DIR

admin.site.site_header = _("Administrasi Portal OPOP Jatim")
admin.site.site_title = _("Admin OPOP Jatim")
admin.site.index_title = _("Pengelolaan data")

# 400 and 404 under /api/v1/ as problem details (opop/api/problems.py); everywhere else the pages.
handler400 = "opop.api.problems.bad_request"
handler404 = "opop.api.problems.not_found"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    # The language switch is in every page's navbar, the login and public pages included.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("", include(auth_urlpatterns)),
    path("", include("opop.accounts.urls")),
    path("wilayah/", include("opop.wilayah.urls")),
    path("", include("pesantren.urls")),
    path("impor/", include("opop.imports.urls")),
    path("pekerjaan/", include("opop.jobs.urls")),
    path("notifikasi/", include("opop.notifications.urls")),
    path("produk/", include("products.urls")),
    path("katalog/", include("products.public_urls")),
    path("program/", include("programs.urls")),
    path("data-terbuka/", include("opop.opendata.urls")),
    path("", include("opop.dashboard.urls")),
    path("api/v1/", include("opop.api.urls")),
    path("akun/token-api/", include(token_urlpatterns)),
]

if settings.DEBUG:  # development only; in production nginx serves the same folder (docs/DEPLOY.md)
    # Public: product photos appear in the public catalogue. Nothing else in MEDIA_ROOT is served.
    urlpatterns += static(
        f"{settings.MEDIA_URL}{PHOTO_DIR}",
        view=login_not_required(serve),
        document_root=os.path.join(settings.MEDIA_ROOT, PHOTO_DIR),
    )
