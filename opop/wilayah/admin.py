from django.contrib import admin

from opop.wilayah.models import KabupatenKota, Kecamatan


@admin.register(KabupatenKota)
class KabupatenKotaAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "jenis", "penduduk", "luas_km2"]
    list_filter = ["jenis"]
    search_fields = ["kode", "nama", "nama_pendek"]


@admin.register(Kecamatan)
class KecamatanAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "kabkota"]
    list_filter = ["kabkota"]
    list_select_related = ["kabkota"]
    search_fields = ["kode", "nama", "kabkota__nama"]
