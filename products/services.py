"""Every write to the catalogue: validated, audited (who, when, what, why), in one transaction.

Curation moves only through `product_move`; the rules of which move is allowed live in `TRANSITIONS`."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opop.accounts.permissions import can_curate
from opop.common.audit import audited_delete, audited_save
from opop.common.services import versioned_update
from opop.common.uploads import check_upload, random_name_file
from products.models import Certification, CurationEvent, CurationStatus, Product, ProductPhoto
from products.uploads import DOCUMENT_KINDS, PHOTO_KINDS, process_photo

PRODUCT_FIELDS = (
    "nama",
    "pesantren",
    "kategori",
    "deskripsi",
    "harga",
    "satuan",
    "kapasitas_bulanan",
    "jangkauan_pasar",
    "negara_tujuan",
    "tautan_opop_mart",
)
CURATION_FIELDS = ("status_kurasi", "tahun_unggulan")  # written by product_move alone, never by a form
CERTIFICATION_FIELDS = ("jenis", "nomor", "tanggal_terbit", "berlaku_sampai")


def _require_writer(actor):
    if not can_curate(actor):
        raise PermissionDenied(_("Hanya Staf Diskop dan Admin yang dapat mengubah katalog produk."))


# --- products ------------------------------------------------------------------------------------------------


@transaction.atomic
def product_save(*, actor, product=None, reason="", versi=None, **data):
    """Create or update a product's descriptive fields. Status and designation year are not among them.
    An update with `versi` (the edit form's version) is refused when someone saved the product after the form
    was loaded; the row is locked while checking, so two simultaneous saves cannot both pass."""
    _require_writer(actor)
    product = product or Product()
    versioned_update(instance=product, version=versi, fields=PRODUCT_FIELDS, data=data, actor=actor, reason=reason)
    return product


# --- curation ------------------------------------------------------------------------------------------------

S = CurationStatus


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    kind: str  # "maju" (forward), "mundur" (back a step), "tolak" (not passed), "buka" (reopen)
    label: str
    needs_reason: bool = False
    needs_year: bool = False


TRANSITIONS = [
    Transition(S.TERDAFTAR, S.DIVERIFIKASI, "maju", gettext_lazy("Verifikasi administrasi")),
    Transition(S.DIVERIFIKASI, S.DIKURASI, "maju", gettext_lazy("Nyatakan sudah dikurasi")),
    Transition(S.DIKURASI, S.UNGGULAN, "maju", gettext_lazy("Tetapkan sebagai unggulan"), needs_year=True),
    Transition(S.TERDAFTAR, S.TIDAK_LOLOS, "tolak", gettext_lazy("Tidak lolos"), needs_reason=True),
    Transition(S.DIVERIFIKASI, S.TIDAK_LOLOS, "tolak", gettext_lazy("Tidak lolos"), needs_reason=True),
    Transition(S.DIKURASI, S.TIDAK_LOLOS, "tolak", gettext_lazy("Tidak lolos"), needs_reason=True),
    Transition(S.DIVERIFIKASI, S.TERDAFTAR, "mundur", gettext_lazy("Kembalikan ke terdaftar"), needs_reason=True),
    Transition(S.DIKURASI, S.DIVERIFIKASI, "mundur", gettext_lazy("Kembalikan ke diverifikasi"), needs_reason=True),
    Transition(S.UNGGULAN, S.DIKURASI, "mundur", gettext_lazy("Cabut penetapan unggulan"), needs_reason=True),
    Transition(S.TIDAK_LOLOS, S.TERDAFTAR, "buka", gettext_lazy("Daftarkan ulang"), needs_reason=True),
]
TRANSITION_MAP = {(t.source, t.target): t for t in TRANSITIONS}


def transitions_from(status):
    return [t for t in TRANSITIONS if t.source == status]


def _designation_year_error(year):
    this_year = timezone.localdate().year
    if year is None:
        return _("Tahun penetapan unggulan wajib diisi.")
    if not 2019 <= year <= this_year:
        return _("Tahun penetapan harus antara 2019 dan %(year)s.") % {"year": this_year}
    return None


@transaction.atomic
def product_move(*, actor, product, to, notes="", year=None):
    """Move a product one curation step and record who, when and why. Refused moves raise ValidationError
    with an Indonesian message and change nothing."""
    _require_writer(actor)
    product = Product.objects.select_for_update().get(pk=product.pk)
    source = product.status_kurasi
    notes = (notes or "").strip()
    year = product_move_check(product=product, to=to, notes=notes, year=year)

    reason = (f"{S(source).label} → {S(to).label}" + (f": {notes}" if notes else ""))[:100]
    data = {"status_kurasi": to, "tahun_unggulan": year}
    versioned_update(
        instance=product, version=None, locked=True, fields=CURATION_FIELDS, data=data, actor=actor, reason=reason
    )
    event = CurationEvent(produk=product, dari=source, ke=to, oleh=actor, catatan=notes, tahun_unggulan=year)
    audited_save(event, actor=actor, reason=reason)
    return product


def product_move_check(*, product, to, notes="", year=None):
    """The rules of one curation move, without writing: raises the ValidationError product_move would, else
    returns the designation year to store (None unless the move designates). The confirmation page asks this
    first, so it never asks to confirm a move that would be refused."""
    source = product.status_kurasi
    notes = (notes or "").strip()
    if to not in S.values:
        raise ValidationError(_("Status kurasi tujuan tidak dikenal."))
    transition = TRANSITION_MAP.get((source, to))
    if transition is None:
        raise ValidationError(
            _("Produk berstatus %(source)s tidak dapat dipindahkan ke %(target)s.")
            % {"source": S(source).label, "target": S(to).label}
        )
    if transition.needs_reason and not notes:
        if transition.kind == "tolak":
            raise ValidationError({"catatan": _("Alasan tidak lolos wajib diisi.")})
        raise ValidationError({"catatan": _("Alasan wajib diisi untuk langkah mundur.")})
    if transition.needs_year:
        error = _designation_year_error(year)
        if error:
            raise ValidationError({"tahun": error})
        return year
    return None


# --- photos --------------------------------------------------------------------------------------------------


def _delete_files_after_commit(*fields):
    names = [(f.storage, f.name) for f in fields if f and f.name]

    def remove():
        for storage, name in names:
            storage.delete(name)

    transaction.on_commit(remove)


@transaction.atomic
def photo_add(*, actor, product, upload, keterangan=""):
    """Validate the upload as a real image under the size limit, re-encode it and store it with a thumbnail."""
    _require_writer(actor)
    data, _ext = check_upload(upload, kinds=PHOTO_KINDS)
    main, thumb, _w, _h = process_photo(data)
    next_order = (product.foto.order_by("-urutan").values_list("urutan", flat=True).first() or 0) + 1
    photo = ProductPhoto(produk=product, keterangan=(keterangan or "").strip(), urutan=next_order)
    photo.gambar.save(main.name, main, save=False)
    photo.thumbnail.save(thumb.name, thumb, save=False)
    try:
        return audited_save(photo, actor=actor, reason=_("Foto ditambahkan"))
    except Exception:
        photo.gambar.delete(save=False)
        photo.thumbnail.delete(save=False)
        raise


@transaction.atomic
def photo_delete(*, actor, photo):
    _require_writer(actor)
    _delete_files_after_commit(photo.gambar, photo.thumbnail)
    audited_delete(photo, actor=actor, reason=_("Foto dihapus"))


# --- certifications ------------------------------------------------------------------------------------------


@transaction.atomic
def certification_save(
    *, actor, product, certification=None, document=None, verified=None, reason="", versi=None, **data
):
    """Create or update a certificate row. `document`: an uploaded PDF or image (checked by content);
    `verified`: True records the actor and time as verifier, False clears it, None leaves it. An update with
    `versi` (the edit form's version) is refused when someone saved the certificate after the form was loaded."""
    _require_writer(actor)
    certification = certification or Certification(produk=product)
    if certification.produk_id != product.pk:
        raise ValueError("Certification belongs to another product")
    old_name = certification.dokumen.name if document is not None and certification.dokumen else None
    stored = []

    def prepare(certification):
        if document is not None:
            content, ext = check_upload(document, kinds=DOCUMENT_KINDS)
            upload = random_name_file(content, ext)
            certification.dokumen.save(upload.name, upload, save=False)
            stored.append(certification.dokumen)
        if verified is True and not certification.is_verified:
            certification.diverifikasi_oleh, certification.diverifikasi_pada = actor, timezone.now()
        elif verified is False:
            certification.diverifikasi_oleh, certification.diverifikasi_pada = None, None

    try:
        versioned_update(
            instance=certification,
            version=versi,
            fields=CERTIFICATION_FIELDS,
            data=data,
            actor=actor,
            reason=reason,
            prepare=prepare,
        )
    except Exception:
        for dokumen in stored:  # the new file would be an orphan
            dokumen.delete(save=False)
        raise
    if old_name:
        storage = certification.dokumen.storage
        transaction.on_commit(lambda: storage.delete(old_name))
    return certification


@transaction.atomic
def certification_delete(*, actor, certification, reason=""):
    _require_writer(actor)
    _delete_files_after_commit(certification.dokumen)
    audited_delete(certification, actor=actor, reason=reason or _("Sertifikat dihapus"))
