from django.urls import path

from pesantren import views

app_name = "pesantren"

urlpatterns = [
    path("pesantren/", views.pesantren_list, name="list"),
    path("pesantren/baru/", views.pesantren_create, name="create"),
    path("pesantren/pilihan/", views.pesantren_options, name="options"),
    path("pesantren/<int:pk>/", views.pesantren_detail, name="detail"),
    path("pesantren/<int:pk>/ubah/", views.pesantren_edit, name="edit"),
    path("pesantren/<int:pk>/hapus/", views.pesantren_delete, name="delete"),
    path("pesantren/<int:pk>/kopontren/", views.kopontren_edit, name="kopontren_edit"),
    path("santripreneur/", views.santripreneur_list, name="santripreneur_list"),
    path("santripreneur/baru/", views.santripreneur_create, name="santripreneur_create"),
    path("santripreneur/cari-nik/", views.santripreneur_nik_search, name="santripreneur_nik_search"),
    path("santripreneur/duplikat/", views.santripreneur_duplicates, name="santripreneur_duplicates"),
    path("santripreneur/<int:pk>/", views.santripreneur_detail, name="santripreneur_detail"),
    path("santripreneur/<int:pk>/ubah/", views.santripreneur_edit, name="santripreneur_edit"),
    path("santripreneur/<int:pk>/hapus/", views.santripreneur_delete, name="santripreneur_delete"),
    path("santripreneur/<int:pk>/partisipasi/baru/", views.participation_create, name="participation_create"),
    path(
        "santripreneur/<int:pk>/partisipasi/<int:participation_pk>/hapus/",
        views.participation_delete,
        name="participation_delete",
    ),
    path("santripreneur/<int:pk>/gabung/<int:other_pk>/", views.santripreneur_merge, name="santripreneur_merge"),
    path(
        "santripreneur/<int:pk>/bukan-duplikat/<int:other_pk>/",
        views.santripreneur_not_duplicate,
        name="santripreneur_not_duplicate",
    ),
    path("sociopreneur/", views.sociopreneur_list, name="sociopreneur_list"),
    path("sociopreneur/baru/", views.sociopreneur_create, name="sociopreneur_create"),
    path("sociopreneur/cari-nik/", views.sociopreneur_nik_search, name="sociopreneur_nik_search"),
    path("sociopreneur/<int:pk>/", views.sociopreneur_detail, name="sociopreneur_detail"),
    path("sociopreneur/<int:pk>/ubah/", views.sociopreneur_edit, name="sociopreneur_edit"),
    path("sociopreneur/<int:pk>/hapus/", views.sociopreneur_delete, name="sociopreneur_delete"),
]
