"""Import spec for kegiatan: the lines of one OPD's plan for one year, from a spreadsheet.

The columns are those of the plan's own XLSX export (programs/exports.py, "Rencana" sheet), so an exported plan
uploads back unchanged; the older command-line headers ("Kode SIPD", "Uraian kegiatan", "Pagu (Rp)", "Lokasi (kab/kota,
pisahkan dengan ;)", "Triwulan") are read too. The export's "No." column is ignored and its "Jumlah" row left out
(opop/imports/layout.py finds total rows).

Rows are matched to the plan's existing kegiatan (`_match`): by SIPD code, else by uraian (letter case and spacing
aside), so a corrected file re-uploaded updates its lines and adds none twice; a new line named like another (under
another code) needs the officer's confirmation on the preview, which names it ("mungkin sama dengan No. n"). The plan
must be editable (draf or dikembalikan). Two ways in:
- in the browser, through the import pages like every kind, into the plan chosen on the upload form (`rencana=`,
  preselected by the plan page's "Unggah kegiatan" link): its own officer, Diskop staff or an admin;
- from the command line (`opd=`, `tahun=`): the plan is created when the OPD has none for that year.
Writes go through `programs.services.kegiatan_upload` inside the engine's single transaction: all or nothing."""

import re
from collections import defaultdict

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from opop.accounts.models import PerangkatDaerah
from opop.accounts.permissions import can_upload_plan_lines, can_write_registry
from opop.common.concurrency import version_of
from opop.common.formatting import rupiah
from opop.common.reader_language import capitalized
from opop.common.reader_language import deferred as _
from opop.common.years import FIRST_YEAR, LAST_YEAR
from opop.imports.columns import (
    CellError,
    ChoiceColumn,
    CodeColumn,
    IntegerColumn,
    RupiahColumn,
    TextColumn,
    in_every_language,
)
from opop.imports.engine import Action, ImportSpec, is_blank
from opop.imports.regions import RegionMatcher
from opop.indicators.models import Indicator
from opop.wilayah.models import KabupatenKota
from pesantren import services as registry
from pesantren.importers import NAME_COLUMN, SantripreneurImport
from pesantren.models import Participation, Santripreneur
from programs import services
from programs.capaian import QUARTERS, even_split
from programs.models import (
    KEGIATAN_INPUT_FIELDS,
    ROMAWI,
    SPLITS,
    Kegiatan,
    LevelSipd,
    Pilar,
    Rencana,
    Satuan,
    SumberDana,
    sipd_level_of,
    uraian_key,
)
from programs.selectors import can_edit_rencana, can_upload_to_rencana, kegiatan_visible_to, rencana_uploadable_by

FIELDS = ["indikator_id" if name == "indikator" else name for name in KEGIATAN_INPUT_FIELDS]
# The quarterly splits (programs.models.SPLITS), read from "Target TW I" … "Target TW IV" and "Anggaran kas TW I" …
# "Anggaran kas TW IV" (the plan export writes them): per split, its columns' header and what a row is told when
# its yearly figure changed over an officer's own split and its quarterly cells are blank.
SPLIT_COLUMNS = {
    "target": (
        "Target TW",
        gettext_lazy(
            "Kegiatan ini punya target per triwulan sendiri (%(split)s); target atau triwulannya berubah, "
            "jadi isi Target TW I–IV (jumlahnya sama dengan target tahunan)."
        ),
    ),
    "kas": (
        "Anggaran kas TW",
        gettext_lazy(
            "Kegiatan ini punya anggaran kas per triwulan sendiri (%(split)s); pagu atau triwulannya berubah, "
            "jadi isi Anggaran kas TW I–IV (jumlahnya sama dengan pagu)."
        ),
    ),
}
SPLIT = [name for split in SPLITS.values() for name in (*split.fields, split.flag)]
LOKASI = "Lokasi"
URAIAN = "Program / Kegiatan / Sub Kegiatan"
POSSIBLY_SAME = gettext_lazy(
    "Kegiatan baru ini mungkin sama dengan %(lines)s (uraiannya sama, kode SIPD-nya lain). Dengan konfirmasi, "
    "baris ini ditambahkan sebagai kegiatan baru; bila itu kegiatan yang sama, beri kode SIPD yang sama di berkas, "
    "atau ubah uraiannya bila berbeda, lalu unggah lagi."
)
TRIWULAN = "Waktu Pelaksanaan"
PROVINCE_WIDE = {"provinsi jawa timur", "provinsi", "jawa timur", "seluruh jawa timur"}
ROMAN = {"I": "1", "II": "2", "III": "3", "IV": "4", "1": "1", "2": "2", "3": "3", "4": "4"}


