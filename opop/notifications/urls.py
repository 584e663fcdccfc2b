from django.urls import path

from opop.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notifikasi_list, name="list"),
    path("<int:pk>/buka/", views.notifikasi_open, name="open"),
    path("baca-semua/", views.notifikasi_read_all, name="read_all"),
    path("email/", views.email_preference, name="email"),
]
