from django.contrib import admin
from django.contrib.admin.options import IS_FACETS_VAR, IS_POPUP_VAR, TO_FIELD_VAR
from django.contrib.admin.views.main import ERROR_FLAG, ORDER_VAR, PAGE_VAR, SEARCH_VAR
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from opop.common.admin import RecordAdminMixin
from opop.common.years import programme_years
from pesantren import services
from pesantren.models import (
    Kopontren,
    Participation,
    ParticipationTally,
    PersonalDataAccess,
    Pesantren,
    Santripreneur,
    SantripreneurTally,
    Sociopreneur,
    StatusAktif,
    normalize_name,
)
from pesantren.selectors import santripreneur_in_kabkota_by_pesantren


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
    readonly_fields = ["import_batch"]  # the audit record of a pesantren an import created (no history row of its own)
    inlines = [KopontrenInline]

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            before = services.save_state(obj) if change else None
            super().save_model(request, obj, form, change)
            services.apply_save(obj, before)


@admin.register(Kopontren)
class KopontrenAdmin(SimpleHistoryAdmin):
    list_display = ["nama", "pesantren", "nib", "status", "jumlah_anggota"]
    list_filter = ["status"]
    list_select_related = ["pesantren"]
    search_fields = ["nama", "nib", "pesantren__nama", "pesantren__nspp"]
    raw_id_fields = ["pesantren"]


def year_filter(field, title):
    """A year filter offering the programme's years, where Django's own (AllValuesFieldListFilter) first runs
    SELECT DISTINCT over the whole table to find them: a full scan of a million rows on every changelist."""

    class YearFilter(admin.SimpleListFilter):
        parameter_name = field

        def lookups(self, request, model_admin):
            return [(str(year), str(year)) for year in programme_years()]

        def queryset(self, request, queryset):
            value = self.value()
            return queryset.filter(**{field: int(value)}) if value and value.isdigit() else queryset

    YearFilter.title = title
    return YearFilter


class KabkotaWithSearchFilter(admin.RelatedFieldListFilter):
    """Django's kab/kota filter, but beside a name search the kab/kota becomes its pesantren's ids, as on our own
    list (santripreneur_in_kabkota_by_pesantren): kab/kota + year + "siti" at 1 000 000 people, 123 -> 60 ms."""

    def queryset(self, request, queryset):
        kode = self.used_parameters.get(self.lookup_kwarg)
        if kode and not self.lookup_val_isnull and request.GET.get(SEARCH_VAR, "").strip():
            return santripreneur_in_kabkota_by_pesantren(queryset, kode)
        return super().queryset(request, queryset)


def person_name_search(queryset, search_term, *, prefix=""):
    """Admin search of people served by indexes: each word as `nama_normal LIKE '%word%'` (the trigram index
    santri_nama_trgm on PostgreSQL; a plain scan on SQLite, same result), a 16-digit word as an exact NIK
    (the unique index). Django's own search (`UPPER(nama) LIKE UPPER('%word%')`) can use neither."""
    for word in normalize_name(search_term).split():
        if word.isdigit() and len(word) == 16:
            queryset = queryset.filter(**{f"{prefix}nik": word})
        else:
            queryset = queryset.filter(**{f"{prefix}nama_normal__contains": word})
    return queryset


class TalliedPaginator(Paginator):
    """The changelist's pager without COUNT(*) over a million rows. Unfiltered, or filtered only by what the
    dashboard tally is keyed on, the number of rows is the tally's sum (kept exact by every write, admin's
    included). Otherwise (a search, another filter) rows are counted up to COUNT_CAP: past it the pager says
    "more than 5 000" (`capped`) and reaches the first 100 pages; a narrower search reaches the rest."""

    COUNT_CAP = 5000

    def __init__(self, *args, tallied_count, **kwargs):
        super().__init__(*args, **kwargs)
        self.tallied_count = tallied_count
        self.capped = False

    @cached_property
    def count(self):
        if self.tallied_count is not None:
            return self.tallied_count()
        # COUNT(*) over a LIMIT: a common name ("fauzi", 50 000 people) stops after 5 001 rows.
        counted = self.object_list.order_by()[: self.COUNT_CAP + 1].count()
        self.capped = counted > self.COUNT_CAP
        return min(counted, self.COUNT_CAP)


# Changelist parameters that neither filter nor search.
NOT_FILTERS = {PAGE_VAR, ORDER_VAR, IS_POPUP_VAR, TO_FIELD_VAR, IS_FACETS_VAR, ERROR_FLAG}


def digits(value):
    return int(value) if value.isdigit() else None


