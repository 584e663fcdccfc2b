from django.urls import path

from opop.dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("", views.home, name="home"),
    path("indikator/", views.target_register, name="targets"),
    path("publik/", views.public_landing, name="public"),
]
