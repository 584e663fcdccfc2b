"""Django admin for the registry (Admin role only). Writes here go through the models' own history
(django-simple-history records the admin user); the portal pages remain the normal way to edit."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from pesantren.models import Kopontren, Participation, Pesantren, Santripreneur, Sociopreneur


class KopontrenInline(admin.StackedInline):
    model = Kopontren
    extra = 0


@admin.register(Pesantren)
class PesantrenAdmin(SimpleHistoryAdmin):
    list_display = ["nspp", "nama", "kabkota", "tipologi", "tahun_kohort", "status"]
    list_filter = ["status", "tipologi", "tahun_kohort", "kabkota"]
    list_select_related = ["kabkota"]
    search_fields = ["nspp", "nama"]
    autocomplete_fields = ["kecamatan"]
    inlines = [KopontrenInline]
    show_full_result_count = False


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0


@admin.register(Santripreneur)
class SantripreneurAdmin(SimpleHistoryAdmin):
    list_display = ["nama", "nik", "pesantren", "tahun_terdaftar", "status"]
    list_filter = ["status", "tahun_terdaftar", "jenis_kelamin"]
    list_select_related = ["pesantren"]
    search_fields = ["nama", "=nik"]
    raw_id_fields = ["pesantren", "bukan_duplikat"]
    inlines = [ParticipationInline]
    show_full_result_count = False  # a million rows: no COUNT(*) on every page


@admin.register(Sociopreneur)
class SociopreneurAdmin(SimpleHistoryAdmin):
    list_display = ["nama", "nama_usaha", "kabkota", "tahun_mulai", "status"]
    list_filter = ["status", "kabkota"]
    list_select_related = ["kabkota"]
    search_fields = ["nama", "nama_usaha", "=nik"]
    raw_id_fields = ["pesantren_asal"]


@admin.register(Participation)
class ParticipationAdmin(SimpleHistoryAdmin):
    list_display = ["santripreneur", "kegiatan", "opd", "tahun"]
    list_filter = ["opd", "tahun"]
    list_select_related = ["santripreneur", "opd"]
    raw_id_fields = ["santripreneur"]


@admin.register(Kopontren)
class KopontrenAdmin(SimpleHistoryAdmin):
    list_display = ["nama", "pesantren", "status", "nib"]
    list_filter = ["status"]
    list_select_related = ["pesantren"]
    search_fields = ["nama", "nib", "pesantren__nama"]
    raw_id_fields = ["pesantren"]
