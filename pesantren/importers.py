"""Import specs of the registry: pesantren (matched by NSPP) and persons (matched by NIK, otherwise by
name + birth date + pesantren)."""

import re
from collections import Counter

from django.utils.translation import gettext_lazy

from opop.common.reader_language import deferred as _
from opop.common.years import FIRST_YEAR, LAST_YEAR
from opop.imports.columns import (
    CellError,
    ChoiceColumn,
    DateColumn,
    IdentifierColumn,
    IntegerColumn,
    PhoneColumn,
    RegionColumn,
    TextColumn,
)
from opop.imports.engine import Action, ImportSpec
from opop.imports.identity import same_person_name
from opop.imports.lookups import among, slices
from opop.imports.regions import RegionMatcher
from opop.wilayah.models import KabupatenKota, Kecamatan
from pesantren import duplicates, tallies
from pesantren.models import (
    JenisKelamin,
    Pesantren,
    Santripreneur,
    Sociopreneur,
    StatusAktif,
    Tipologi,
    duplicate_key,
    normalize_name,
)
from pesantren.personal_data import Visibility, personal_data_visibility, shown_value
from pesantren.pesantren_names import CANDIDATE, LISTED, STRONG, PesantrenName, resolve

NAME_MAX = 200  # a pesantren name, as Pesantren.nama
# Lazy: translated only when two rows do clash, not once per row.
NIK_LABEL = gettext_lazy("NIK")
NAME_COLUMN = gettext_lazy("Nama")
SAME_PERSON_LABEL = gettext_lazy("Nama, tanggal lahir, dan pesantren")


class NsppColumn(IdentifierColumn):
    """An agency list's "Asal Pondok Pesantren" column often holds the pesantren's name. Where the kind can resolve a
    name (`accepts_names`: the person imports, see pesantren_names.py), the cell is kept as a PesantrenName; elsewhere
    (a pesantren's own NSPP, a product's producer) it is refused, saying where to find the NSPP."""

    def __init__(self, key, header, *, accepts_names=False, **kwargs):
        super().__init__(key, header, **kwargs)
        self.accepts_names = accepts_names

    def convert(self, raw):
        if isinstance(raw, str) and sum(ch.isalpha() for ch in raw) >= 3:
            name = " ".join(raw.split())
            if self.accepts_names:
                if len(name) > NAME_MAX:
                    raise CellError(_("Terlalu panjang: paling banyak %(n)d karakter.") % {"n": NAME_MAX})
                return PesantrenName(name)
            raise CellError(
                _(
                    "Berisi nama pesantren (%(v)s), bukan NSPP. Impor membutuhkan NSPP 12 digit: cari di menu "
                    "Pesantren (kolom NSPP) lalu isi kolom ini dengan NSPP-nya."
                )
                % {"v": " ".join(raw.split())[:80]}
            )
        if _digits(raw) is not None and len(_digits(raw)) == NPSN_DIGITS:
            raise CellError(
                _(
                    "Berisi NPSN (%(v)s, 8 digit: nomor sekolah/madrasah dari Dapodik atau EMIS), bukan NSPP "
                    "(12 digit, diawali 51). Cari NSPP pesantren itu di menu Pesantren lalu isi kolom ini dengan "
                    "NSPP-nya."
                )
                % {"v": _digits(raw)}
            )
        return super().convert(raw)


NPSN_DIGITS = 8  # Nomor Pokok Sekolah Nasional: what EMIS and Dapodik lists carry beside (or instead of) the NSPP


