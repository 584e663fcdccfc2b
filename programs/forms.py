import json

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Field, Fieldset, Layout, Row
from django import forms
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from opop.accounts.selectors import opd_visible_to
from opop.common.formatting import ribuan
from opop.common.forms import VersionedForm
from opop.common.money import RupiahField
from opop.common.years import programme_years
from opop.wilayah.selectors import kabkota_visible_to
from programs.capaian import QUARTERS, even_split
from programs.models import (
    PEMBUKAAN_JAM_DEFAULT,
    PEMBUKAAN_JAM_MAKS,
    REALISASI_INPUT_FIELDS,
    RENCANA,
    ROMAWI,
    SPLITS,
    Kegiatan,
    Realisasi,
    Rencana,
    Status,
    Triwulan,
)
from programs.selectors import (
    TANPA_KATEGORI,
    indicator_choices,
    kategori_kendala_choices,
    opd_choices_for_plans,
    plan_line_counts,
)
from programs.services import KEGIATAN_FIELDS

SPLIT_FLAGS = {split.flag for split in SPLITS.values()}


def year_choices():
    return [(year, str(year)) for year in programme_years()]


COPY_LABEL = _("Salin kegiatan dari rencana %(tahun)s (%(n)s kegiatan)")


def copy_warning(tahun):
    """Said beside the copy box and after the copy when the plan copied from was never verified by Diskop."""
    return _("Rencana %(tahun)s belum pernah diverifikasi Diskop; periksa setiap kegiatan yang disalin.") % {
        "tahun": tahun
    }


def copy_label(tahun, lines, verified):
    label = COPY_LABEL % {"tahun": tahun, "n": lines}
    return label if verified else f"{label} — {copy_warning(tahun)}"


