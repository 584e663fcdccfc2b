"""The filter bars of the registry lists. Each form narrows a queryset the view got from a selector (so it can
only ever narrow what the viewer may see), and every choice field is itself narrowed to what the viewer may see.
Invalid values are ignored rather than shown as errors: a stale bookmark still opens the list."""

from django import forms
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from opop.common.forms import ListedModelChoiceField
from opop.common.querysets import filter_given
from opop.common.widgets import PlainSelect
from opop.common.years import programme_years
from opop.wilayah.models import KabupatenKota, Kecamatan
from opop.wilayah.selectors import kecamatan_visible_to
from pesantren.models import JenisKelamin, StatusAktif, Tipologi, normalize_name
from pesantren.selectors import pesantren_visible_to, santripreneur_in_kabkota_by_pesantren

ALL = ("", _("Semua"))


class KabkotaChoiceField(ListedModelChoiceField):
    label_fields = ("nama",)

    def label_from_values(self, nama):
        return nama


class KecamatanChoiceField(ListedModelChoiceField):
    label_fields = ("nama",)  # the kab/kota is chosen beside it

    def label_from_values(self, nama):
        return nama


class PesantrenChoiceField(ListedModelChoiceField):
    label_fields = ("nama", "nspp")

    def label_from_values(self, nama, nspp):
        return f"{nama} ({nspp})"


def kabkota_choices_queryset():
    """Reference data: all 38 kab/kota for every role (no count annotation needed in a select)."""
    return KabupatenKota.objects.only("kode", "nama").order_by("nama")


def _select(**attrs):
    return PlainSelect(attrs={"class": "form-select form-select-sm", **attrs})


def _kabkota_field(label, **attrs):
    # Its choices are set per form (RegistryFilterForm.__init__).
    return KabkotaChoiceField(
        label=label,
        queryset=KabupatenKota.objects.none(),
        required=False,
        empty_label=_("Semua kab/kota"),
        widget=_select(**attrs),
    )


def _choice_field(label, choices):
    return forms.ChoiceField(label=label, choices=[ALL, *choices], required=False, widget=_select())


def _ordering(sort, columns, default):
    """`columns`: key -> model fields; '-key' sorts descending. NULLs last both ways; id breaks ties."""
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    if key not in columns:
        key, descending = default.lstrip("-"), default.startswith("-")
    fields = columns[key]
    ordering = [F(f).desc(nulls_last=True) if descending else F(f).asc(nulls_last=True) for f in fields]
    return ordering + [F("id").desc() if descending else F("id").asc()], ("-" if descending else "") + key


class RegistryFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Cari"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm", "type": "search"}),
    )
    sort = forms.CharField(required=False, widget=forms.HiddenInput)

    SORT_COLUMNS: dict = {}
    DEFAULT_SORT = "nama"
    SEARCH_PLACEHOLDER = ""

    def __init__(self, data=None, *, user, **kwargs):
        super().__init__(data if data is not None else {}, **kwargs)
        self.user = user
        self.fields["q"].widget.attrs["placeholder"] = self.SEARCH_PLACEHOLDER
        self.fields["kabkota"].queryset = kabkota_choices_queryset()  # every registry list filters by kab/kota

    def filter(self, queryset):
        self.is_valid()  # invalid fields drop out of cleaned_data and are ignored
        return self.apply(queryset, self.cleaned_data)

    def apply(self, queryset, data):  # pragma: no cover - overridden
        return queryset

    @property
    def sort_value(self):
        self.is_valid()
        return _ordering(self.cleaned_data.get("sort") or "", self.SORT_COLUMNS, self.DEFAULT_SORT)[1]

    def ordering(self):
        self.is_valid()
        return _ordering(self.cleaned_data.get("sort") or "", self.SORT_COLUMNS, self.DEFAULT_SORT)[0]

    @property
    def is_filtered(self):
        self.is_valid()
        return any(v not in (None, "") for k, v in self.cleaned_data.items() if k != "sort")


class PesantrenFilterForm(RegistryFilterForm):
    kabkota = _kabkota_field(_("Kabupaten/kota"), **{"data-autosubmit": "true"})
    kecamatan = KecamatanChoiceField(
        label=_("Kecamatan"),
        queryset=Kecamatan.objects.none(),
        required=False,
        empty_label=_("Semua kecamatan"),
        widget=_select(),
    )
    tipologi = _choice_field(_("Tipologi"), Tipologi.choices)
    kohort = forms.ChoiceField(label=_("Kohort OPOP"), required=False, widget=_select())
    status = _choice_field(_("Status"), StatusAktif.choices)

    SORT_COLUMNS = {
        "nama": ["nama"],
        "nspp": ["nspp"],
        "kabkota": ["kabkota__nama", "nama"],
        "kohort": ["tahun_kohort", "nama"],
        "santri": ["jumlah_santri", "nama"],
    }

    SEARCH_PLACEHOLDER = _("Nama pesantren atau NSPP")

    def __init__(self, data=None, *, user, **kwargs):
        super().__init__(data, user=user, **kwargs)
        kabkota = self.data.get("kabkota")
        if kabkota:
            # Kecamatan are offered (and accepted) only within the chosen kab/kota.
            self.fields["kecamatan"].queryset = (
                kecamatan_visible_to(user).select_related(None).filter(kabkota_id=kabkota).order_by("nama")
            )
        else:
            self.fields["kecamatan"].disabled = True
            self.fields["kecamatan"].empty_label = _("Pilih kab/kota dahulu")
        self.fields["kohort"].choices = [
            ALL,
            ("peserta", _("Semua peserta OPOP")),
            ("bukan", _("Belum peserta")),
            *[(str(y), str(y)) for y in programme_years()],
        ]

    def apply(self, queryset, data):
        q = (data.get("q") or "").strip()
        if q:
            queryset = queryset.filter(nspp__startswith=q) if q.isdigit() else queryset.filter(nama__icontains=q)
        if data.get("kabkota"):
            queryset = queryset.filter(kabkota=data["kabkota"])
            if data.get("kecamatan"):
                queryset = queryset.filter(kecamatan=data["kecamatan"])
        queryset = filter_given(queryset, tipologi=data.get("tipologi"), status=data.get("status"))
        kohort = data.get("kohort")
        if kohort == "peserta":
            queryset = queryset.filter(tahun_kohort__isnull=False)
        elif kohort == "bukan":
            queryset = queryset.filter(tahun_kohort__isnull=True)
        elif kohort:
            queryset = queryset.filter(tahun_kohort=int(kohort))
        return queryset


