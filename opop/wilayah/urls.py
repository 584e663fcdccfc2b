from django.urls import path

from opop.wilayah import views

app_name = "wilayah"

urlpatterns = [
    path("", views.kabkota_list, name="list"),
    path("<str:kode>/", views.kabkota_detail, name="detail"),
]