class AtScaleAdmin(SimpleHistoryAdmin):
    """Changelists of a million rows: no COUNT(*) of the whole table, searches the indexes serve, and writes that
    keep the dashboard tallies and the twin flags in step (admin saves models directly, not through the services).
    `bench_stock_settings` gives Django's stock settings back for the bench's side-by-side numbers."""

    show_full_result_count = False
    # Facets ("Tampilkan hitungan") count every choice of every filter over the whole table: dozens of COUNTs
    # of a million rows on one click.
    show_facets = admin.ShowFacets.NEVER
    # Django renders each row's cells and its filter-preserving link in Python (about a millisecond a row on this
    # 2-core machine): 50 rows keep a page near its SQL, the pager and the search reach the rest.
    list_per_page = 50
    tally = None  # the tally model whose `jumlah` adds up to the row count
    # Changelist filter parameter -> (tally field, parse: the raw value -> the tally's value, or None if the
    # tally cannot answer it). Only filters whose rows the tally counts exactly belong here.
    tally_filters = {}

    def tally_lookups(self, request):
        """The tally filter that counts this changelist's rows, or None when the tally cannot count them."""
        lookups = {}
        for param, values in request.GET.lists():
            if param in NOT_FILTERS:
                continue
            if param == SEARCH_VAR and not "".join(values).strip():
                continue
            if param not in self.tally_filters or len(values) != 1:
                return None
            field, parse = self.tally_filters[param]
            value = parse(values[0])
            if value is None:
                return None
            lookups[field] = value
        return lookups

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        lookups = self.tally_lookups(request)
        tallied_count = None
        if lookups is not None:

            def tallied_count():
                return self.tally.objects.filter(**lookups).aggregate(n=Coalesce(Sum("jumlah"), 0))["n"]

        return TalliedPaginator(queryset, per_page, orphans, allow_empty_first_page, tallied_count=tallied_count)

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            before = services.save_state(obj) if change else None
            super().save_model(request, obj, form, change)
            services.apply_save(obj, before)

    def delete_model(self, request, obj):
        with transaction.atomic():
            state = services.removal_state(obj)
            super().delete_model(request, obj)
            services.apply_removal(state)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            states = [services.removal_state(obj) for obj in queryset]
            super().delete_queryset(request, queryset)
            for state in states:
                services.apply_removal(state)

    def get_search_results(self, request, queryset, search_term):
        return person_name_search(queryset, search_term, prefix=self.person_prefix), False

    def bench_stock_settings(self):
        search = super(SimpleHistoryAdmin, self).get_search_results
        return {
            "show_full_result_count": True,
            "show_facets": admin.ShowFacets.ALLOW,
            "get_search_results": search,
            "list_filter": self.stock_list_filter,
            "raw_id_fields": [f for f in self.raw_id_fields if f in self.stock_raw_id_fields],
            "filter_horizontal": self.stock_filter_horizontal,
            "ordering": None,
            "list_per_page": 100,
            "get_paginator": super(SimpleHistoryAdmin, self).get_paginator,
        }

    stock_raw_id_fields = ()
    stock_filter_horizontal = ()


@admin.register(Santripreneur)
class SantripreneurAdmin(AtScaleAdmin):
    list_display = ["nama", "nik", "pesantren", "status", "tahun_terdaftar"]
    list_filter = [
        "status",
        year_filter("tahun_terdaftar", _("tahun terdaftar")),
        "jenis_kelamin",
        ("pesantren__kabkota", KabkotaWithSearchFilter),
    ]
    list_select_related = ["pesantren"]
    search_fields = ["nama", "nik"]  # shows the search box; get_search_results does the searching
    search_help_text = _("Nama (sebagian kata) atau NIK lengkap 16 digit.")
    person_prefix = ""
    tally = SantripreneurTally
    tally_filters = {
        "status__exact": ("aktif", lambda v: v == StatusAktif.AKTIF if v in StatusAktif.values else None),
        "tahun_terdaftar": ("tahun", digits),
        "pesantren__kabkota__kode__exact": ("kabkota_id", lambda v: v),
    }
    # The change view stays lean: a pesantren and "not a duplicate of" picked by id, never a select of every row.
    raw_id_fields = ["pesantren", "bukan_duplikat"]
    readonly_fields = ["import_batch"]  # the audit record of a person an import created (no history row of its own)
    stock_list_filter = ["status", "tahun_terdaftar", "jenis_kelamin", "pesantren__kabkota"]
    stock_raw_id_fields = ("pesantren",)
    stock_filter_horizontal = ("bukan_duplikat",)


@admin.register(Sociopreneur)
class SociopreneurAdmin(SimpleHistoryAdmin):
    list_display = ["nama", "nama_usaha", "kabkota", "status", "tahun_mulai"]
    list_filter = ["status", "kabkota"]
    list_select_related = ["kabkota", "pesantren_asal"]
    search_fields = ["nama", "nik", "nama_usaha", "nib"]
    raw_id_fields = ["pesantren_asal"]
    readonly_fields = ["import_batch"]  # the audit record of a person an import created (no history row of its own)


@admin.register(Participation)
class ParticipationAdmin(AtScaleAdmin):
    list_display = ["santripreneur", "kegiatan", "opd", "tahun"]
    list_filter = ["opd", year_filter("tahun", _("tahun"))]
    list_select_related = ["santripreneur", "opd"]
    search_fields = ["santripreneur__nama", "santripreneur__nik"]
    search_help_text = _("Nama santripreneur (sebagian kata) atau NIK lengkap 16 digit.")
    person_prefix = "santripreneur__"
    tally = ParticipationTally
    tally_filters = {"opd__id__exact": ("opd_id", digits), "tahun": ("tahun", digits)}
    # Newest first by the primary key: the model's order (year, OPD, activity) would sort 1.5 million rows.
    ordering = ["-id"]
    raw_id_fields = ["santripreneur"]
    stock_list_filter = ["opd", "tahun"]
    stock_raw_id_fields = ("santripreneur",)

    def bench_stock_settings(self):
        # Django's stock search over the fields this admin had before issue 18 (kegiatan among them).
        stock_search = ["kegiatan", "santripreneur__nama", "santripreneur__nik"]
        return {**super().bench_stock_settings(), "search_fields": stock_search}


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(RecordAdminMixin, admin.ModelAdmin):
    list_display = ["pada", "user", "aksi", "objek", "filter", "jumlah_baris", "alamat_ip"]
    list_filter = ["aksi", "pada"]
    list_select_related = ["user"]
    search_fields = ["user__username", "objek", "filter"]
    date_hierarchy = "pada"


@admin.register(SantripreneurTally, ParticipationTally)
class TallyAdmin(RecordAdminMixin, admin.ModelAdmin):
    """Read-only: the tallies are maintained by the services (repair with `manage.py rebuild_tallies`)."""
