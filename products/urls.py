from django.urls import path

from products import views

app_name = "products"

urlpatterns = [
    path("", views.product_list, name="list"),
    path("ekspor.<str:fmt>", views.product_export, name="export"),
    path("baru/", views.product_create, name="create"),
    path("<int:pk>/", views.product_detail, name="detail"),
    path("<int:pk>/ubah/", views.product_edit, name="edit"),
    path("<int:pk>/kurasi/", views.product_curate, name="curate"),
    path("<int:pk>/foto/baru/", views.photo_create, name="photo_create"),
    path("<int:pk>/foto/<int:photo_pk>/hapus/", views.photo_remove, name="photo_delete"),
    path("<int:pk>/sertifikat/baru/", views.certification_create, name="certification_create"),
    path("<int:pk>/sertifikat/<int:cert_pk>/ubah/", views.certification_edit, name="certification_edit"),
    path("<int:pk>/sertifikat/<int:cert_pk>/hapus/", views.certification_remove, name="certification_delete"),
    path("<int:pk>/sertifikat/<int:cert_pk>/dokumen/", views.certification_document, name="certification_document"),
]
