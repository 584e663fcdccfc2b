"""/api/v1/: the REST API (DRF views; each answers 401 itself, so the login redirect of the pages does not apply),
its OpenAPI document and viewers; /akun/token-api/: the account's tokens."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path
from drf_spectacular.views import SpectacularSwaggerSplitView

from opop.api import token_views, views
from opop.api.permissions import Anyone
from opop.api.schema_views import RoleSchemaView

app_name = "api"


def _api(view_class, **actions):
    view = view_class.as_view(actions) if actions else view_class.as_view()
    return login_not_required(view)


LIST = {"get": "list"}
DETAIL = {"get": "retrieve"}
LIST_CREATE = {"get": "list", "post": "create"}
DETAIL_UPDATE = {"get": "retrieve", "put": "update"}

urlpatterns = [
    path("pesantren/", _api(views.PesantrenViewSet, **LIST), name="pesantren-list"),
    path("pesantren/<int:pk>/", _api(views.PesantrenViewSet, **DETAIL), name="pesantren-detail"),
    path("santripreneur/", _api(views.SantripreneurViewSet, **LIST_CREATE), name="santripreneur-list"),
    path("santripreneur/<int:pk>/", _api(views.SantripreneurViewSet, **DETAIL_UPDATE), name="santripreneur-detail"),
    path("sociopreneur/", _api(views.SociopreneurViewSet, **LIST_CREATE), name="sociopreneur-list"),
    path("sociopreneur/<int:pk>/", _api(views.SociopreneurViewSet, **DETAIL_UPDATE), name="sociopreneur-detail"),
    path("produk/", _api(views.ProductViewSet, **LIST), name="produk-list"),
    path("produk/<int:pk>/", _api(views.ProductViewSet, **DETAIL), name="produk-detail"),
    path("rencana/", _api(views.RencanaViewSet, **LIST), name="rencana-list"),
    path("rencana/<int:pk>/", _api(views.RencanaViewSet, **DETAIL), name="rencana-detail"),
    path("kegiatan/<int:pk>/realisasi/<int:triwulan>/", _api(views.RealisasiView), name="realisasi"),
    path("indikator/", _api(views.IndicatorViewSet, **LIST), name="indikator-list"),
    path("progres/", _api(views.ProgressView), name="progres"),
    path(
        "schema/",
        login_not_required(RoleSchemaView.as_view()),
        name="schema",
    ),
    path(
        "docs/",
        login_not_required(SpectacularSwaggerSplitView.as_view(url_name="api:schema", permission_classes=[Anyone])),
        name="swagger-ui",
    ),
    path("panduan/", token_views.api_guide, name="guide"),
]

token_urlpatterns = (
    [
        path("", token_views.api_token_list, name="list"),
        path("<int:pk>/cabut/", token_views.api_token_revoke, name="revoke"),
    ],
    "api_tokens",
)