class RencanaForm(forms.ModelForm):
    """A new plan: the OPD (only those the user may plan for; a Petugas OPD has exactly one) and the year."""

    tahun = forms.TypedChoiceField(label=_("Tahun anggaran"), coerce=int, choices=year_choices)
    salin_sebelumnya = forms.BooleanField(
        label=_("Salin kegiatan dari rencana terakhir"),
        required=False,
        help_text=_(
            "Semua kegiatan disalin beserta kode, indikator, satuan, sumber dana, lokasi, PPTK, target dan pagu; "
            "target dan pagu ditandai untuk ditinjau. Realisasi tidak disalin."
        ),
    )

    class Meta:
        model = Rencana
        fields = ["opd", "tahun"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        opds = opd_choices_for_plans(user)
        self.fields["opd"].queryset = opds
        self.fields["opd"].empty_label = None if opds.count() == 1 else "—"
        self.fields["tahun"].initial = timezone.localdate().year
        # {opd id: {year: number of lines}}: which plans could be copied (static/js/rencana-form.js names the year).
        self.existing_plans = plan_line_counts(user)
        if not self.existing_plans:
            del self.fields["salin_sebelumnya"]  # nothing of this user's OPDs to copy from
            return
        field = self.fields["salin_sebelumnya"]
        field.widget.attrs["data-salin"] = json.dumps(self.existing_plans)
        field.widget.attrs["data-label"] = str(COPY_LABEL)
        field.widget.attrs["data-warning"] = str(copy_warning("%(tahun)s"))
        only_opd = opds.first() if len(self.existing_plans) == 1 and opds.count() == 1 else None
        plans = self.existing_plans.get(str(only_opd.pk), {}) if only_opd else {}
        # The most recent plan before the year offered (services.rencana_create copies the same one).
        earlier = [int(year) for year in plans if int(year) < self.fields["tahun"].initial]
        if earlier:
            lines, verified = plans[str(max(earlier))]
            field.label = copy_label(max(earlier), lines, verified)


class QuartersField(forms.MultipleChoiceField):
    """Planned quarters as checkboxes, stored as the digits in order ("1234", "23")."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", [(str(q), f"TW {ROMAWI[q]}") for q in Triwulan.values])
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, str):
            return list(value)
        return value

    def clean(self, value):
        chosen = super().clean(value)
        return "".join(sorted(set(chosen)))


class LokasiCheckboxes(forms.CheckboxSelectMultiple):
    """The kab/kota checkboxes; static/js/lokasi.js adds a filter box above them (without it, the list still works)."""

    class Media:
        js = ["js/lokasi.js"]


# What "Simpan & tambah lagi" carries from the line just saved to the next one. Places and quarters differ from line
# to line: they start empty unless the officer ticks "sama seperti kegiatan sebelumnya" (KegiatanForm.sama_sebelumnya).
KEPT_FOR_NEXT_LINE = ["pilar", "indikator", "satuan", "sumber_dana", "pptk"]


def next_line_initial(kegiatan):
    """The next line's form starts with these values of `kegiatan` (a line of the same plan)."""
    initial = {name: getattr(kegiatan, name) for name in KEPT_FOR_NEXT_LINE}
    initial["indikator"] = kegiatan.indikator_id
    return initial


def quarter_target_field(q):
    return forms.IntegerField(
        label=f"TW {ROMAWI[q]}",
        required=False,
        min_value=0,
        widget=forms.NumberInput(attrs={"min": 0, "step": 1, "class": "target-tw"}),
    )


def quarter_kas_field(q):
    return RupiahField(label=f"TW {ROMAWI[q]}", required=False)


class KegiatanForm(VersionedForm):
    triwulan = QuartersField(label=_("Rencana triwulan pelaksanaan"))
    # Blank (all four): the target is split evenly over the planned quarters; filled: the officer's own split.
    target_tw1 = quarter_target_field(1)
    target_tw2 = quarter_target_field(2)
    target_tw3 = quarter_target_field(3)
    target_tw4 = quarter_target_field(4)
    # The same for the pagu: blank, split evenly over the planned quarters; filled, the officer's anggaran kas.
    kas_tw1 = quarter_kas_field(1)
    kas_tw2 = quarter_kas_field(2)
    kas_tw3 = quarter_kas_field(3)
    kas_tw4 = quarter_kas_field(4)
    sama_sebelumnya = forms.BooleanField(
        label=_("Lokasi dan triwulan sama seperti kegiatan sebelumnya"),
        required=False,
    )
    seluruh_jatim = forms.BooleanField(
        label=_("Seluruh Jawa Timur (38 kab/kota)"),
        required=False,
        help_text=_("Memilih semua kab/kota di bawah."),
    )

    class Meta:
        model = Kegiatan
        # The service's fields (the split flag follows from the four quarter targets); lokasi (many-to-many) apart.
        fields = [*(f for f in KEGIATAN_FIELDS if f not in SPLIT_FLAGS), "lokasi"]
        field_classes = {"pagu": RupiahField}
        widgets = {
            "lokasi": LokasiCheckboxes,
            "kode_sipd": forms.TextInput(attrs={"placeholder": "2.17.07.1.01.0002", "inputmode": "decimal"}),
            "target": forms.NumberInput(attrs={"min": 1, "step": 1}),
        }

    def __init__(self, *args, user, rencana, previous=None, **kwargs):
        """`previous`: the line "Simpan & tambah lagi" just saved, whose places and quarters the officer may reuse."""
        super().__init__(*args, **kwargs)
        self.instance.rencana = rencana
        self.previous = previous
        if previous is None:
            del self.fields["sama_sebelumnya"]
        else:
            places = ", ".join(str(kk.nama_pendek) for kk in previous.lokasi.all()) or _("tanpa kab/kota")
            self.fields["sama_sebelumnya"].help_text = _(
                "%(triwulan)s; %(lokasi)s. Centang ini dipakai bila lokasi atau triwulan di bawah dibiarkan kosong."
            ) % {"triwulan": previous.triwulan_label, "lokasi": places}
            if self.is_bound and self.data.get(self.add_prefix("sama_sebelumnya")):
                self.fields["triwulan"].required = False  # taken from the previous line when left empty
        self.fields["indikator"].queryset = indicator_choices(user)
        self.fields["lokasi"].queryset = kabkota_visible_to(user).order_by("kode")
        self.fields["lokasi"].label_from_instance = lambda kk: kk.nama_pendek if kk.jenis == "kabupaten" else kk.nama
        self.fields["lokasi"].help_text = _(
            "Ketik nama untuk menyaring daftar. Kosongkan bila kegiatan berskala provinsi tanpa lokasi kab/kota."
        )
        if not self.is_bound:
            chosen = self.initial.get("lokasi")
            if chosen is None and self.instance.pk is not None:
                chosen = [kk.pk for kk in self.instance.lokasi.all()]
            everywhere = self.fields["lokasi"].queryset.count()
            self.fields["seluruh_jatim"].initial = bool(chosen) and len(set(chosen)) >= everywhere
        self.fields["level_sipd"].choices = [
            ("", _("— di luar nomenklatur / tebak dari kode —")),
            *self.fields["level_sipd"].choices[1:],
        ]
        self.fields["pagu"].help_text = _("Rupiah utuh, misalnya 125.000.000.")
        for split in SPLITS.values():
            if not self.is_bound and self.instance.pk is not None and getattr(self.instance, split.flag):
                even = even_split(getattr(self.instance, split.total), self.instance.triwulan)
                for name, value in zip(split.fields, even, strict=True):
                    self.initial[name] = None  # an even split is shown as blank: it follows the target / pagu
                    self.fields[name].widget.attrs["placeholder"] = ribuan(value) if split.money else value
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Row(Column("level_sipd", css_class="col-md-4"), Column("kode_sipd", css_class="col-md-8")),
            "uraian",
            Row(Column("pilar", css_class="col-md-4"), Column("indikator", css_class="col-md-8")),
            "indikator_kinerja",
            Row(
                Column("target", css_class="col-md-3"),
                Column("satuan", css_class="col-md-3"),
                Column("pagu", css_class="col-md-3"),
                Column("sumber_dana", css_class="col-md-3"),
            ),
            *(["sama_sebelumnya"] if "sama_sebelumnya" in self.fields else []),
            Row(Column("triwulan", css_class="col-md-6"), Column("pptk", css_class="col-md-6")),
            Fieldset(
                _("Target per triwulan (opsional)"),
                HTML(
                    format_html(
                        '<div class="form-text mt-0 mb-1">{}</div>',
                        _(
                            "Kosongkan keempatnya agar target tahunan dibagi rata ke triwulan pelaksanaan. Bila "
                            "diisi, jumlahnya harus sama dengan target tahunan; capaian tiap triwulan dinilai "
                            "terhadap target s.d. triwulan itu."
                        ),
                    )
                ),
                Row(*(Column(f"target_tw{q}", css_class="col-6 col-md-3") for q in QUARTERS)),
                css_class="target-triwulan",
            ),
            Fieldset(
                _("Anggaran kas per triwulan (opsional)"),
                HTML(
                    format_html(
                        '<div class="form-text mt-0 mb-1">{}</div>',
                        _(
                            "Rencana pencairan pagu per triwulan (anggaran kas SIPD). Kosongkan keempatnya agar pagu "
                            "dibagi rata ke triwulan pelaksanaan. Bila diisi, jumlahnya harus sama dengan pagu; "
                            "serapan tiap triwulan dinilai terhadap anggaran kas s.d. triwulan itu."
                        ),
                    )
                ),
                Row(*(Column(name, css_class="col-6 col-md-3") for name in SPLITS["kas"].fields)),
                css_class="kas-triwulan",
            ),
            HTML(
                format_html(
                    '<div class="lokasi-tools" data-lokasi-tools data-placeholder="{}" data-label="{}" '
                    'data-count="{}"></div>',
                    _("Cari kab/kota…"),
                    _("Saring daftar kab/kota"),
                    _("%(n)s dari %(total)s kab/kota dipilih"),
                )
            ),
            Field("lokasi", wrapper_class="lokasi-field"),
            Field("seluruh_jatim", wrapper_class="seluruh-jatim"),
            "versi",
            *(["token"] if "token" in self.fields else []),
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("seluruh_jatim"):
            cleaned["lokasi"] = self.fields["lokasi"].queryset
        if cleaned.get("sama_sebelumnya") and self.previous is not None:
            # Only what the officer left empty is taken from the previous line: what is ticked is what is stored.
            if not cleaned.get("triwulan") and "triwulan" not in self.errors:
                cleaned["triwulan"] = self.previous.triwulan
            if not cleaned.get("lokasi"):
                cleaned["lokasi"] = self.previous.lokasi.all()
        for split in SPLITS.values():
            self._clean_split(cleaned, split)
        # The model's clean checks an officer's own split only (Kegiatan._clean_split).
        self.instance.target_dibagi_rata = cleaned["target_dibagi_rata"]
        self.instance.kas_dibagi_rata = cleaned["kas_dibagi_rata"]
        return cleaned

    def _clean_split(self, cleaned, split):
        """All four quarters blank: the split is even (save() computes it); else the officer's, blanks being 0."""
        names = split.fields
        if all(self.data.get(self.add_prefix(n), "") in ("", None) for n in names) and not any(
            n in self.errors for n in names
        ):
            cleaned[split.flag] = True
            for name in names:
                cleaned[name] = 0
        else:
            cleaned[split.flag] = False
            for name in names:
                if cleaned.get(name) is None and name not in self.errors:
                    cleaned[name] = 0


class BuktiForm(VersionedForm):
    """A report with an evidence file (a realisation, a tindak lanjut's status): written by its service through
    programs.services.Bukti, never through create_once (a realisation is an upsert under its line's lock)."""

    one_time_token = False

    # Not the model field: its widget would link to the file's storage URL, and evidence has none (private).
    # The service checks the content; the page links to the stored file through its own download view.
    bukti = forms.FileField(
        label=_("Berkas bukti"),
        required=False,
        help_text=_("PDF, JPG, PNG, XLSX atau DOCX, paling besar 5 MB."),
        widget=forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.xlsx,.docx"}),
    )
    hapus_bukti = forms.BooleanField(label=_("Hapus berkas bukti yang tersimpan"), required=False)


class RealisasiForm(BuktiForm):
    # Choices from a list read once per page (the quarter grid has a form per line), not a queryset per form.
    kategori_kendala = forms.TypedChoiceField(
        label=_("Kategori permasalahan"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Untuk rekap kendala FGD."),
    )

    class Meta:
        model = Realisasi
        fields = REALISASI_INPUT_FIELDS
        field_classes = {"anggaran_terserap": RupiahField}
        widgets = {
            "fisik_persen": forms.NumberInput(attrs={"min": 0, "max": 100, "step": "0.01"}),
            "output": forms.NumberInput(attrs={"min": 0, "step": 1}),
            "penjelasan_anggaran": forms.Textarea(attrs={"rows": 2}),
            "permasalahan": forms.Textarea(attrs={"rows": 3}),
            "faktor_pendorong": forms.Textarea(attrs={"rows": 2}),
            "faktor_penghambat": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, kegiatan, kategori=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.kegiatan = kegiatan
        self._kategori = {k.pk: k for k in (kategori if kategori is not None else kategori_kendala_choices())}
        chosen = self.instance.kategori_kendala_id
        if chosen is not None and chosen not in self._kategori:  # a category retired since it was chosen
            self._kategori[chosen] = self.instance.kategori_kendala
        self.fields["kategori_kendala"].choices = [
            ("", "—"),
            *((pk, gettext(k.nama)) for pk, k in self._kategori.items()),  # seeded names have their English
        ]
        self.fields["output"].help_text = _("Kumulatif s.d. akhir triwulan, dalam %(satuan)s (target %(target)s).") % {
            "satuan": kegiatan.get_satuan_display(),
            "target": kegiatan.target,
        }
        if not self.instance.bukti:
            del self.fields["hapus_bukti"]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Row(
                Column("output", css_class="col-md-4"),
                Column("fisik_persen", css_class="col-md-4"),
                Column("anggaran_terserap", css_class="col-md-4"),
            ),
            "penjelasan_anggaran",
            Row(Column("permasalahan", css_class="col-md-8"), Column("kategori_kendala", css_class="col-md-4")),
            Row(Column("faktor_pendorong", css_class="col-md-6"), Column("faktor_penghambat", css_class="col-md-6")),
            "bukti",
            *(["hapus_bukti"] if "hapus_bukti" in self.fields else []),
            "versi",
        )

    def clean_kategori_kendala(self):
        """The chosen category as the instance the service writes (only those offered on the page)."""
        pk = self.cleaned_data["kategori_kendala"]
        return self._kategori[pk] if pk is not None else None


# What the officer types per line on the quarter grid; a new line with none of these filled is left alone.
GRID_FIELDS = [*RealisasiForm.Meta.fields, "bukti"]


class RealisasiGridForm(RealisasiForm):
    """One line of the quarter grid (programs:realisasi_grid): the realisation form, compact, prefixed by line."""

    def __init__(self, *args, kegiatan, kategori, **kwargs):
        super().__init__(*args, kegiatan=kegiatan, kategori=kategori, prefix=f"k{kegiatan.pk}", **kwargs)
        for name in ("penjelasan_anggaran", "permasalahan", "faktor_pendorong", "faktor_penghambat"):
            self.fields[name].widget.attrs["rows"] = 2
        self.fields["penjelasan_anggaran"].help_text = _("Wajib bila serapan melebihi pagu.")
        self.fields["output"].help_text = ""  # the line's heading gives its target to date and for the year
        narrative = ["permasalahan", "faktor_pendorong", "faktor_penghambat", "penjelasan_anggaran"]
        self.helper.layout = Layout(
            Row(
                Column("output", css_class="col-4"),
                Column("fisik_persen", css_class="col-4"),
                Column("anggaran_terserap", css_class="col-4"),
            ),
            # The narrative fields fold away so thirty lines stay scrollable on a phone; open when they hold
            # something or an error (crispy renders HTML() as a template with the form in its context).
            HTML(
                '<details class="grid-more mb-2"{% if form.errors'
                + "".join(f" or form.{name}.value" for name in narrative)
                + ' %} open{% endif %}><summary class="small mb-2">'
                + str(_("Permasalahan, faktor, penjelasan serapan dan bukti"))
                + "</summary>"
            ),
            Row(
                Column("permasalahan", "kategori_kendala", css_class="col-md-4"),
                Column("faktor_pendorong", css_class="col-md-4"),
                Column("faktor_penghambat", css_class="col-md-4"),
            ),
            Row(
                Column("penjelasan_anggaran", css_class="col-md-6"),
                Column("bukti", *(["hapus_bukti"] if "hapus_bukti" in self.fields else []), css_class="col-md-6"),
            ),
            HTML("</details>"),
            "versi",
        )

    def validate_unique(self):
        """No per-line constraint queries: each check constraint repeats a field validator, and the quarter's row is
        created or updated by the service under the plan's lock (realisasi_save_quarter)."""

    def is_untouched(self):
        """Not part of this save: a line without a realisation whose fields were all left empty, or a line whose
        saved realisation was not changed (no empty history entry for it)."""
        if not self.is_bound:
            return True
        if self.instance.pk is not None:
            return not [name for name in self.changed_data if name != "versi"]  # a bound form has no initial versi
        return not any(
            (self.files if name == "bukti" else self.data).get(self.add_prefix(name), "") not in ("", None)
            for name in GRID_FIELDS
        )


def _note(label, required, rows):
    """The required note that goes with a move of the plan cycle (a return's catatan, a reopen's alasan)."""
    return forms.CharField(
        label=label, widget=forms.Textarea(attrs={"rows": rows}), max_length=2000, error_messages={"required": required}
    )


class CatatanForm(forms.Form):
    catatan = _note(_("Catatan perbaikan untuk OPD"), _("Tuliskan catatan perbaikan untuk OPD."), rows=3)


class AlasanForm(forms.Form):
    alasan = _note(_("Alasan membuka kembali"), _("Alasan membuka kembali wajib diisi."), rows=2)


class RencanaFilterForm(forms.Form):
    tahun = forms.TypedChoiceField(label=_("Tahun"), coerce=int, required=False, choices=())
    opd = forms.ModelChoiceField(label=_("OPD"), required=False, queryset=None, empty_label=_("Semua OPD"))
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Semua status")), *Status.choices])

    def __init__(self, *args, user, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tahun"].choices = [("", _("Semua tahun")), *[(y, str(y)) for y in years]]
        if user.is_petugas_opd:
            del self.fields["opd"]
        else:
            self.fields["opd"].queryset = opd_visible_to(user)


class KendalaFilterForm(forms.Form):
    """The kendala digest's filters (category, OPD, quarter) and how its list is grouped. Choices are what the
    viewer may see: a Petugas OPD has no OPD filter (their own OPD is all they see)."""

    KELOMPOK = [("kategori", _("Per kategori")), ("opd", _("Per OPD"))]

    kategori = forms.ChoiceField(label=_("Kategori"), required=False)
    opd = forms.ModelChoiceField(label=_("OPD"), required=False, queryset=None, empty_label=_("Semua OPD"))
    triwulan = forms.TypedChoiceField(
        label=_("Triwulan"),
        coerce=int,
        required=False,
        empty_value=None,
        choices=[("", _("Semua triwulan")), *Triwulan.choices],
    )
    kelompok = forms.ChoiceField(label=_("Kelompokkan"), required=False, choices=KELOMPOK)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kategori"].choices = [
            ("", _("Semua kategori")),
            *((str(k.pk), gettext(k.nama)) for k in kategori_kendala_choices(aktif_only=False)),
            (TANPA_KATEGORI, _("Tanpa kategori")),
        ]
        if user.is_petugas_opd:
            del self.fields["opd"]
        else:
            self.fields["opd"].queryset = opd_visible_to(user)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select form-select-sm"


class KendalaAgendaForm(forms.Form):
    """Diskop's mark of a problem for the FGD agenda: on (1) or off (0), with the version of the mark it saw."""

    masuk_agenda = forms.TypedChoiceField(coerce=lambda v: v == "1", choices=[("1", "1"), ("0", "0")])
    versi = forms.CharField(required=False, max_length=40)
    kembali = forms.CharField(required=False, max_length=500)  # the digest's filters, to return to them


class BatasPelaporanForm(forms.Form):
    """The plan's and the four reporting deadlines of a year, each shown as it is in force (Diskop's date or the
    default rule); a field emptied removes that deadline. `current`: {triwulan or RENCANA: date or None}."""

    def __init__(self, *args, tahun, current, **kwargs):
        super().__init__(*args, **kwargs)
        self.tahun = tahun
        self.current = current
        self.fields["rencana"] = forms.DateField(
            label=_("Batas pengajuan rencana %(tahun)s") % {"tahun": tahun},
            required=False,
            help_text=_("Kosongkan untuk menghapus tenggat rencana tahun ini."),
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            initial=current.get(RENCANA),
        )
        for triwulan in Triwulan:
            self.fields[f"tw{triwulan}"] = forms.DateField(
                label=_("Batas laporan %(tw)s") % {"tw": triwulan.label},
                required=False,
                help_text=_("Kosongkan untuk menghapus tenggat triwulan ini."),
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                initial=current.get(triwulan),
            )

    def deadlines(self):
        """{triwulan: date or None} for the quarters whose deadline the form changes. A quarter's field must be
        sent empty to remove its deadline; a field missing from the POST leaves the quarter as it is."""
        chosen = {q: self.cleaned_data.get(f"tw{q}") for q in Triwulan.values if f"tw{q}" in self.data}
        if "rencana" in self.data:
            chosen[RENCANA] = self.cleaned_data.get("rencana")
        return {q: batas for q, batas in chosen.items() if batas != self.current.get(q)}


class KomentarForm(forms.Form):
    """A new thread (on the plan or one of its kegiatan) or an answer in one (`induk`). Choices are the plan's own."""

    kegiatan = forms.ModelChoiceField(label=_("Tentang"), queryset=None, required=False, empty_label=_("Rencana ini"))
    induk = forms.ModelChoiceField(queryset=None, required=False, widget=forms.HiddenInput)
    isi = forms.CharField(label=_("Komentar"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)

    def __init__(self, *args, rencana, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kegiatan"].queryset = rencana.kegiatan.order_by("nomor")
        self.fields["kegiatan"].label_from_instance = lambda k: f"No. {k.nomor} · {k.uraian[:80]}"
        self.fields["induk"].queryset = rencana.komentar.filter(induk__isnull=True)


class PembukaanForm(forms.Form):
    """Asking to reopen a closed year: why, and for how many hours (72 by default, at most 14 days)."""

    alasan = forms.CharField(
        label=_("Alasan membuka kembali"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Mis. realisasi TW IV salah ketik pada laporan OPD tertentu; sebutkan apa yang akan diperbaiki."),
    )
    durasi_jam = forms.IntegerField(
        label=_("Lama dibuka (jam)"),
        initial=PEMBUKAAN_JAM_DEFAULT,
        min_value=1,
        max_value=PEMBUKAAN_JAM_MAKS,
        help_text=_("Sesudahnya tahun dikunci kembali otomatis dan angka perbaikan diambil (paling lama 336 jam)."),
    )
