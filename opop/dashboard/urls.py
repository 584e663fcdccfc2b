from django.urls import path

from opop.dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("", views.home, name="home"),
    path("dasbor/tonggak/", views.tonggak, name="tonggak"),
    path("dasbor/kabkota/", views.by_kabkota, name="kabkota"),
    path("dasbor/opd/", views.by_opd, name="opd"),
    path("dasbor/ekspor/<slug:table>.xlsx", views.export, name="export"),
    path("indikator/", views.target_register, name="targets"),
    path("publik/", views.public_landing, name="public"),
]