def _digits(raw):
    """The cell as its digits when it is a whole number or text of digits only (spaces aside), else None."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int) or (isinstance(raw, float) and raw.is_integer()):
        return str(int(raw))
    text = str(raw).strip().lstrip("'").replace(" ", "")
    return text if text.isdigit() else None


def nspp_column(key, header, **kwargs):
    return NsppColumn(
        key,
        header,
        pattern=r"^51\d{10}$",
        example="510035170239",
        message=gettext_lazy("NSPP harus 12 digit dan diawali 51, misalnya 510035170239."),
        **kwargs,
    )


PERSON_NAME = ["nama", "nama peserta", "nama santri", "nama lengkap peserta", "nama lengkap santri", "name"]
PESANTREN_OF_PERSON = [
    "nspp",
    "nspp pondok",
    "nspp pondok pesantren",
    "asal pondok",
    "asal pondok pesantren",
    "asal pesantren",
    "asal ponpes",
    "pondok pesantren",
    "pesantren",
    "ponpes",
    "nama satuan pendidikan",  # EMIS: the lembaga the santri belongs to
    "satuan pendidikan",
]
KABKOTA = [
    "kab/kota",
    "kabkota",
    "kabupaten/kota",
    "kabupaten",
    "kota",
    "kab",
    "kab kota",
    "kabupaten kota",
    # Kemenag and Satu Data exports: nama_kabupaten_kota, "Nama Kab/Kota"
    "nama kabupaten kota",
    "nama kabupaten/kota",
    "nama kab/kota",
    "nama kabkota",
]

# The pesantren's kab/kota on a person's list only where the title says so: a bare "Kabupaten/Kota" on a santri roster
# is the santri's own domicile, and narrowing the pesantren search by it finds nothing for santri from elsewhere.
KABKOTA_PESANTREN = [
    f"{region} {place}"
    for region in ("kab/kota", "kabupaten/kota", "kab kota", "kabupaten kota", "kabupaten", "kab", "kota")
    for place in ("pesantren", "pondok", "pondok pesantren", "ponpes")
]


def birth_date_column(example):
    return DateColumn(
        "tanggal_lahir",
        "Tanggal lahir",
        not_future=True,
        aliases=["tgl lahir", "tanggal lahir", "tgl lhr", "date of birth"],
        combined_aliases=[
            "tempat tanggal lahir",
            "tempat tgl lahir",
            "tempat/tanggal lahir",
            "tempat/tgl lahir",
            "tempat lahir/tanggal lahir",
            "tempat dan tanggal lahir",
            "ttl",
        ],
        example=example,
    )


def nik_column():
    return IdentifierColumn(
        "nik",
        "NIK",
        aliases=[
            "no ktp",
            "nomor ktp",
            "no nik",
            "nomor nik",
            "ktp",
            "nik ktp",
            "nomor induk kependudukan",
            # as agency forms title it: "No. KTP / NIK", "NIK / No. KTP"
            "no ktp/nik",
            "nik/no ktp",
            "ktp/nik",
            "nik/ktp",
        ],
        pattern=r"^\d{16}$",
        example="3517010101040001",
        detect=True,
        message=gettext_lazy("NIK harus tepat 16 digit angka."),
    )


def nib_column():
    return IdentifierColumn(
        "nib",
        "NIB",
        pattern=r"^\d{13}$",
        example="9120001234567",
        message=gettext_lazy("NIB harus tepat 13 digit angka."),
    )


def phone_column():
    return PhoneColumn(
        "telepon",
        "Telepon",
        aliases=[
            "no hp",
            "nomor hp",
            "no telepon",
            "no telp",
            "hp",
            "wa",
            "no wa",
            # "No. Handphone", "No. HP/WA", "Telp/HP" on pesantren rosters and Dinas forms
            "no handphone",
            "nomor handphone",
            "handphone",
            "no hp/wa",
            "hp/wa",
            "no wa/hp",
            "telp/hp",
            "no telp/hp",
        ],
        example="081234567890",
        detect=True,
    )


STATUS = ChoiceColumn(
    "status",
    "Status",
    choices=StatusAktif.choices,
    synonyms={"tidak": StatusAktif.TIDAK_AKTIF},
    example="Aktif",
    values_decide=True,  # agency lists title SWASTA/NEGERI, MUKIM/KALONG, "Status"
)
SEX = ChoiceColumn(
    "jenis_kelamin",
    "Jenis kelamin",
    choices=JenisKelamin.choices,
    example="L",
    aliases=["l/p", "jk", "jkl", "j/k", "kelamin", "jenis kelamin l/p", "gender", "sex"],  # JKL: EMIS sheets
    synonyms={
        **dict.fromkeys(("laki laki", "laki", "lelaki", "laki2", "pria", "lk", "putra", "male"), "L"),
        **dict.fromkeys(("wanita", "pr", "putri", "female"), "P"),
    },
)


def region_matcher():
    return RegionMatcher(KabupatenKota.objects.values_list("kode", "nama", "nama_pendek", "jenis"))


KECAMATAN_PREFIX = re.compile(r"^(kecamatan|kec)\b\.?\s*", re.IGNORECASE)


def kecamatan_key(name):
    """ "Kec. Diwek", "KECAMATAN DIWEK", "Kec Diwek" and "diwek" are one key."""
    return " ".join(KECAMATAN_PREFIX.sub("", name.strip()).lower().split())


def nik_birth(nik):
    """(day, month, two-digit year, female) coded in digits 7–12 of a NIK (DDMMYY, +40 on the day for women), or
    None where they are no date."""
    day, month, year = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    female = day > 40
    day -= 40 if female else 0
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    return day, month, year, female


def _two_niks(a, b):
    """Two records that each carry a NIK, and not the same one, are two people whatever their names."""
    return bool(a and b and a != b)


def kabkota_names():
    return dict(KabupatenKota.objects.values_list("kode", "nama"))


def pesantren_by_nspp(nspps):
    found = {}
    for chunk in slices(set(nspps)):
        found.update({p.nspp: p for p in Pesantren.objects.filter(nspp__in=chunk)})
    return found


class PesantrenImport(ImportSpec):
    kind = "pesantren"
    label = gettext_lazy("pesantren")
    model = Pesantren
    matching_rule = gettext_lazy("Baris dicocokkan dengan data yang ada lewat NSPP: NSPP yang sudah ada diperbarui.")
    columns = [
        nspp_column("nspp", "NSPP", required=True),
        TextColumn(
            "nama",
            "Nama pesantren",
            max_length=200,
            required=True,
            aliases=[
                "nama",
                "nama pondok",
                "nama pondok pesantren",
                "nama ponpes",
                "nama lembaga",
                "nama satuan pendidikan",
            ],
            example="PP Tebuireng",
        ),
        TextColumn("alamat", "Alamat", max_length=500, example="Jl. Irian Jaya 10, Cukir"),
        RegionColumn("kabkota", "Kabupaten/kota", required=True, aliases=KABKOTA, example="Jombang"),
        TextColumn("kecamatan", "Kecamatan", max_length=100, aliases=["kec"], example="Diwek"),
        TextColumn(
            "pengasuh",
            "Pengasuh",
            max_length=150,
            aliases=["pimpinan", "pengasuh/pimpinan", "kyai", "nama kyai", "nama pengasuh", "pimpinan pondok"],
            example="KH. Abdul Hakim",
        ),
        TextColumn("telepon", "Telepon", max_length=20, example="0321861719"),
        IntegerColumn("tahun_berdiri", "Tahun berdiri", min_value=1800, max_value=LAST_YEAR, example="1899"),
        ChoiceColumn("tipologi", "Tipologi", choices=Tipologi.choices, example="Kombinasi"),
        IntegerColumn("jumlah_santri", "Jumlah santri", min_value=0, example="4500"),
        IntegerColumn("tahun_kohort", "Tahun kohort OPOP", min_value=FIRST_YEAR, max_value=LAST_YEAR, example="2021"),
        STATUS,
    ]
    field_sources = {"kabkota_id": "kabkota", "kecamatan_id": "kecamatan"}
    regions = None  # the file's RegionMatcher (context), which counts the kab/kota its NSPPs decided
    update_fields = [
        "nama",
        "alamat",
        "kabkota_id",
        "kecamatan_id",
        "pengasuh",
        "telepon",
        "tahun_berdiri",
        "tipologi",
        "jumlah_santri",
        "tahun_kohort",
        "status",
    ]

    def context(self, rows):
        kecamatan, kecamatan_names = {}, {}
        for kode, nama, kabkota_id in Kecamatan.objects.values_list("kode", "nama", "kabkota_id"):
            kecamatan[(kabkota_id, kecamatan_key(nama))] = kode
            kecamatan[(kabkota_id, kode)] = kode
            kecamatan_names[kode] = nama
        self.regions = region_matcher()
        return {
            "regions": self.regions,
            "kecamatan": kecamatan,
            "existing": pesantren_by_nspp(row.values["nspp"] for row in rows),
            "labels": {"kabkota_id": kabkota_names(), "kecamatan_id": kecamatan_names},
        }

    def file_key(self, row):
        return ("NSPP", _("NSPP %(v)s") % {"v": row.values["nspp"]}, row.values["nspp"])

    def summary(self, rows):
        return self.regions.decided_notice() if self.regions else []

    def build(self, row, ctx):
        values = dict(row.values)
        try:  # Kemenag's bare "Kediri" is decided by the NSPP's kab/kota digits
            values["kabkota_id"] = ctx["regions"].match(values.pop("kabkota"), nspp=values["nspp"])
        except CellError as error:
            row.add_error(self.column("kabkota").header, error.message)
            return
        kecamatan = values.pop("kecamatan")
        values["kecamatan_id"] = None
        if kecamatan:
            values["kecamatan_id"] = ctx["kecamatan"].get((values["kabkota_id"], kecamatan_key(kecamatan)))
            if values["kecamatan_id"] is None:
                row.add_error(
                    "Kecamatan", _("Kecamatan '%(v)s' tidak ada di kabupaten/kota tersebut.") % {"v": kecamatan}
                )
                return
        for name in ("tipologi", "status"):
            values[name] = values[name] or ("" if name == "tipologi" else StatusAktif.AKTIF)
        existing = ctx["existing"].get(values["nspp"])
        # Any other name is a rename to confirm, however alike: "PP Annuqayah" and "Kebun Jeruk Annuqayah" are two
        # NSPPs of one complex, and a loose match would rename one after the other. Letter case and spacing are not.
        if existing is not None and normalize_name(existing.nama) != normalize_name(values["nama"]):
            row.confirm(
                self.column("nama").header,
                _(
                    "NSPP %(nspp)s terdaftar sebagai %(old)s; baris ini akan mengganti namanya menjadi %(new)s. "
                    "Pastikan NSPP-nya benar: penulisan menunggu konfirmasi Anda."
                )
                % {"nspp": values["nspp"], "old": existing.nama, "new": values["nama"]},
            )
        instance = existing or Pesantren(nspp=values["nspp"])
        row.changed = self.apply(instance, values, self.update_fields, old=row.old, row=row)
        if not self.validate(row, instance, exclude=["kabkota", "kecamatan"]):
            return
        if instance.nspp_region_mismatch:
            row.warn("NSPP", _("Digit 5–8 NSPP tidak sama dengan kode kabupaten/kota."))
        row.instance = instance
        row.action = Action.CREATE if existing is None else (Action.UPDATE if row.changed else Action.UNCHANGED)


class PersonImport(ImportSpec):
    """Shared by santripreneur and sociopreneur: NIK first, else name + birth date + pesantren."""

    pesantren_field = ""  # "pesantren" or "pesantren_asal"
    pesantren_column = ""
    matching_rule = gettext_lazy(
        "Baris dicocokkan lewat NIK; tanpa NIK, lewat nama + tanggal lahir + pesantren. Data yang cocok diperbarui."
    )

    def __init__(self, pesantren_dipilih=None, **options):
        super().__init__(**options)
        # The officer's pick on the preview for names that resemble several pesantren: {name as written: NSPP}.
        self.chosen_pesantren = dict(pesantren_dipilih or {})
        self.asked = {}  # name -> its candidates, for the preview's "pick the pesantren" form

    def choices_asked(self):
        return [
            {
                "name": name,
                "candidates": [[c.nspp, f"{c.nama} — {c.kabkota} (NSPP {c.nspp}, {int(c.score)}%)"] for c in found],
            }
            for name, found in sorted(self.asked.items())
        ]

    def name_hint(self, row, regions):
        """The kab/kota code the row gives for its pesantren, to narrow a search by name (None: anywhere)."""
        return None

    def pesantren_names(self, rows, regions):
        """{row number: (name, kab/kota)} of the rows whose pesantren is written by name, and their resolutions."""
        keys = {}
        for row in rows:
            value = row.values.get(self.pesantren_column)
            if isinstance(value, PesantrenName):
                keys[row.number] = (str(value), self.name_hint(row, regions))
        resolutions = resolve(keys.values())
        # A name the row's kab/kota narrowed to nothing is looked up everywhere too, so the row can say what it
        # matches without that kab/kota (a santri's own domicile, or a mistyped kab/kota).
        missed = {(name, None) for (name, kabkota), found in resolutions.items() if kabkota and not found.candidates}
        resolutions.update(resolve(missed - resolutions.keys()))
        for resolution in resolutions.values():  # the officer's pick among a name's candidates stands
            picked = self.chosen_pesantren.get(resolution.name)
            chosen = next((c for c in resolution.candidates if c.nspp == picked), None)
            if chosen is not None:
                resolution.pesantren, resolution.same, resolution.picked = chosen, False, True
        return keys, resolutions

    def context(self, rows):
        """Find existing people for the whole file in a few queries, loading full records only for matches."""
        regions = region_matcher()
        name_keys, resolutions = self.pesantren_names(rows, regions)
        nspps = {
            row.values[self.pesantren_column]
            for row in rows
            if row.values.get(self.pesantren_column) and row.number not in name_keys
        }
        nspps |= {r.pesantren.nspp for r in resolutions.values() if r.pesantren is not None}
        pesantren = pesantren_by_nspp(nspps)

        def pesantren_of(row):
            if row.number in name_keys:
                proposed = resolutions[name_keys[row.number]].pesantren
                return pesantren.get(proposed.nspp) if proposed is not None else None
            return pesantren.get(row.values.get(self.pesantren_column))

        pid_field = f"{self.pesantren_field}_id"
        by_nik, by_name = {}, {}
        for row in rows:  # once per row: file_keys, match and finish read it from the row's values
            row.values["nama_normal"] = normalize_name(row.values["nama"])
        for chunk in slices(rows):
            niks = [row.values["nik"] for row in chunk if row.values["nik"]]
            by_nik.update(self.model.objects.filter(among(self.model, "nik", niks)).order_by().values_list("nik", "pk"))
            wanted = {
                (row.values["nama_normal"], row.values["tanggal_lahir"], getattr(pesantren_of(row), "pk", None))
                for row in chunk
            }
            # The indexed duplicate key holds the same three (every write path sets it); the triple is compared
            # again below, so a name holding "|" cannot match another person's key.
            people = (
                self.model.objects.filter(among(self.model, "kunci_duplikat", {duplicate_key(*key) for key in wanted}))
                .order_by()
                .values_list("pk", "nama_normal", "tanggal_lahir", pid_field, "nik")
            )
            for pk, nama_normal, tanggal_lahir, pid, nik in people:
                if (nama_normal, tanggal_lahir, pid) in wanted:
                    by_name.setdefault((nama_normal, tanggal_lahir, pid), []).append((pk, nik))
        matched = set(by_nik.values()) | {pk for candidates in by_name.values() for pk, _nik in candidates}
        records = {}
        for chunk in slices(matched):
            records.update(self.model.objects.select_related(self.pesantren_field).in_bulk(chunk))
        names = {p.pk: p.nama for p in pesantren.values()}
        for record in records.values():
            if (known := getattr(record, self.pesantren_field)) is not None:
                names[known.pk] = known.nama
        return {
            "twins": self.suspected_twins(rows, pesantren_of),
            "pesantren": pesantren,
            "pesantren_of": pesantren_of,
            "name_keys": name_keys,
            "resolutions": resolutions,
            "by_nik": by_nik,
            "by_name": by_name,
            "records": records,
            "regions": regions,
            "labels": {pid_field: names, "kabkota_id": kabkota_names()},
        }

    def suspected_twins(self, rows, pesantren_of):
        """Who may be the same person although the duplicate key differs: the same normalised name in the same
        pesantren where one side has no birth date (a pesantren's two lists of one santri, once with the date and
        once without). {"registered": {(name, pesantren id, dated): [(pk, NIK, name)]}, "file": {row number: the
        row it may repeat}}: shown as warnings, never matched (the birth date is what tells two namesakes apart)."""
        pid_field = f"{self.pesantren_field}_id"

        def people(chunk):  # (row, name, pesantren id) of the rows whose pesantren is known
            for row in chunk:
                pid = getattr(pesantren_of(row), "pk", None)
                if pid is not None:
                    yield row, row.values["nama_normal"], pid

        registered = {}
        # A dated row: a record of that name and pesantren without a date has the row's key with the date left out.
        # Chunk by chunk: a file of 250 000 people would otherwise hold every key at once (issue 32).
        for chunk in slices(rows):
            blank_keys = {
                duplicate_key(name, None, pid) for row, name, pid in people(chunk) if row.values["tanggal_lahir"]
            }
            found = self.model.objects.filter(among(self.model, "kunci_duplikat", blank_keys)).order_by()
            for pk, name, pid, nik, nama in found.values_list("pk", "nama_normal", pid_field, "nik", "nama"):
                registered.setdefault((name, pid, True), []).append((pk, nik, nama))
        # A row without a date: the records of that name and pesantren that have one.
        undated = {(name, pid) for row, name, pid in people(rows) if not row.values["tanggal_lahir"]}
        for chunk in slices(sorted(undated)):
            found = self.model.objects.filter(
                among(self.model, pid_field, {pid for _name, pid in chunk}),
                among(self.model, "nama_normal", {name for name, _pid in chunk}),
                tanggal_lahir__isnull=False,
            ).order_by("pk")
            for pk, name, pid, nik, nama in found.values_list("pk", "nama_normal", pid_field, "nik", "nama"):
                if (name, pid) in undated:
                    registered.setdefault((name, pid, False), []).append((pk, nik, nama))
        # Two rows of the file pair only where one of them has no date: only those names are followed.
        first, in_file = {}, {}
        for row, name, pid in people(rows):
            if (name, pid) not in undated:
                continue
            dated = bool(row.values["tanggal_lahir"])
            other = first.get((name, pid, not dated))
            if other is not None and not _two_niks(other.values["nik"], row.values["nik"]):
                in_file[row.number] = other.number
            first.setdefault((name, pid, dated), row)
        return {"registered": registered, "file": in_file}

    def twin_warnings(self, row, values, existing, ctx):
        """Warn (not match) where the row may be a person already registered, or already in the file, whose birth
        date is on one side only."""
        header = self.column("nama").header
        pid = values[f"{self.pesantren_field}_id"]
        dated = bool(values["tanggal_lahir"])
        for pk, nik, nama in ctx["twins"]["registered"].get((values["nama_normal"], pid, dated), []):
            if (existing is not None and pk == existing.pk) or _two_niks(nik, values["nik"]):
                continue
            if dated:
                message = _(
                    "Mungkin orang yang sama dengan %(nama)s yang sudah terdaftar di pesantren yang sama tanpa tanggal "
                    "lahir: tidak digabung, baris ini menjadi data tersendiri. Bila orangnya sama, isi tanggal "
                    "lahirnya di data terdaftar lalu periksa ulang berkas ini."
                )
            else:
                message = _(
                    "Mungkin orang yang sama dengan %(nama)s yang sudah terdaftar di pesantren yang sama dengan "
                    "tanggal lahir: tidak digabung, baris ini menjadi data tersendiri. Bila orangnya sama, isi "
                    "tanggal lahirnya di berkas lalu periksa ulang."
                )
            row.warn(header, message % {"nama": nama})
            break
        other = ctx["twins"]["file"].get(row.number)
        if other is not None:
            where = _("baris %(row)d") % {"row": other} if isinstance(other, int) else other
            message = _(
                "Mungkin orang yang sama dengan %(where)s di berkas ini (nama dan pesantren sama, tanggal lahir hanya "
                "di salah satunya): tidak digabung. Bila orangnya sama, samakan tanggal lahirnya di kedua baris."
            )
            row.warn(header, message % {"where": where})

    def shown(self, name, value, ctx):
        """NIK, birth date and phone as the importer may see them (Staf and Admin: in full)."""
        if name in self.model.PERSONAL_FIELDS:
            return shown_value(value, name, personal_data_visibility(self.actor)) or "—"
        return super().shown(name, value, ctx)

    def file_keys(self, row):
        """The same NIK twice is one person twice; so is the same name, birth date and pesantren, unless both rows
        carry a NIK and the NIKs differ."""
        values = row.values
        keys = [("NIK", NIK_LABEL, ("nik", values["nik"]), None)] if values["nik"] else []
        identity = ("nama", values["nama_normal"], values["tanggal_lahir"], values.get(self.pesantren_column))
        keys.append((NAME_COLUMN, SAME_PERSON_LABEL, identity, values["nik"]))
        return keys

    def match(self, row, values, ctx):
        if values["nik"] and values["nik"] in ctx["by_nik"]:
            person = ctx["records"][ctx["by_nik"][values["nik"]]]
            self.check_same_person(person, values)
            return person
        key = (values["nama_normal"], values["tanggal_lahir"], values[f"{self.pesantren_field}_id"])
        # Someone with another NIK is another person, whatever the name.
        candidates = [
            pk for pk, nik in ctx["by_name"].get(key, []) if not nik or not values["nik"] or nik == values["nik"]
        ]
        if len(candidates) > 1:
            raise CellError(
                _("Cocok dengan %(n)d data yang diduga duplikat; selesaikan duplikatnya dulu.")
                % {"n": len(candidates)},
                column=_("Nama"),
            )
        return ctx["records"][candidates[0]] if candidates else None

    def check_same_person(self, person, values):
        """A NIK is one person: a row with a clearly different name or another birth date is not an update of the
        registered one (a mistyped NIK would otherwise overwrite somebody else). Who the NIK belongs to is said only
        to a viewer who may see personal data (importers are Staf and Admin, who may)."""
        born = values["tanggal_lahir"]
        other_birth = born is not None and person.tanggal_lahir is not None and born != person.tanggal_lahir
        if same_person_name(person.nama, values["nama"]) and not other_birth:
            return
        if personal_data_visibility(self.actor) != Visibility.FULL:
            raise CellError(
                _(
                    "NIK ini sudah terdaftar atas nama orang lain (nama atau tanggal lahir berbeda). Periksa NIK-nya; "
                    "baris ini tidak ditulis."
                ),
                column="NIK",
            )
        lahir = shown_value(person.tanggal_lahir, "tanggal_lahir", Visibility.FULL) or _("tidak tercatat")
        raise CellError(
            _(
                "NIK ini terdaftar atas nama %(nama)s (lahir %(lahir)s), berbeda dengan baris ini. Periksa NIK-nya; "
                "baris ini tidak ditulis."
            )
            % {"nama": person.nama, "lahir": lahir},
            column="NIK",
        )

    def tally_key(self, person):
        return None

    def new_record(self):
        """The unsaved person a row that matches nobody becomes."""
        return self.model()

    def resolve_pesantren(self, row, values, ctx):
        nspp = values.pop(self.pesantren_column)
        values[f"{self.pesantren_field}_id"] = None
        if isinstance(nspp, PesantrenName):
            pesantren = self.pesantren_by_name(row, ctx)
            if pesantren is None:
                return False
            values[f"{self.pesantren_field}_id"] = pesantren.pk
            return True
        if nspp:
            pesantren = ctx["pesantren"].get(nspp)
            if pesantren is None:
                row.add_error(
                    self.column(self.pesantren_column).header,
                    _("Pesantren dengan NSPP %(v)s belum terdaftar.") % {"v": nspp},
                )
                return False
            values[f"{self.pesantren_field}_id"] = pesantren.pk
        return True

    def pesantren_by_name(self, row, ctx):
        """The registered pesantren a name resolves to (said on the row, and to be confirmed unless the names are the
        same), or None with the candidates, or where to look the NSPP up, as the row's error."""
        header = self.column(self.pesantren_column).header
        resolution = ctx["resolutions"][ctx["name_keys"][row.number]]
        found = resolution.pesantren
        if found is not None:
            said = {"v": resolution.name, "nama": found.nama, "nspp": found.nspp, "kk": found.kabkota}
            if resolution.picked:
                message = _("“%(v)s” dibaca sebagai %(nama)s (NSPP %(nspp)s, %(kk)s): dipilih petugas.")
                row.warn(header, message % said)
            elif resolution.same:
                message = _("“%(v)s” dibaca sebagai %(nama)s (NSPP %(nspp)s, %(kk)s): namanya sama.")
                row.warn(header, message % said)
            else:
                message = _(
                    "“%(v)s” diusulkan sebagai %(nama)s (NSPP %(nspp)s, %(kk)s), kemiripan %(score)d%%. Pastikan "
                    "benar: penulisan menunggu konfirmasi Anda; bila keliru, tulis NSPP yang benar di kolom ini."
                )
                row.confirm(header, message % {**said, "score": int(found.score)})
            return ctx["pesantren"][found.nspp]
        if resolution.candidates:
            self.asked[resolution.name] = resolution.candidates[:LISTED]
            listed = "; ".join(
                f"{c.nama} (NSPP {c.nspp}, {c.kabkota}, {int(c.score)}%)" for c in resolution.candidates[:5]
            )
            message = _(
                "“%(v)s” mirip dengan beberapa pesantren di registri: %(listed)s. Tidak ada yang dipilih otomatis "
                "(di bawah %(strong)d%% atau terlalu mirip satu sama lain): pilih pesantrennya di pratinjau, atau "
                "tulis NSPP pesantren yang dimaksud di kolom ini."
            )
            row.add_error(header, message % {"v": resolution.name, "listed": listed, "strong": STRONG})
            return None
        kabkota = ctx["name_keys"][row.number][1]
        anywhere = ctx["resolutions"].get((resolution.name, None)) if kabkota else None
        if anywhere is not None and anywhere.candidates:
            row.add_error(header, self.found_elsewhere(resolution.name, kabkota, anywhere, ctx["regions"]))
            return None
        message = _(
            "Pesantren “%(v)s” tidak ditemukan di registri (tidak ada nama yang mirip %(min)d%% atau lebih). Cari "
            "NSPP-nya di menu Pesantren portal ini (cari nama), atau di EMIS Kemenag bila pesantren belum terdaftar "
            "(daftarkan dulu pesantrennya), lalu tulis NSPP-nya di kolom ini."
        )
        row.add_error(header, message % {"v": resolution.name, "min": CANDIDATE})
        return None

    def found_elsewhere(self, name, kabkota, anywhere, regions):
        """Why a name the row's kab/kota column narrowed finds nothing, and what it matches without that column."""
        said = {
            "v": name,
            "kk": regions.names[kabkota],
            "col": self.column("kabkota_pesantren").header,
        }
        if anywhere.pesantren is not None:
            found = anywhere.pesantren
            message = _(
                "Pesantren “%(v)s” tidak ditemukan di %(kk)s (kolom %(col)s); nama ini cocok dengan %(nama)s (NSPP "
                "%(nspp)s) di %(other)s. Perbaiki atau kosongkan sel %(col)s, atau tulis NSPP pesantrennya di kolom "
                "ini."
            )
            return message % {**said, "nama": found.nama, "nspp": found.nspp, "other": found.kabkota}
        listed = "; ".join(f"{c.nama} (NSPP {c.nspp}, {c.kabkota}, {int(c.score)}%)" for c in anywhere.candidates[:5])
        message = _(
            "Pesantren “%(v)s” tidak ditemukan di %(kk)s (kolom %(col)s); di kab/kota lain nama ini mirip dengan: "
            "%(listed)s. Perbaiki atau kosongkan sel %(col)s, atau tulis NSPP pesantrennya di kolom ini."
        )
        return message % {**said, "listed": listed}

    def check_nik_birth(self, row, values):
        """The NIK codes the birth date and sex; a row that says otherwise is told (a warning: the NIK or the date
        may be the wrong one), naming both where the viewer may see them."""
        coded = nik_birth(values["nik"]) if values["nik"] else None
        born = values["tanggal_lahir"]
        if coded is None:
            return
        day, month, year, female = coded
        if born is not None and (born.day, born.month, born.year % 100) != (day, month, year):
            if personal_data_visibility(self.actor) == Visibility.FULL:
                message = _("Tanggal lahir %(born)s tidak sama dengan tanggal lahir di NIK (%(coded)s).") % {
                    "born": born.strftime("%d-%m-%Y"),
                    "coded": f"{day:02d}-{month:02d}-{year:02d}",
                }
            else:
                message = _("Tanggal lahir tidak sama dengan tanggal lahir yang tersandi di NIK (digit 7–12).")
            row.warn(self.column("tanggal_lahir").header, message)
        sex = values["jenis_kelamin"]
        if sex and (sex == JenisKelamin.PEREMPUAN) != female:
            row.warn(
                self.column("jenis_kelamin").header,
                _("Jenis kelamin tidak sama dengan yang tersandi di NIK (tanggal +40 untuk perempuan)."),
            )

    def finish(self, row, values, ctx, exclude):
        self.check_nik_birth(row, values)
        values["status"] = values["status"] or StatusAktif.AKTIF
        try:
            existing = self.match(row, values, ctx)
        except CellError as error:
            row.add_error(error.column, error.message)
            return
        instance = existing or self.new_record()
        row.before = self.tally_key(existing) if existing else None
        key_before = getattr(instance, "kunci_duplikat", None)
        # kunci_duplikat is derived from the row as it will be written (clean() sets it).
        fields = [f for f in self.update_fields if f != "kunci_duplikat"]
        row.changed = self.apply(instance, values, fields, old=row.old, row=row)
        if not self.validate(row, instance, exclude=exclude, parsed=fields):
            return
        if existing is not None and instance.kunci_duplikat != key_before:
            row.old["kunci_duplikat"] = key_before  # after_write refreshes the twin flags of both keys
        self.twin_warnings(row, values, existing, ctx)
        row.instance = instance
        row.action = Action.CREATE if existing is None else (Action.UPDATE if row.changed else Action.UNCHANGED)