QUARTER_RANGE = re.compile(r"\s*(?:-|–|—|S\s*/\s*D\.?|S\.\s*D\.?|SAMPAI(?:\s+DENGAN)?|HINGGA)\s*")


def parse_quarters(text):
    """The quarters a cell names -> '34'. What officers write: "TW I", "TW I, TW III" (the export), "TW III - TW IV",
    "TW I s/d TW IV", "I-IV", "TW III-IV", "Triwulan II", "1, 2", "12". Empty: every quarter. Anything else is
    refused with examples."""
    text = (text or "").strip().upper()
    if not text:
        return "1234"
    text = QUARTER_RANGE.sub(" - ", re.sub(r"TRIWULAN|TW\.?", " ", text)).strip()
    if re.fullmatch(r"[1-4]+", text):  # "12": the quarters' digits run together
        tokens = list(text)
    else:
        tokens = [token for token in re.split(r"[\s,;/&+]+|\bDAN\b", text) if token]
    quarters, previous, in_range = set(), None, False
    for token in tokens:
        if token == "-" and previous is not None and not in_range:
            in_range = True
            continue
        quarter = int(ROMAN[token]) if token in ROMAN else None
        if quarter is None or (in_range and quarter < previous):
            quarters = set()
            break
        quarters.update(range(previous, quarter + 1) if in_range else [quarter])
        previous, in_range = quarter, False
    if not quarters or in_range:
        raise CellError(
            _("Tulis triwulan seperti TW I, TW II atau TW III - TW IV (juga: TW I s/d TW IV, Triwulan II, 1, 2)."),
            column=TRIWULAN,
        )
    return "".join(str(quarter) for quarter in sorted(quarters))


