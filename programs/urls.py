from django.urls import path

from programs import pengingat_views, views

app_name = "programs"

urlpatterns = [
    path("", views.rencana_list, name="list"),
    path("baru/", views.rencana_create, name="create"),
    path("<int:pk>/", views.rencana_detail, name="detail"),
    path("<int:pk>/hapus/", views.rencana_delete, name="delete"),
    path("<int:pk>/ajukan/", views.rencana_submit, name="submit"),
    path("<int:pk>/verifikasi/", views.rencana_verify, name="verify"),
    path("<int:pk>/komentar/", views.komentar_create, name="komentar_create"),
    path("<int:pk>/kembalikan/", views.rencana_return, name="return"),
    path("<int:pk>/buka-kembali/", views.rencana_reopen, name="reopen"),
    path("<int:pk>/ekspor.xlsx", views.rencana_export, name="export"),
    path("<int:pk>/kegiatan/baru/", views.kegiatan_create, name="kegiatan_create"),
    path("<int:pk>/kegiatan/unggah/", views.kegiatan_upload, name="kegiatan_upload"),
    path("kegiatan/<int:pk>/ubah/", views.kegiatan_update, name="kegiatan_update"),
    path("kegiatan/<int:pk>/hapus/", views.kegiatan_delete, name="kegiatan_delete"),
    path("kegiatan/<int:pk>/realisasi/<int:triwulan>/", views.realisasi_update, name="realisasi"),
    path("<int:pk>/realisasi/<int:triwulan>/", views.realisasi_grid, name="realisasi_grid"),
    path("realisasi/<int:pk>/bukti/", views.bukti_download, name="bukti"),
    path("<int:pk>/laporan/<int:triwulan>/ajukan/", views.laporan_submit, name="laporan_submit"),
    path("<int:pk>/laporan/<int:triwulan>/verifikasi/", views.laporan_verify, name="laporan_verify"),
    path("<int:pk>/laporan/<int:triwulan>/kembalikan/", views.laporan_return, name="laporan_return"),
    path("kepatuhan/", views.kepatuhan, name="kepatuhan"),
    path("kepatuhan/<int:tahun>/pengingat/", pengingat_views.pengingat_kirim_semua, name="pengingat_semua"),
    path("kepatuhan/<int:tahun>/pengingat/<int:opd>/", pengingat_views.pengingat_kirim, name="pengingat"),
    path("batas-pelaporan/", views.batas_pelaporan, name="batas_pelaporan"),
    path("rekap-fgd/", views.rekap_fgd, name="rekap_fgd"),
    path("rekap-fgd.xlsx", views.rekap_fgd_xlsx, name="rekap_fgd_xlsx"),
    path("rekap-fgd/latar/", views.rekap_fgd_job, name="rekap_fgd_job"),
    path("kendala/", views.kendala, name="kendala"),
    path("kendala/<int:pk>/agenda/", views.kendala_agenda, name="kendala_agenda"),
]
