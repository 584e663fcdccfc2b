"""Import spec for kegiatan: one OPD's plan for one year, from the spreadsheet the officer already keeps.

Rows are matched to the plan's existing kegiatan by SIPD code + uraian (update), otherwise added. The plan must be
editable (draf or dikembalikan); it is created when the OPD has none for that year. Writes go through the
programs services, row by row inside the engine's single transaction, so the usual rules and history apply."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opop.accounts.models import PerangkatDaerah
from opop.common.concurrency import version_of
from opop.common.importer.columns import CellError, ChoiceColumn, IntegerColumn, TextColumn
from opop.common.importer.engine import Action, ImportSpec
from opop.common.importer.regions import RegionMatcher
from opop.dashboard.models import Indicator
from opop.wilayah.models import KabupatenKota
from programs import services
from programs.models import Kegiatan, Pilar, Rencana, Satuan, SumberDana
from programs.selectors import can_edit_rencana

FIELDS = [
    "kode_sipd",
    "uraian",
    "pilar",
    "indikator_id",
    "indikator_kinerja",
    "target",
    "satuan",
    "pagu",
    "sumber_dana",
    "triwulan",
    "pptk",
]


class KegiatanImport(ImportSpec):
    kind = "plan_lines"
    label = gettext_lazy("kegiatan rencana OPD")
    model = Kegiatan
    matching_rule = gettext_lazy("Kegiatan dengan kode SIPD dan uraian yang sama pada rencana itu diperbarui.")
    columns = [
        TextColumn("kode_sipd", "Kode SIPD", max_length=20, example="2.17.07.1.01.0002"),
        TextColumn("uraian", "Uraian kegiatan", max_length=500, required=True, example="Pelatihan digital marketing"),
        ChoiceColumn("pilar", "Pilar OPOP", choices=Pilar.choices, required=True, example="Santripreneur"),
        TextColumn("indikator", "Indikator OPOP", max_length=150, required=True, example="santripreneur"),
        TextColumn("indikator_kinerja", "Indikator kinerja", max_length=300, required=True, example="Jumlah peserta"),
        IntegerColumn("target", "Target", min_value=1, required=True, example="100"),
        ChoiceColumn("satuan", "Satuan", choices=Satuan.choices, required=True, example="orang"),
        IntegerColumn("pagu", "Pagu (Rp)", min_value=0, required=True, example="150000000"),
        ChoiceColumn("sumber_dana", "Sumber dana", choices=SumberDana.choices, required=True, example="APBD"),
        TextColumn(
            "lokasi",
            "Lokasi (kab/kota, pisahkan dengan ;)",
            max_length=2000,
            aliases=["lokasi"],
            example="Jombang; Kota Surabaya",
        ),
        TextColumn("triwulan", "Triwulan", max_length=10, example="1234"),
        TextColumn("pptk", "PPTK", max_length=150, required=True, example="Budi Santoso"),
    ]

    def __init__(self, opd=None, tahun=None):
        self.opd = PerangkatDaerah.objects.filter(kode=opd).first() if isinstance(opd, str) else opd
        self.tahun = int(tahun) if tahun else None

    def allowed(self, user):
        return self.opd is not None and self.tahun is not None and can_edit_rencana(user, Rencana(opd=self.opd))

    def context(self, rows):
        if self.opd is None or self.tahun is None:
            raise CellError(_("Sebutkan OPD (--opd) dan tahun (--tahun) rencana."))
        rencana = Rencana.objects.filter(opd=self.opd, tahun=self.tahun).first()
        if rencana is not None and not rencana.is_editable:
            message = _("Rencana %(opd)s %(tahun)s tidak dapat diubah (status %(status)s).")
            raise CellError(message % {"opd": self.opd, "tahun": self.tahun, "status": rencana.get_status_display()})
        existing = {}
        if rencana is not None:
            existing = {(kegiatan.kode_sipd, kegiatan.uraian.lower()): kegiatan for kegiatan in rencana.kegiatan.all()}
        indicators = {}
        for indicator in Indicator.objects.all():
            indicators[indicator.kode.lower()] = indicator
            indicators[indicator.nama.lower()] = indicator
        regions = RegionMatcher(KabupatenKota.objects.values_list("kode", "nama", "nama_pendek", "jenis"))
        return {"rencana": rencana, "existing": existing, "indicators": indicators, "regions": regions}

    def file_key(self, row):
        key = (row.values["kode_sipd"], row.values["uraian"].lower())
        return (_("Uraian kegiatan"), _("Kode SIPD dan uraian"), key)

    def build(self, row, ctx):
        values = dict(row.values)
        indicator = ctx["indicators"].get(values.pop("indikator").lower())
        if indicator is None:
            row.add_error("Indikator OPOP", _("Indikator tidak dikenal; pakai kode seperti santripreneur."))
            return
        values["indikator_id"] = indicator.pk
        lokasi = []
        for name in filter(None, (part.strip() for part in values.pop("lokasi").split(";"))):
            try:
                lokasi.append(ctx["regions"].match(name))
            except CellError as error:
                row.add_error("Lokasi (kab/kota, pisahkan dengan ;)", error.message)
                return
        values["triwulan"] = "".join(sorted(set(c for c in values["triwulan"] if c in "1234"))) or "1234"
        existing = ctx["existing"].get((values["kode_sipd"], values["uraian"].lower()))
        kegiatan = existing or Kegiatan(rencana=ctx["rencana"] or Rencana(opd=self.opd, tahun=self.tahun))
        row.changed = self.apply(kegiatan, values, FIELDS)
        if not self.validate(row, kegiatan, exclude=["rencana", "indikator"]):
            return
        row.instance, row.after = kegiatan, lokasi
        if existing is None:
            row.action = Action.CREATE
        else:
            same_places = sorted(existing.lokasi.values_list("kode", flat=True)) == sorted(lokasi)
            row.action = Action.UPDATE if row.changed or not same_places else Action.UNCHANGED

    def write_rows(self, rows, *, actor, reason):
        rencana = Rencana.objects.filter(opd=self.opd, tahun=self.tahun).first()
        if rencana is None:
            rencana = services.rencana_create(actor=actor, opd=self.opd, tahun=self.tahun)
        for row in rows:
            data = {name.removesuffix("_id"): getattr(row.instance, name.removesuffix("_id")) for name in FIELDS}
            data["lokasi"] = row.after
            try:
                if row.action == Action.CREATE:
                    services.kegiatan_create(actor=actor, rencana=rencana, data=data)
                elif row.action == Action.UPDATE:
                    services.kegiatan_update(
                        actor=actor, kegiatan=row.instance, data=data, versi=version_of(row.instance)
                    )
            except ValidationError as error:  # rules that span rows, checked by the services
                raise CellError(" ".join(error.messages)) from error
