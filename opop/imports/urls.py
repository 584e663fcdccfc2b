from django.urls import path, register_converter

from opop.imports import views


class FormatConverter:
    regex = "csv|xlsx"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(FormatConverter, "fmt")

app_name = "imports"

urlpatterns = [
    path("", views.index, name="index"),
    path("batch/<int:pk>/", views.preview, name="preview"),
    path("batch/<int:pk>/tulis/", views.commit, name="commit"),
    path("batch/<int:pk>/urutan-tanggal/", views.date_order, name="date_order"),
    path("batch/<int:pk>/pemetaan/", views.column_mapping, name="mapping"),
    path("batch/<int:pk>/pilih-pesantren/", views.choose_pesantren, name="choose"),
    path("batch/<int:pk>/baris-tersembunyi/", views.hidden_rows, name="hidden"),
    path("batch/<int:pk>/lembar/", views.sheets, name="sheets"),
    path("batch/<int:pk>/kosongkan/", views.emptied, name="emptied"),
    path("batch/<int:pk>/baris-gagal.<fmt:fmt>", views.failed_rows, name="failed_rows"),
    path("<slug:kind>/", views.upload, name="upload"),
    path("<slug:kind>/templat.<fmt:fmt>", views.template, name="template"),
]