class SantripreneurImport(PersonImport):
    kind = "santripreneur"
    label = gettext_lazy("santripreneur")
    model = Santripreneur
    pesantren_field = "pesantren"
    pesantren_column = "nspp_pesantren"
    field_sources = {"nama_normal": "nama", "pesantren_id": "nspp_pesantren"}
    columns = [
        TextColumn("nama", "Nama lengkap", max_length=150, required=True, aliases=PERSON_NAME, example="Ahmad Fauzi"),
        nik_column(),
        SEX,
        birth_date_column("17-08-2004"),
        phone_column(),
        nspp_column("nspp_pesantren", "NSPP pesantren", required=True, aliases=PESANTREN_OF_PERSON, accepts_names=True),
        TextColumn(
            "bidang_usaha",
            "Bidang usaha",
            max_length=150,
            aliases=["jenis usaha", "usaha", "bidang"],
            example="Kuliner",
        ),
        STATUS,
        IntegerColumn(
            "tahun_terdaftar",
            "Tahun terdaftar",
            min_value=FIRST_YEAR,
            max_value=LAST_YEAR,
            required=True,
            aliases=["tahun", "tahun pelatihan", "tahun kegiatan", "tahun daftar"],
            example="2023",
        ),
        RegionColumn(
            "kabkota_pesantren",
            "Kabupaten/kota pesantren",
            aliases=KABKOTA_PESANTREN,
            help_text=gettext_lazy("Dipakai untuk mencari pesantren yang ditulis dengan nama, bukan NSPP."),
            example="Jombang",
        ),
    ]
    update_fields = [
        "nama",
        "nama_normal",
        "kunci_duplikat",
        "nik",
        "jenis_kelamin",
        "tanggal_lahir",
        "telepon",
        "pesantren_id",
        "bidang_usaha",
        "status",
        "tahun_terdaftar",
    ]

    def build(self, row, ctx):
        values = dict(row.values)
        if self.resolve_pesantren(row, values, ctx):
            self.finish(row, values, ctx, exclude=["pesantren"])
            if row.instance is not None:  # what after_write needs once the record is stored (and let go of)
                tally = tallies.santri_key(row.instance, ctx["pesantren_of"](row).kabkota_id)
                row.after = (tally, row.instance.kunci_duplikat)

    def tally_key(self, person):
        return tallies.santri_key(person)

    def name_hint(self, row, regions):
        written = row.values.get("kabkota_pesantren")
        if not written:
            return None
        try:
            return regions.match(written)
        except CellError:
            return None  # not a kab/kota the registry knows: the name is searched everywhere

    def after_write(self, rows):
        delta = Counter()
        keys = set()
        for row in rows:
            if row.action in (Action.CREATE, Action.UPDATE):
                tally, key = row.after
                delta[tally] += 1
                if row.before:
                    delta[row.before] -= 1
                keys.add(key)
                keys.add(row.old.get("kunci_duplikat"))  # an update that changed the key may leave a twin alone
        tallies.apply(santri=delta)
        duplicates.refresh(keys)


