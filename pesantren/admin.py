from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from pesantren.models import (
    Kopontren,
    Participation,
    ParticipationTally,
    PersonalDataAccess,
    Pesantren,
    Santripreneur,
    SantripreneurTally,
    Sociopreneur,
)


class KopontrenInline(admin.StackedInline):
    model = Kopontren
    extra = 0


@admin.register(Pesantren)
class PesantrenAdmin(SimpleHistoryAdmin):
    list_display = ["nspp", "nama", "kabkota", "kecamatan", "tipologi", "tahun_kohort", "status"]
    list_filter = ["tipologi", "status", "tahun_kohort", "kabkota"]
    list_select_related = ["kabkota", "kecamatan"]
    search_fields = ["nspp", "nama"]
    raw_id_fields = ["kecamatan"]
    inlines = [KopontrenInline]


@admin.register(Kopontren)
class KopontrenAdmin(SimpleHistoryAdmin):
    list_display = ["nama", "pesantren", "nib", "status", "jumlah_anggota"]
    list_filter = ["status"]
    list_select_related = ["pesantren"]
    search_fields = ["nama", "nib", "pesantren__nama", "pesantren__nspp"]
    raw_id_fields = ["pesantren"]


@admin.register(Santripreneur)
class SantripreneurAdmin(SimpleHistoryAdmin):
    list_display = ["nama", "nik", "pesantren", "status", "tahun_terdaftar"]
    list_filter = ["status", "tahun_terdaftar", "jenis_kelamin", "pesantren__kabkota"]
    list_select_related = ["pesantren"]
    search_fields = ["nama", "nik"]
    raw_id_fields = ["pesantren"]
    filter_horizontal = ["bukan_duplikat"]


@admin.register(Sociopreneur)
class SociopreneurAdmin(SimpleHistoryAdmin):
    list_display = ["nama", "nama_usaha", "kabkota", "status", "tahun_mulai"]
    list_filter = ["status", "kabkota"]
    list_select_related = ["kabkota", "pesantren_asal"]
    search_fields = ["nama", "nik", "nama_usaha", "nib"]
    raw_id_fields = ["pesantren_asal"]


@admin.register(Participation)
class ParticipationAdmin(SimpleHistoryAdmin):
    list_display = ["santripreneur", "kegiatan", "opd", "tahun"]
    list_filter = ["opd", "tahun"]
    list_select_related = ["santripreneur", "opd"]
    search_fields = ["kegiatan", "santripreneur__nama", "santripreneur__nik"]
    raw_id_fields = ["santripreneur"]


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(admin.ModelAdmin):
    list_display = ["pada", "user", "aksi", "objek", "filter", "jumlah_baris", "alamat_ip"]
    list_filter = ["aksi", "pada"]
    list_select_related = ["user"]
    search_fields = ["user__username", "objek", "filter"]
    date_hierarchy = "pada"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SantripreneurTally, ParticipationTally)
class TallyAdmin(admin.ModelAdmin):
    """Read-only: the tallies are maintained by the services (repair with `manage.py rebuild_tallies`)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
