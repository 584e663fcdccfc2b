from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from opop.common.forms import VersionedForm
from opop.common.money import RupiahField
from opop.common.uploads import MAX_UPLOAD_BYTES
from opop.common.years import programme_years
from opop.wilayah.models import KabupatenKota
from pesantren.selectors import pesantren_visible_to
from products.models import Certification, CurationStatus, Product
from products.selectors import READINESS_FILTERS, categories_visible_to
from products.services import PRODUCT_FIELDS

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_MB = MAX_UPLOAD_BYTES // (1024 * 1024)


def designation_year_choices():
    return [(y, y) for y in programme_years(ahead=0)]  # a designation is never in the future


class ProductForm(VersionedForm):
    tautan_opop_mart = forms.URLField(
        label=_("Tautan OPOP Mart"),
        required=False,
        assume_scheme="https",
        max_length=200,
        help_text=_("Alamat halaman produk di OPOP Mart, bila ada."),
    )

    class Meta:
        model = Product
        fields = PRODUCT_FIELDS  # what the service may write, and nothing else
        field_classes = {"harga": RupiahField}
        widgets = {"deskripsi": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pesantren"].queryset = pesantren_visible_to(user).select_related(None).select_related("kabkota")
        self.fields["pesantren"].label_from_instance = lambda p: f"{p.nama} ({p.kabkota.nama})"
        categories = categories_visible_to(user)
        if self.instance.pk:  # a product keeps its category even when that category was retired
            self.fields["kategori"].queryset = categories.filter(aktif=True) | categories.filter(
                pk=self.instance.kategori_id
            )
        else:
            self.fields["kategori"].queryset = categories.filter(aktif=True)


def _up_to(text):
    """A help text naming the upload limit, translated when shown (a lazy text % values is fixed at import, in
    the portal's language)."""
    return lazy(lambda: gettext(text) % {"mb": MAX_MB}, str)()


class PhotoForm(forms.Form):
    gambar = forms.FileField(
        label=_("Foto"),
        help_text=_up_to(gettext_noop("JPG, PNG, WebP, atau GIF; paling besar %(mb)s MB.")),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
    )
    keterangan = forms.CharField(label=_("Keterangan"), max_length=200, required=False)


class CertificationForm(VersionedForm):
    one_time_token = False  # a certificate twice is refused by its unique number
    dokumen_baru = forms.FileField(
        label=_("Dokumen"),
        required=False,
        help_text=_up_to(gettext_noop("PDF atau gambar hasil pindai; paling besar %(mb)s MB.")),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )
    terverifikasi = forms.BooleanField(
        label=_("Sudah diverifikasi dengan dokumen asli/daftar penerbit"), required=False
    )

    class Meta:
        model = Certification
        fields = ["jenis", "nomor", "tanggal_terbit", "berlaku_sampai"]
        widgets = {"tanggal_terbit": DATE_INPUT, "berlaku_sampai": DATE_INPUT}
        help_texts = {
            "nomor": _(
                "NIB 13 digit; P-IRT 15 digit (mis. 2063517010123-26); BPOM MD/ML + 12 digit; halal ID + 17 digit."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["terverifikasi"].initial = self.instance.is_verified


class CurationForm(forms.Form):
    ke = forms.ChoiceField(choices=CurationStatus.choices)
    catatan = forms.CharField(label=_("Catatan/alasan"), required=False, max_length=2000)
    tahun = forms.IntegerField(label=_("Tahun penetapan"), required=False)  # the range is checked by the service


class ProductFilterForm(forms.Form):
    """The list filters; invalid values are ignored rather than reported."""

    q = forms.CharField(label=_("Cari"), required=False, max_length=100)
    kategori = forms.ModelChoiceField(label=_("Kategori"), queryset=None, required=False, empty_label=_("Semua"))
    kabkota = forms.ModelChoiceField(
        label=_("Kab/kota"), queryset=KabupatenKota.objects.all(), required=False, empty_label=_("Semua")
    )
    status = forms.ChoiceField(label=_("Status kurasi"), required=False)
    tahun = forms.TypedChoiceField(label=_("Tahun unggulan"), coerce=int, required=False, empty_value=None)
    kesiapan = forms.ChoiceField(label=_("Kelengkapan sertifikat"), required=False)
    pesantren = forms.ModelChoiceField(label=_("Pesantren"), queryset=None, required=False, empty_label=_("Semua"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kategori"].queryset = categories_visible_to(user)
        # Only pesantren that produce something, and only within the chosen kab/kota: at thousands of
        # producers an unfiltered select would be most of the page's render time.
        producers = (
            pesantren_visible_to(user).select_related(None).filter(produk__isnull=False).distinct().only("id", "nama")
        )
        kabkota, pesantren = self.data.get("kabkota"), self.data.get("pesantren")
        if kabkota:
            self.fields["pesantren"].queryset = producers.filter(kabkota_id=kabkota)
        elif pesantren and str(pesantren).isdigit():
            self.fields["pesantren"].queryset = producers.filter(pk=pesantren)  # came from a pesantren's page
        else:
            self.fields["pesantren"].queryset = producers.none()
            self.fields["pesantren"].disabled = True
            self.fields["pesantren"].empty_label = _("Pilih kab/kota dahulu")
        self.fields["status"].choices = [("", _("Semua"))] + CurationStatus.choices
        self.fields["tahun"].choices = [("", _("Semua"))] + designation_year_choices()
        self.fields["kesiapan"].choices = [("", _("Semua"))] + [(k, v[0]) for k, v in READINESS_FILTERS.items()]

    def filters(self):
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: data.get(name) for name in self.fields if data.get(name) not in (None, "")}


class PublicFilterForm(forms.Form):
    kategori = forms.ModelChoiceField(
        label=_("Kategori"), queryset=None, required=False, empty_label=_("Semua kategori")
    )
    kabkota = forms.ModelChoiceField(
        label=_("Kabupaten/kota"),
        queryset=KabupatenKota.objects.all(),
        required=False,
        empty_label=_("Semua kabupaten/kota"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kategori"].queryset = categories_visible_to(None).filter(aktif=True)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select"

    def filters(self):
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: data.get(name) for name in self.fields if data.get(name) not in (None, "")}