class SantripreneurFilterForm(RegistryFilterForm):
    """Sorts are keyset sorts (see pagination.py): only non-null, indexed-or-cheap columns."""

    kabkota = _kabkota_field(_("Kabupaten/kota"), **{"data-autosubmit": "true"})
    pesantren = PesantrenChoiceField(
        label=_("Pesantren"),
        queryset=pesantren_visible_to(None).none(),
        required=False,
        empty_label=_("Semua pesantren"),
        widget=_select(),
    )
    status = _choice_field(_("Status"), StatusAktif.choices)
    tahun_terdaftar = forms.TypedChoiceField(
        label=_("Tahun terdaftar"), coerce=int, required=False, empty_value=None, widget=_select()
    )
    jenis_kelamin = _choice_field(_("Jenis kelamin"), JenisKelamin.choices)

    # key -> keyset field. Only columns with an index that serves (column, id) order at a million rows:
    # name (santri_nama_id) and the primary key. Year is a filter, not a sort (its index lacks the id).
    KEYSET = {"nama": "nama", "id": "pk"}
    SORT_COLUMNS = {k: [v] for k, v in KEYSET.items()}

    SEARCH_PLACEHOLDER = _("Nama santripreneur")

    def __init__(self, data=None, *, user, **kwargs):
        super().__init__(data, user=user, **kwargs)
        self.fields["tahun_terdaftar"].choices = [ALL, *[(y, str(y)) for y in programme_years()]]
        visible = pesantren_visible_to(user).select_related(None).only("id", "nama", "nspp").order_by("nama", "id")
        kabkota, pesantren = self.data.get("kabkota"), self.data.get("pesantren")
        if kabkota:
            self.fields["pesantren"].queryset = visible.filter(kabkota_id=kabkota)
        elif pesantren and str(pesantren).isdigit():
            # Came from a pesantren's page: offer just that one (7 000 options would not fit a select).
            self.fields["pesantren"].queryset = visible.filter(pk=pesantren)
        else:
            self.fields["pesantren"].queryset = visible.none()
            self.fields["pesantren"].disabled = True
            self.fields["pesantren"].empty_label = _("Pilih kab/kota dahulu")

    def keyset(self):
        """(field, descending) for keyset_page."""
        sort = self.sort_value
        return self.KEYSET[sort.lstrip("-")], sort.startswith("-")

    def apply(self, queryset, data):
        q = normalize_name(data.get("q") or "")
        if q:
            queryset = queryset.filter(nama_normal__contains=q)
        if data.get("pesantren"):
            queryset = queryset.filter(pesantren=data["pesantren"])
        elif data.get("kabkota") and q:
            queryset = santripreneur_in_kabkota_by_pesantren(queryset, [data["kabkota"]])
        elif data.get("kabkota"):
            queryset = queryset.filter(pesantren__kabkota=data["kabkota"])
        for name, lookup in (
            ("status", "status"),
            ("tahun_terdaftar", "tahun_terdaftar"),
            ("jenis_kelamin", "jenis_kelamin"),
        ):
            if data.get(name) not in (None, ""):
                queryset = queryset.filter(**{lookup: data[name]})
        return queryset


class SociopreneurFilterForm(RegistryFilterForm):
    kabkota = _kabkota_field(_("Kab/kota usaha"))
    status = _choice_field(_("Status"), StatusAktif.choices)
    jenis_kelamin = _choice_field(_("Jenis kelamin"), JenisKelamin.choices)

    SORT_COLUMNS = {"nama": ["nama"], "usaha": ["nama_usaha"], "tahun": ["tahun_mulai"], "pekerja": ["jumlah_pekerja"]}

    SEARCH_PLACEHOLDER = _("Nama orang atau nama usaha")

    def apply(self, queryset, data):
        q = (data.get("q") or "").strip()
        if q:
            queryset = queryset.filter(Q(nama_normal__contains=normalize_name(q)) | Q(nama_usaha__icontains=q))
        return filter_given(
            queryset, kabkota=data.get("kabkota"), status=data.get("status"), jenis_kelamin=data.get("jenis_kelamin")
        )
