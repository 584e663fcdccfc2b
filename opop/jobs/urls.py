from django.urls import path

from opop.jobs import views

app_name = "jobs"

urlpatterns = [
    path("", views.job_list, name="list"),
    path("<int:pk>/", views.job_detail, name="detail"),
    path("<int:pk>/status.json", views.job_status, name="status"),
    path("<int:pk>/unduh/", views.job_download, name="download"),
    path("<int:pk>/coba-lagi/", views.job_retry, name="retry"),
    path("mulai/<slug:kind>/", views.job_start_admin, name="start"),
]