class SociopreneurImport(PersonImport):
    kind = "sociopreneur"
    label = gettext_lazy("sociopreneur")
    model = Sociopreneur
    pesantren_field = "pesantren_asal"
    pesantren_column = "nspp_pesantren_asal"
    field_sources = {"nama_normal": "nama", "pesantren_asal_id": "nspp_pesantren_asal", "kabkota_id": "kabkota"}
    columns = [
        TextColumn("nama", "Nama lengkap", max_length=150, required=True, aliases=PERSON_NAME, example="Siti Aminah"),
        nik_column(),
        SEX,
        birth_date_column("02-02-1995"),
        phone_column(),
        nspp_column("nspp_pesantren_asal", "NSPP pesantren asal", aliases=PESANTREN_OF_PERSON, accepts_names=True),
        TextColumn("nama_usaha", "Nama usaha", max_length=200, required=True, example="Batik Santri Mandiri"),
        TextColumn("sektor", "Sektor usaha", max_length=120, example="Fesyen"),
        RegionColumn("kabkota", "Kabupaten/kota usaha", required=True, aliases=KABKOTA, example="Jombang"),
        nib_column(),
        IntegerColumn(
            "tahun_mulai", "Tahun mulai usaha", min_value=1950, max_value=LAST_YEAR, required=True, example="2021"
        ),
        IntegerColumn("jumlah_pekerja", "Jumlah pekerja", min_value=0, example="5"),
        STATUS,
    ]
    update_fields = [
        "nama",
        "nama_normal",
        "kunci_duplikat",
        "nik",
        "jenis_kelamin",
        "tanggal_lahir",
        "telepon",
        "pesantren_asal_id",
        "nama_usaha",
        "sektor",
        "kabkota_id",
        "nib",
        "tahun_mulai",
        "jumlah_pekerja",
        "status",
    ]

    def build(self, row, ctx):
        values = dict(row.values)
        try:
            values["kabkota_id"] = ctx["regions"].match(values.pop("kabkota"))
        except CellError as error:
            row.add_error(self.column("kabkota").header, error.message)
            return
        values["nib"] = values["nib"] or ""
        values["jumlah_pekerja"] = values["jumlah_pekerja"] or 0
        if self.resolve_pesantren(row, values, ctx):
            self.finish(row, values, ctx, exclude=["pesantren_asal", "kabkota"])
