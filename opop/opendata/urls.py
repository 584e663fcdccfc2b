from django.urls import path

from opop.opendata import views

app_name = "opendata"

urlpatterns = [
    path("", views.index, name="index"),
    path("katalog.jsonld", views.catalog, name="catalog"),
    path("terbitkan/", views.publish, name="publish"),
    path("unduh/v<int:nomor>/<slug:kode>.<str:fmt>", views.download, name="file"),
    path("<slug:kode>/", views.dataset_detail, name="dataset"),
    path("<slug:kode>/metadata.xlsx", views.metadata, name="metadata"),
]
