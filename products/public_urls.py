from django.urls import path

from products import public_views

app_name = "katalog"

urlpatterns = [
    path("", public_views.catalogue, name="list"),
    path("<int:pk>/", public_views.catalogue_detail, name="detail"),
]
