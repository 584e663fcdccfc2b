from django.urls import path

from programs import views

app_name = "programs"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("baru/", views.plan_create, name="create"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/hapus/", views.plan_delete, name="delete"),
    path("<int:pk>/ajukan/", views.plan_submit, name="submit"),
    path("<int:pk>/verifikasi/", views.plan_verify, name="verify"),
    path("<int:pk>/kembalikan/", views.plan_return, name="return"),
    path("<int:pk>/buka-kembali/", views.plan_reopen, name="reopen"),
    path("<int:pk>/ekspor.xlsx", views.plan_export, name="export"),
    path("<int:pk>/kegiatan/baru/", views.line_create, name="line_create"),
    path("kegiatan/<int:pk>/ubah/", views.line_edit, name="line_edit"),
    path("kegiatan/<int:pk>/hapus/", views.line_delete, name="line_delete"),
    path("kegiatan/<int:pk>/realisasi/<int:triwulan>/", views.realisasi_edit, name="realisasi"),
    path("realisasi/<int:pk>/bukti/", views.evidence_download, name="evidence"),
    path("<int:pk>/laporan/<int:triwulan>/ajukan/", views.report_submit, name="report_submit"),
    path("<int:pk>/laporan/<int:triwulan>/verifikasi/", views.report_verify, name="report_verify"),
    path("<int:pk>/laporan/<int:triwulan>/kembalikan/", views.report_return, name="report_return"),
    path("kepatuhan/", views.compliance, name="compliance"),
    path("batas-pelaporan/", views.deadlines, name="deadlines"),
    path("rekap-fgd/", views.recap, name="recap"),
    path("rekap-fgd.xlsx", views.recap_xlsx, name="recap_xlsx"),
    path("rekap-fgd/latar/", views.recap_job, name="recap_job"),
]
