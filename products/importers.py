"""Import spec of the catalogue: products with their certificate numbers, from the product list's own XLSX export or
an agency's list.

A product is identified by its producing pesantren (NSPP) and its name, as the database's
`product_unique_name_per_pesantren` rule says; the name is compared without regard to case or spacing. Certificate
columns (NIB, P-IRT, BPOM, halal, merek/HKI, SNI, HACCP) hold one number or several separated by ";" (as the export
writes them): a number not yet recorded for the product is added, one already recorded is left as it is, and a
certificate is never removed by an import (a list that leaves it out may simply be older). Curation status and the
designation year are not imported: they move only through curation (products.services.product_move).

Rows are written through products.services (product_save, certification_save), inside the engine's single
transaction: all or nothing, each record with its history row naming the importer and the file."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from opop.accounts.permissions import can_curate
from opop.common.reader_language import deferred as _
from opop.common.reader_language import error_messages
from opop.imports.columns import (
    EXACT_DIGITS,
    SCIENTIFIC,
    CellError,
    ChoiceColumn,
    Column,
    IntegerColumn,
    RupiahColumn,
    TextColumn,
)
from opop.imports.engine import Action, ImportSpec
from pesantren.importers import nspp_column, pesantren_by_nspp
from products import services
from products.models import Certification, CertificationType, MarketReach, Product, ProductCategory

# The catalogue form's fields (products.services) as a file row sets them: the category by id, the pesantren apart.
PRODUCT_FIELDS = [{"kategori": "kategori_id"}.get(f, f) for f in services.PRODUCT_FIELDS if f != "pesantren"]
NUMBERS_SEPARATOR = ";"


def _key(name):
    return " ".join(str(name).lower().split())


class CertificateNumbersColumn(Column):
    """One kind of certificate: one number or several separated by ";" or line breaks, as written (a whole-number
    cell is read as its digits; one Excel rounded to 1.2E+14 is refused like any identifier)."""

    typed_as_text = True

    def __init__(self, jenis, header, **kwargs):
        super().__init__(f"sertifikat_{jenis}", header, **kwargs)
        self.jenis = jenis

    def empty(self):
        return []

    def _mangled(self, raw):
        return _(
            "%(col)s tersimpan sebagai angka (%(raw)s) sehingga digit hilang. Format kolom sebagai Teks di Excel "
            "lalu ketik ulang nilainya."
        ) % {"col": self.header, "raw": raw}

    def convert(self, raw):
        if isinstance(raw, (int, float, Decimal)) and not isinstance(raw, bool):
            if raw != int(raw) or len(str(int(raw))) > EXACT_DIGITS:
                raise CellError(self._mangled(raw))
            raw = str(int(raw))
        text = str(raw).strip().lstrip("'")
        if SCIENTIFIC.match(text.replace(" ", "")):
            raise CellError(self._mangled(text))
        numbers = []
        for part in text.replace("\n", NUMBERS_SEPARATOR).split(NUMBERS_SEPARATOR):
            number = " ".join(part.split())
            if number and number not in numbers:
                numbers.append(number)
        return numbers


class DescriptionColumn(TextColumn):
    """Free text whose line breaks are kept (a description is read as paragraphs)."""

    def convert(self, raw):
        text = str(raw).strip()
        if len(text) > self.max_length:
            raise CellError(_("Terlalu panjang: paling banyak %(n)d karakter.") % {"n": self.max_length})
        return text


CERTIFICATE_ALIASES = {
    CertificationType.NIB: ["nib produk", "nomor nib", "no nib", "nomor induk berusaha"],
    CertificationType.PIRT: ["pirt", "p irt", "no p-irt", "nomor p-irt", "no pirt", "nomor pirt", "spp-irt", "spp irt"],
    CertificationType.BPOM: ["bpom", "no bpom", "nomor bpom", "izin edar bpom", "md/ml", "bpom md/ml"],
    CertificationType.HALAL: ["halal", "no halal", "nomor halal", "no sertifikat halal", "nomor sertifikat halal"],
    CertificationType.MEREK: ["merek", "hki", "merek/hki", "no merek", "nomor merek"],
    CertificationType.SNI: ["no sni", "nomor sni"],
    CertificationType.HACCP: ["no haccp", "nomor haccp"],
}


def certificate_columns():
    return [
        CertificateNumbersColumn(jenis, str(jenis.label), aliases=CERTIFICATE_ALIASES[jenis])
        for jenis in CertificationType
    ]


class ProductImport(ImportSpec):
    kind = "products"
    label = gettext_lazy("produk")
    model = Product
    update_fields = PRODUCT_FIELDS
    field_sources = {"kategori_id": "kategori"}
    matching_rule = gettext_lazy(
        "Baris dicocokkan lewat NSPP pesantren + nama produk (huruf besar/kecil tidak dibedakan): produk yang sudah "
        "ada diperbarui, nomor sertifikat yang belum tercatat ditambahkan, sertifikat yang ada tidak pernah dihapus. "
        "Status kurasi tidak diimpor."
    )
    columns = [
        TextColumn(
            "nama",
            "Nama produk",
            max_length=200,
            required=True,
            aliases=["produk", "nama", "nama barang", "produk unggulan", "nama produk unggulan"],
            example="Kopi Santri Tebuireng",
        ),
        nspp_column(
            "nspp",
            "NSPP",
            required=True,
            aliases=["nspp pesantren", "nspp pondok pesantren", "nspp produsen", "nspp pesantren produsen"],
        ),
        TextColumn(
            "kategori",
            "Kategori",
            max_length=80,
            required=True,
            aliases=["kategori produk"],
            example="Makanan & minuman",
        ),
        DescriptionColumn("deskripsi", "Deskripsi", max_length=5000, aliases=["keterangan produk"], example=""),
        RupiahColumn("harga", "Harga (Rp)", aliases=["harga", "harga satuan"], example="35000"),
        TextColumn("satuan", "Satuan", max_length=60, aliases=["kemasan"], example="bungkus 250 g"),
        IntegerColumn(
            "kapasitas_bulanan",
            "Kapasitas per bulan",
            min_value=0,
            aliases=["kapasitas produksi per bulan", "kapasitas bulanan", "kapasitas produksi"],
            example="500",
        ),
        ChoiceColumn(
            "jangkauan_pasar", "Jangkauan pasar", choices=MarketReach.choices, aliases=["pasar"], example="Lokal"
        ),
        TextColumn("negara_tujuan", "Negara tujuan", max_length=300, aliases=["negara tujuan ekspor"], example=""),
        *certificate_columns(),
        TextColumn("tautan_opop_mart", "Tautan OPOP Mart", max_length=200, aliases=["opop mart"], example=""),
    ]

    def allowed(self, user):
        return can_curate(user)

    def context(self, rows):
        pesantren = pesantren_by_nspp(row.values["nspp"] for row in rows)
        categories = {}
        for category in ProductCategory.objects.filter(aktif=True):
            categories[_key(category.nama)] = category
            categories[_key(category.kode)] = category
            categories[_key(category.kode.replace("-", " "))] = category
        wanted = {p.pk for p in pesantren.values()}
        existing, certificates = {}, set()
        for product in Product.objects.filter(pesantren_id__in=wanted):
            existing.setdefault((product.pesantren_id, _key(product.nama)), []).append(product)
        for produk_id, jenis, nomor in Certification.objects.filter(produk__pesantren_id__in=wanted).values_list(
            "produk_id", "jenis", "nomor"
        ):
            certificates.add((produk_id, jenis, nomor))
        names = {c.pk: c.nama for c in ProductCategory.objects.all()}
        return {
            "pesantren": pesantren,
            "categories": categories,
            "existing": existing,
            "certificates": certificates,
            "labels": {"kategori_id": names},
        }

    def file_key(self, row):
        key = (row.values["nspp"], _key(row.values["nama"]))
        return (_("Nama produk"), _("NSPP dan nama produk"), key)

    def build(self, row, ctx):
        values = dict(row.values)
        pesantren = ctx["pesantren"].get(values["nspp"])
        if pesantren is None:
            row.add_error("NSPP", _("Pesantren dengan NSPP %(v)s belum terdaftar.") % {"v": values["nspp"]})
            return
        category = ctx["categories"].get(_key(values.pop("kategori")))
        if category is None:
            names = ", ".join(sorted({c.nama for c in ctx["categories"].values()}))
            row.add_error(
                self.column("kategori").header,
                _("Kategori tidak dikenal; pilih salah satu: %(names)s.") % {"names": names},
            )
            return
        values["kategori_id"] = category.pk
        values["jangkauan_pasar"] = values["jangkauan_pasar"] or MarketReach.LOKAL
        matches = ctx["existing"].get((pesantren.pk, _key(values["nama"])), [])
        if len(matches) > 1:
            row.add_error(
                self.column("nama").header,
                _("Cocok dengan %(n)d produk pesantren ini yang namanya hanya berbeda huruf besar/kecil; rapikan dulu.")
                % {"n": len(matches)},
            )
            return
        existing = matches[0] if matches else None
        product = existing or Product(pesantren=pesantren)
        row.changed = self.apply(product, values, self.update_fields, old=row.old, row=row)
        if not self.validate(row, product, exclude=["pesantren", "kategori"]):
            return
        new_certificates = self._new_certificates(row, values, product, ctx)
        if row.errors:
            return
        row.instance, row.after = product, new_certificates
        if existing is None:
            row.action = Action.CREATE
        else:
            row.action = Action.UPDATE if row.changed or new_certificates else Action.UNCHANGED

    def _new_certificates(self, row, values, product, ctx):
        """(jenis, number) of the row's certificates not yet on record, each checked by the certificate's own
        rules (NIB 13 digits, P-IRT 15, BPOM MD/ML + 12)."""
        added = []
        for column in self.columns:
            if not isinstance(column, CertificateNumbersColumn):
                continue
            for nomor in values[column.key]:
                certificate = Certification(jenis=column.jenis, nomor=nomor)
                try:
                    certificate.clean_fields(exclude=["produk", "dokumen"])
                    certificate.clean()
                except ValidationError as error:
                    for messages in error_messages(error).values():
                        for message in messages:
                            row.add_error(column.header, message)
                    continue
                if product.pk and (product.pk, column.jenis, certificate.nomor) in ctx["certificates"]:
                    continue
                if (column.jenis, certificate.nomor) not in added:
                    added.append((column.jenis, certificate.nomor))
        return added

    def describe_changes(self, row, ctx):
        described = super().describe_changes(row, ctx)
        for jenis, nomor in row.after or []:
            described.append((CertificationType(jenis).label, "—", nomor))
        return described

    def write_rows(self, rows, *, actor, reason):
        """The instances already carry the row's values (checked in `build`): the services save them with their
        history, then add the new certificates."""
        for row in rows:
            if row.action not in (Action.CREATE, Action.UPDATE):
                continue
            try:
                saved = services.product_save(actor=actor, product=row.instance, reason=reason)
                for jenis, nomor in row.after:
                    services.certification_save(actor=actor, product=saved, reason=reason, jenis=jenis, nomor=nomor)
            except ValidationError as error:  # a rule the database found between rows: nothing is written
                where = row.number if isinstance(row.number, str) else _("Baris %(row)d") % {"row": row.number}
                raise CellError(f"{where}: {' '.join(error.messages)}") from error