class KegiatanImport(ImportSpec):
    kind = "plan_lines"
    label = gettext_lazy("kegiatan rencana OPD")
    model = Kegiatan
    matching_rule = gettext_lazy(
        "Baris dicocokkan dengan kegiatan rencana itu lewat kode SIPD; tanpa kode, lewat uraiannya (huruf besar/kecil "
        "dan spasi diabaikan). Yang cocok diperbarui, selebihnya ditambahkan. Kegiatan baru yang uraiannya sama dengan "
        "kegiatan lain ditandai untuk diputuskan."
    )
    update_fields = [*FIELDS, *SPLIT, "lokasi"]
    # the quarters' own changes are shown
    HIDDEN_CHANGES = (*ImportSpec.HIDDEN_CHANGES, *(split.flag for split in SPLITS.values()))
    field_sources = {"indikator_id": "indikator"}
    columns = [
        CodeColumn("kode_sipd", "Kode", max_length=20, aliases=["Kode SIPD"], example="2.17.07.1.01.0002"),
        ChoiceColumn(
            "level_sipd",
            "Tingkat",
            choices=LevelSipd.choices,
            # "Non-nomenklatur" is what the plan export writes (in the viewer's language) for a line without SIPD code.
            synonyms={"Non-nomenklatur": "", "non nomenklatur": "", "subkegiatan": LevelSipd.SUB_KEGIATAN},
            example="Sub kegiatan",
        ),
        TextColumn(
            "uraian",
            "Program / Kegiatan / Sub Kegiatan",
            max_length=500,
            required=True,
            aliases=["Uraian kegiatan", "Uraian"],
            example="Pelatihan digital marketing",
        ),
        TextColumn("indikator_kinerja", "Indikator Kinerja", max_length=300, required=True, example="Jumlah peserta"),
        IntegerColumn("target", "Target", min_value=1, required=True, example="100"),
        *(
            IntegerColumn(
                f"target_tw{q}",
                f"Target TW {ROMAWI[q]}",
                aliases=[f"Target Triwulan {ROMAWI[q]}"],
                example="25",
            )
            for q in QUARTERS
        ),
        ChoiceColumn("satuan", "Satuan", choices=Satuan.choices, required=True, example="orang"),
        TextColumn(
            "lokasi",
            LOKASI,
            max_length=2000,
            aliases=["Lokasi (kab/kota, pisahkan dengan ;)"],
            example="Kabupaten Jombang, Kota Surabaya",
        ),
        TextColumn("triwulan", TRIWULAN, max_length=40, aliases=["Triwulan"], example="TW I, TW II"),
        ChoiceColumn("sumber_dana", "Sumber Dana", choices=SumberDana.choices, required=True, example="APBD"),
        RupiahColumn("pagu", "Pagu Indikatif (Rp)", required=True, aliases=["Pagu (Rp)", "Pagu"], example="150000000"),
        *(
            RupiahColumn(
                f"kas_tw{q}",
                f"Anggaran kas TW {ROMAWI[q]}",
                aliases=[f"Anggaran kas Triwulan {ROMAWI[q]}"],
                example="37500000",
            )
            for q in QUARTERS
        ),
        TextColumn("pptk", "PPTK", max_length=150, required=True, example="Budi Santoso"),
        ChoiceColumn("pilar", "Pilar OPOP", choices=Pilar.choices, required=True, example="Santripreneur"),
        TextColumn("indikator", "Indikator OPOP", max_length=150, required=True, example="Santripreneur"),
    ]

    def __init__(self, opd=None, tahun=None, rencana=None):
        """`rencana`: the plan (or its id, as a batch keeps it) chosen on the upload form; `opd` and `tahun`: the
        command line's. Neither: the upload page itself, where the plan is chosen."""
        self.chosen = rencana not in (None, "")
        if self.chosen and not isinstance(rencana, Rencana):
            rencana = Rencana.objects.select_related("opd").filter(pk=rencana).first()  # gone: allowed to no one
        self.rencana = rencana if self.chosen else None
        if self.rencana is not None:
            self.opd, self.tahun = self.rencana.opd, self.rencana.tahun
            return
        self.opd = PerangkatDaerah.objects.filter(kode=opd).first() if isinstance(opd, str) else opd
        self.tahun = int(tahun) if tahun else None

    def allowed(self, user):
        if self.chosen:
            return self.rencana is not None and can_upload_to_rencana(user, self.rencana)
        if self.opd is None and self.tahun is None:  # the upload page: its plan choice lists what the user may pick
            return can_upload_plan_lines(user)
        return self.opd is not None and self.tahun is not None and can_edit_rencana(user, Rencana(opd=self.opd))

    def upload_fields(self, user):
        return {
            "rencana": RencanaChoiceField(
                label=_("Rencana OPD"),
                queryset=rencana_uploadable_by(user),
                help_text=_(
                    "Kegiatan di berkas ditulis ke rencana ini (draf atau dikembalikan). Ekspor XLSX rencananya "
                    "berbentuk sama: ubah atau tambah barisnya, lalu unggah di sini."
                ),
            )
        }

    def upload_options(self, cleaned_data):
        return {"rencana": cleaned_data["rencana"].pk}

    def context_label(self, batch):
        if self.rencana is None:
            return ""
        return _("rencana %(opd)s %(tahun)s") % {"opd": self.rencana.opd, "tahun": self.rencana.tahun}

    def back_url(self, batch):
        return self.rencana.get_absolute_url() if self.rencana is not None else ""

    def _plan(self):
        if self.rencana is not None:
            return Rencana.objects.filter(pk=self.rencana.pk).first()
        return Rencana.objects.filter(opd=self.opd, tahun=self.tahun).first()

    def context(self, rows):
        if self.opd is None or self.tahun is None:
            raise CellError(_("Sebutkan OPD (--opd) dan tahun (--tahun) rencana."))
        rencana = self._plan()
        if rencana is not None and not rencana.is_editable:
            message = _("Rencana %(opd)s %(tahun)s tidak dapat diubah (status %(status)s).")
            raise CellError(message % {"opd": self.opd, "tahun": self.tahun, "status": rencana.get_status_display()})
        by_code, by_uraian = defaultdict(list), defaultdict(list)
        for kegiatan in rencana.kegiatan.prefetch_related("lokasi") if rencana is not None else []:
            if kegiatan.kode_sipd:
                by_code[kegiatan.kode_sipd].append(kegiatan)
            by_uraian[uraian_key(kegiatan.uraian)].append(kegiatan)
        indicators = {}
        for indicator in Indicator.objects.all():
            indicators[indicator.kode.lower()] = indicator
            indicators[indicator.nama.lower()] = indicator
        places = KabupatenKota.objects.values_list("kode", "nama", "nama_pendek", "jenis")
        return {
            "rencana": rencana,
            "by_code": by_code,
            "by_uraian": by_uraian,
            "claimed": {},  # line id -> the file's row that updates it
            "indicators": indicators,
            "regions": RegionMatcher(places),
            "place_names": {kode: nama for kode, nama, _short, _kind in places},
            "labels": {"indikator_id": {indicator.pk: indicator.nama for indicator in indicators.values()}},
        }

    def _match(self, values, ctx):
        """(line, None): the plan's line this row updates; (None, None): a new line; (None, message): the officer
        decides. By SIPD code when the row has one (a code several lines share: the one of the same uraian); else by
        uraian, letter case and spacing aside; a code brought in for a line written without one finds that line."""
        code, same_uraian = values["kode_sipd"], ctx["by_uraian"].get(uraian_key(values["uraian"]), [])
        if not code:
            candidates = same_uraian
        elif coded := ctx["by_code"].get(code):
            candidates = coded if len(coded) == 1 else [line for line in coded if line in same_uraian]
        else:
            candidates = [line for line in same_uraian if not line.kode_sipd]
        free = [line for line in candidates if line.pk not in ctx["claimed"]]
        if free:  # identical lines of a plan are matched in their order
            return free[0], None
        if candidates:
            line = candidates[0]
            message = _("Baris ini sama dengan baris %(row)d di berkas ini: keduanya kegiatan No. %(no)s.")
            return None, message % {"row": ctx["claimed"][line.pk], "no": line.nomor or "?"}
        return None, None

    def file_key(self, row):
        key = (row.values["kode_sipd"], uraian_key(row.values["uraian"]))
        return (_("Program / Kegiatan / Sub Kegiatan"), _("Kode dan uraian"), key)

    def shown(self, name, value, ctx):
        if name == "pagu" or name in SPLITS["kas"].fields:
            return rupiah(value)
        if name == "triwulan":
            return ", ".join(f"TW {ROMAWI[int(q)]}" for q in value)
        return super().shown(name, value, ctx)

    def describe_changes(self, row, ctx):
        described = super().describe_changes(row, ctx)
        before, after = sorted(kk.pk for kk in row.instance.lokasi.all()), sorted(row.after)
        if before != after:
            shown = [", ".join(ctx["place_names"][kode] for kode in kodes) for kodes in (before, after)]
            old, new = (text or _("Provinsi Jawa Timur") for text in shown)
            described.append((capitalized(Kegiatan._meta.get_field("lokasi").verbose_name), old, new))
        return described

    def _places(self, text, regions):
        # What the plan export writes, in the language of whoever exported it, for a line without kab/kota.
        province_wide = PROVINCE_WIDE | {
            name.lower() for name in in_every_language(gettext_lazy("Provinsi Jawa Timur"))
        }
        names = [part.strip() for part in re.split(r"[;,\n]", text or "") if part.strip()]
        if len(names) == 1 and names[0].lower() in province_wide:
            return []
        return [regions.match(name) for name in names]

    def build(self, row, ctx):
        values = dict(row.values)
        indicator = ctx["indicators"].get(values.pop("indikator").lower())
        if indicator is None:
            row.add_error("Indikator OPOP", _("Indikator tidak dikenal; pakai nama seperti Santripreneur."))
            return
        values["indikator_id"] = indicator.pk
        try:
            lokasi = self._places(values.pop("lokasi"), ctx["regions"])
        except CellError as error:
            row.add_error(LOKASI, error.message)
            return
        try:
            values["triwulan"] = parse_quarters(values["triwulan"])
        except CellError as error:
            row.add_error(TRIWULAN, error.message)
            return
        existing, problem = self._match(values, ctx)
        if problem:
            row.add_error(URAIAN, problem)
            return
        split = {}
        for kind in SPLITS.values():
            part = self._split(row, values, existing, kind)
            if part is None:
                return
            split |= part
        if existing is None and (same := ctx["by_uraian"].get(uraian_key(values["uraian"]))):
            # Another code under the same words: the officer decides, by confirming the write or fixing the file.
            lines = ", ".join(f"No. {line.nomor or '?'}" for line in same)
            row.confirm(URAIAN, _(POSSIBLY_SAME) % {"lines": lines})
        if existing is not None:
            ctx["claimed"][existing.pk] = row.number
            if not values["kode_sipd"]:  # a row without code never erases the line's code
                values["kode_sipd"], values["level_sipd"] = existing.kode_sipd, existing.level_sipd
            if uraian_key(values["uraian"]) == uraian_key(existing.uraian):  # retyped, not changed: kept as stored
                values["uraian"] = existing.uraian
        if not values["level_sipd"] and values["kode_sipd"]:
            values["level_sipd"] = sipd_level_of(values["kode_sipd"]) or ""  # as the form guesses it
        kegiatan = existing or Kegiatan(rencana=ctx["rencana"] or Rencana(opd=self.opd, tahun=self.tahun))
        versi = version_of(existing) if existing is not None else ""
        if existing is not None and not self.carries(row, "lokasi"):
            lokasi = [kk.pk for kk in existing.lokasi.all()]  # a blank Lokasi cell keeps the places on record
        row.changed = self.apply(kegiatan, values, FIELDS, old=row.old, row=row)
        row.changed += self.apply(kegiatan, split, SPLIT, old=row.old)
        if not self.validate(row, kegiatan, exclude=["rencana", "indikator"]):
            return
        row.instance, row.after, row.before = kegiatan, lokasi, versi
        if existing is None:
            row.action = Action.CREATE
        else:
            same_places = sorted(kk.pk for kk in existing.lokasi.all()) == sorted(lokasi)
            row.action = Action.UPDATE if row.changed or not same_places else Action.UNCHANGED

    def _split(self, row, values, existing, kind):
        """The line's quarterly figures of `kind` (a programs.models.Split: the targets or the anggaran kas) and
        whether they are the even split. Cells left blank (or columns left out) keep a line's split on record, or
        split a new line evenly, as the form does; filled cells are the officer's split (blank ones 0), unless they
        are the even split, which stays one. A changed yearly figure over a split of the officer's own with no
        quarterly cells cannot be guessed: the row says so. None: refused."""
        cells = [values.pop(name) for name in kind.fields]
        given = None if all(is_blank(cell) for cell in cells) else tuple(cell or 0 for cell in cells)
        total, quarters = values[kind.total], values["triwulan"]
        if existing is not None and not self.carries(row, "triwulan"):
            quarters = existing.triwulan  # a blank quarter cell keeps the line's quarters, so its split stays
        on_record = existing.split_of(kind) if existing is not None else None
        if given is None and existing is not None and not getattr(existing, kind.flag):
            if (total, quarters) != (getattr(existing, kind.total), existing.triwulan):
                header, message = SPLIT_COLUMNS[kind.prefix]
                shown = " + ".join(str(kind.shown(n)) for n in on_record)
                row.add_error(f"{header} I", _(message) % {"split": shown})
                return None
            given = on_record
        if existing is not None and given == on_record:
            even = getattr(existing, kind.flag)  # cells as exported keep the line's own rule
        else:
            even = given is None or given == even_split(total, quarters)
        split = even_split(total, quarters) if even else given
        return {**dict(zip(kind.fields, split, strict=True)), kind.flag: even}

    def write_rows(self, rows, *, actor, reason):
        rencana = self._plan()
        if rencana is None:  # command line: the OPD has no plan for that year yet
            rencana = services.rencana_create(actor=actor, opd=self.opd, tahun=self.tahun)
        lines = []
        for row in rows:
            if row.action not in (Action.CREATE, Action.UPDATE):
                continue
            names = [name.removesuffix("_id") for name in (*FIELDS, *SPLIT)]
            data = {name: getattr(row.instance, name) for name in names}
            data["lokasi"] = row.after
            lines.append((row.instance if row.action == Action.UPDATE else None, data, row.before))
        try:
            services.kegiatan_upload(actor=actor, rencana=rencana, lines=lines, reason=reason)
        except ValidationError as error:  # rules that span rows, checked by the services
            raise CellError(" ".join(error.messages)) from error


class RencanaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.opd} {obj.tahun} ({obj.get_status_display()})"


class KegiatanChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        nomor = f"No. {obj.nomor} " if obj.nomor else ""
        return f"{obj.rencana.opd} {obj.rencana.tahun} · {nomor}{obj.uraian}"


class ParticipationImport(SantripreneurImport):
    """A training list of one OPD activity (a plan line, programs.Kegiatan): each row is a person, found in the
    registry of santripreneur by NIK, or else by name + birth date + pesantren, and added when nobody matches
    (the registry's own rule: one person, many participations); each gets one participation in the activity (its
    name, the OPD and the year of its plan). Someone already recorded in the activity is said so and not recorded
    twice; the same person twice in the file is an error, as in every person import. Three OPDs training the same
    santri give one person and three participations.

    Who: Diskop staff and admins, who write the registry (a Petugas OPD reads it only). Writes go through
    pesantren.services (santripreneur_save, participation_add) in the engine's single transaction."""

    kind = "participations"
    label = gettext_lazy("peserta kegiatan OPD")
    matching_rule = gettext_lazy(
        "Daftar peserta satu kegiatan OPD. Peserta dicocokkan dengan registri santripreneur lewat NIK; tanpa NIK, "
        "lewat nama + tanggal lahir + pesantren. Yang belum terdaftar ditambahkan. Tiap orang dicatat satu kali "
        "sebagai peserta kegiatan ini; yang sudah tercatat tidak dicatat dua kali."
    )
    columns = [
        *(column for column in SantripreneurImport.columns if column.key != "tahun_terdaftar"),
        IntegerColumn(
            "tahun_terdaftar",
            "Tahun terdaftar",
            min_value=FIRST_YEAR,
            max_value=LAST_YEAR,
            aliases=["tahun daftar"],
            help_text=gettext_lazy("Kosong: tahun rencana kegiatan, untuk orang yang baru terdaftar."),
            example="2023",
        ),
    ]

    def __init__(self, kegiatan=None, **options):
        super().__init__(**options)
        if isinstance(kegiatan, Kegiatan):
            self.kegiatan = kegiatan
        elif kegiatan not in (None, "") and str(kegiatan).isdigit():
            self.kegiatan = Kegiatan.objects.select_related("rencana__opd").filter(pk=int(kegiatan)).first()
        else:
            self.kegiatan = None

    def allowed(self, user):
        if not can_write_registry(user):
            return False
        return self.kegiatan is None or kegiatan_visible_to(user).filter(pk=self.kegiatan.pk).exists()

    def upload_fields(self, user):
        return {
            "kegiatan": KegiatanChoiceField(
                label=_("Kegiatan OPD"),
                queryset=kegiatan_visible_to(user).order_by("-rencana__tahun", "rencana__opd__nama", "nomor", "id"),
                help_text=_("Semua peserta di berkas dicatat pada kegiatan ini (OPD dan tahun rencananya)."),
            )
        }

    def upload_options(self, cleaned_data):
        return {"kegiatan": cleaned_data["kegiatan"].pk}

    @property
    def opd(self):
        return self.kegiatan.rencana.opd

    @property
    def tahun(self):
        return self.kegiatan.rencana.tahun

    def context(self, rows):
        if self.kegiatan is None:
            raise CellError(_("Pilih kegiatan OPD yang pesertanya diimpor (baris perintah: --kegiatan <id>)."))
        ctx = super().context(rows)
        ctx["participants"] = set(
            Participation.objects.filter(kegiatan=self.kegiatan.uraian, opd=self.opd, tahun=self.tahun).values_list(
                "santripreneur_id", flat=True
            )
        )
        return ctx

    def new_record(self):
        return Santripreneur(tahun_terdaftar=self.tahun)

    def finish(self, row, values, ctx, exclude):
        # A newcomer without a year is registered in the plan's year; a registered person keeps theirs (the engine
        # leaves a field on record alone where the cell is blank).
        values["tahun_terdaftar"] = values["tahun_terdaftar"] or self.tahun
        super().finish(row, values, ctx, exclude)

    def build(self, row, ctx):
        super().build(row, ctx)
        if row.instance is None:
            return
        person_action = row.action
        joined = row.instance.pk is not None and row.instance.pk in ctx["participants"]
        if joined:
            row.warn(
                NAME_COLUMN,
                _("Sudah tercatat sebagai peserta kegiatan ini; partisipasinya tidak dicatat dua kali."),
            )
        else:
            if person_action == Action.UPDATE:  # counted as a new participation, the person's changes still shown
                row.changes = self.describe_changes(row, ctx)
            row.action = Action.CREATE
        row.after = (person_action, not joined)

    def summary(self, rows):
        new_people = sum(1 for row in rows if row.after and row.after[0] == Action.CREATE)
        known = sum(1 for row in rows if row.after and row.after[0] != Action.CREATE)
        if not new_people and not known:
            return []
        return [
            _(
                "Kegiatan %(kegiatan)s (%(opd)s, %(tahun)s): %(new)d peserta baru di registri santripreneur, "
                "%(known)d sudah terdaftar."
            )
            % {
                "kegiatan": self.kegiatan.uraian,
                "opd": self.opd,
                "tahun": self.tahun,
                "new": new_people,
                "known": known,
            }
        ]

    def write_rows(self, rows, *, actor, reason):
        for row in rows:
            if not row.after:
                continue
            person_action, joins = row.after
            person = row.instance
            try:
                if person_action in (Action.CREATE, Action.UPDATE):
                    person = registry.santripreneur_save(actor=actor, person=person, reason=reason)
                if joins:
                    registry.participation_add(
                        actor=actor,
                        santripreneur=person,
                        kegiatan=self.kegiatan.uraian,
                        opd=self.opd,
                        tahun=self.tahun,
                        reason=reason,
                    )
            except ValidationError as error:  # found by the database between rows: nothing is written
                raise CellError(
                    _("Baris %(row)d: %(msg)s") % {"row": row.number, "msg": " ".join(error.messages)}
                ) from error
