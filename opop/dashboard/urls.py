from django.urls import path

from opop.dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("", views.home, name="home"),
    path("dasbor/tonggak/", views.tonggak, name="tonggak"),
    path("dasbor/kabkota/", views.by_kabkota, name="kabkota"),
    path("dasbor/opd/", views.by_opd, name="opd"),
    path("dasbor/sinergi/", views.sinergi, name="sinergi"),
    path("dasbor/sinergi/kegiatan/", views.sinergi_kegiatan, name="sinergi_kegiatan"),
    path("dasbor/sinergi/pesantren/", views.sinergi_pesantren, name="sinergi_pesantren"),
    path("dasbor/ekspor/<slug:table>.xlsx", views.export, name="export"),
    path("indikator/", views.target_register, name="targets"),
    path("publik/", views.public_landing, name="public"),
]
