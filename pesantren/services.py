"""Every write to the registry: validated, audited (who, when, what, why), in one transaction."""

from collections import Counter

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from opop.accounts.permissions import can_write_registry
from opop.common.audit import audited_delete, audited_save
from opop.common.concurrency import lock_unique_keys
from opop.common.services import versioned_update
from pesantren import duplicates, tallies
from pesantren.models import Kopontren, Participation, Pesantren, Santripreneur, Sociopreneur

PESANTREN_FIELDS = (
    "nspp",
    "nama",
    "alamat",
    "kabkota",
    "kecamatan",
    "latitude",
    "longitude",
    "pengasuh",
    "telepon",
    "email",
    "tahun_berdiri",
    "tipologi",
    "jumlah_santri",
    "potensi_ekonomi",
    "tahun_kohort",
    "status",
)
KOPONTREN_FIELDS = ("nama", "nomor_badan_hukum", "nib", "jumlah_anggota", "status")
PERSON_FIELDS = ("nama", "nik", "jenis_kelamin", "tanggal_lahir", "telepon", "status")  # models.Person's own
SANTRIPRENEUR_FIELDS = (*PERSON_FIELDS, "pesantren", "bidang_usaha", "tahun_terdaftar")
SOCIOPRENEUR_FIELDS = (
    *PERSON_FIELDS,
    "pesantren_asal",
    "nama_usaha",
    "sektor",
    "kabkota",
    "nib",
    "tahun_mulai",
    "jumlah_pekerja",
)
PARTICIPATION_FIELDS = ("kegiatan", "opd", "tahun")
MERGE_FILLS = ("nik", "telepon", "jenis_kelamin", "bidang_usaha")  # taken from the merged record when keep lacks them


def _require_writer(actor):
    """The registry's one rule (`can_write_registry`), checked by every write below. `actor=None` is a write with no
    person behind it — the demo seed, a migration, a test's builder — never a request: views always pass the user."""
    if actor is not None and not can_write_registry(actor):
        raise PermissionDenied(_("Hanya Staf Diskop dan Admin yang dapat mengubah registri."))


@transaction.atomic
def record_save(*, actor, obj, fields, data, reason="", versi=None):
    """Create or update one registry record with an explicit field whitelist; an update with `versi` (the form's
    version) is refused when someone saved the record after the form was loaded. A create waits for an import that
    is writing new keys into the same table (lock_unique_keys), then validates against what it wrote."""
    _require_writer(actor)
    if obj.pk is None:
        lock_unique_keys(type(obj))
    before = save_state(obj)
    versioned_update(instance=obj, version=versi, fields=fields, data=data, actor=actor, reason=reason)
    apply_save(obj, before)
    return obj


@transaction.atomic
def pesantren_save(*, actor, pesantren=None, reason="", versi=None, **data):
    obj = pesantren or Pesantren()
    return record_save(actor=actor, obj=obj, fields=PESANTREN_FIELDS, data=data, reason=reason, versi=versi)


@transaction.atomic
def kopontren_save(*, actor, pesantren, reason="", versi=None, **data):
    kopontren = getattr(pesantren, "kopontren", None) if pesantren.pk else None
    obj = kopontren or Kopontren(pesantren=pesantren)
    return record_save(actor=actor, obj=obj, fields=KOPONTREN_FIELDS, data=data, reason=reason, versi=versi)


def _stored_santri_keys(pk):
    """(tally key, duplicate key) of a santripreneur as the database holds it (callers may have changed the
    instance); (None, None) when there is no such row."""
    row = (
        Santripreneur.objects.filter(pk=pk)
        .values_list("pesantren__kabkota_id", "tahun_terdaftar", "status", "kunci_duplikat")
        .first()
    )
    return ((row[0], row[1], row[2] == "aktif"), row[3]) if row else (None, None)


def _stored_santri_key(pk):
    return _stored_santri_keys(pk)[0]


def save_state(obj):
    """What the dashboard tallies and the twin flags know of `obj` as stored, read before a write; `apply_save`
    takes it after the write. Services do this themselves; Django admin (which saves models directly) calls both."""
    if obj.pk is None:
        return None
    if isinstance(obj, Santripreneur):
        return _stored_santri_keys(obj.pk)
    if isinstance(obj, Participation):
        return Participation.objects.filter(pk=obj.pk).values_list("opd_id", "tahun").first()
    if isinstance(obj, Pesantren):
        return Pesantren.objects.filter(pk=obj.pk).values_list("kabkota_id", flat=True).first()
    return None


def apply_save(obj, before):
    """Bring the tallies and the twin flags in step with the saved `obj` (inside the writing transaction)."""
    if isinstance(obj, Santripreneur):
        tally_before, key_before = before or (None, None)
        delta = Counter({tallies.santri_key(obj): 1})
        if tally_before:
            delta[tally_before] -= 1
        tallies.apply(santri=delta)
        duplicates.refresh({key_before, obj.kunci_duplikat})
    elif isinstance(obj, Participation):
        delta = Counter({tallies.participation_key(obj): 1})
        if before:
            delta[tuple(before)] -= 1
        tallies.apply(participation=delta)
    elif isinstance(obj, Pesantren) and before and before != obj.kabkota_id:
        # A pesantren moved to another kab/kota takes its santripreneur with it: recount both kab/kota's tallies.
        tallies.rebuild(kabkota_ids=[before, obj.kabkota_id])


@transaction.atomic
def santripreneur_save(*, actor, person=None, reason="", versi=None, **data):
    obj = person or Santripreneur()
    return record_save(actor=actor, obj=obj, fields=SANTRIPRENEUR_FIELDS, data=data, reason=reason, versi=versi)


@transaction.atomic
def sociopreneur_save(*, actor, person=None, reason="", versi=None, **data):
    obj = person or Sociopreneur()
    return record_save(actor=actor, obj=obj, fields=SOCIOPRENEUR_FIELDS, data=data, reason=reason, versi=versi)


def _removal_deltas(obj):
    """Tally changes when obj (and what cascades with it) disappears."""
    if isinstance(obj, Participation):
        return {"participation": Counter({tallies.participation_key(obj): -1})}
    if isinstance(obj, Santripreneur):
        participations = Counter()
        for key in obj.partisipasi.values_list("opd_id", "tahun"):
            participations[key] -= 1
        return {"santri": Counter({_stored_santri_key(obj.pk): -1}), "participation": participations}
    return {}


def removal_state(obj):
    """Read before deleting `obj`: its tally changes (with what cascades) and its duplicate key; `apply_removal`
    takes it after the delete."""
    twin_key = duplicates.key_of_stored(obj.pk) if isinstance(obj, Santripreneur) else None
    return _removal_deltas(obj), twin_key


def apply_removal(state):
    deltas, twin_key = state
    tallies.apply(**deltas)
    duplicates.refresh({twin_key})  # a twin left alone is no longer a suspected duplicate


@transaction.atomic
def record_delete(*, actor, obj, reason=""):
    """Delete with history; registry rows still referenced elsewhere are refused with a message."""
    _require_writer(actor)
    state = removal_state(obj)
    try:
        audited_delete(obj, actor=actor, reason=reason)
        apply_removal(state)
    except ProtectedError as exc:
        raise ValidationError(
            _("%(obj)s tidak dapat dihapus karena masih dipakai oleh %(n)d data lain (misalnya santripreneur).")
            % {"obj": obj, "n": len(exc.protected_objects)}
        ) from exc


@transaction.atomic
def participation_add(*, actor, santripreneur, kegiatan, opd, tahun, reason=""):
    _require_writer(actor)
    participation = Participation(santripreneur=santripreneur)
    data = {"kegiatan": kegiatan.strip(), "opd": opd, "tahun": tahun}
    versioned_update(
        instance=participation, version=None, fields=PARTICIPATION_FIELDS, data=data, actor=actor, reason=reason
    )
    tallies.apply(participation=Counter({tallies.participation_key(participation): 1}))
    return participation


@transaction.atomic
def santripreneur_merge(*, actor, keep, drop, reason):
    """Merge a confirmed duplicate into `keep`: participations move over (same activity twice is kept once),
    missing fields are filled from `drop`, and `drop` is deleted. Both steps are in the history."""
    _require_writer(actor)
    if keep.pk == drop.pk:
        raise ValidationError(_("Tidak dapat menggabungkan data dengan dirinya sendiri."))
    if not (reason or "").strip():
        raise ValidationError({"alasan": _("Alasan penggabungan wajib diisi.")})
    # Lock both people, always in id order, so two merges of the same pair (or of the pair crossed: A into B while
    # B into A) run one after the other; the second then finds its record gone and says so.
    locked = {
        p.pk: p for p in Santripreneur.objects.select_for_update().filter(pk__in=(keep.pk, drop.pk)).order_by("pk")
    }
    if len(locked) < 2:
        raise ValidationError(
            _("Salah satu data sudah digabung atau dihapus oleh pengguna lain sementara itu; tidak ada yang diubah.")
        )
    keep, drop = locked[keep.pk], locked[drop.pk]
    merge_reason = _("Digabung dengan #%(drop)s: %(reason)s") % {"drop": drop.pk, "reason": reason}
    for participation in drop.partisipasi.all():
        exists = keep.partisipasi.filter(
            kegiatan=participation.kegiatan, opd_id=participation.opd_id, tahun=participation.tahun
        ).exists()
        if exists:
            record_delete(actor=actor, obj=participation, reason=merge_reason)
        else:
            versioned_update(
                instance=participation,
                version=None,
                fields=("santripreneur",),
                data={"santripreneur": keep},
                actor=actor,
                reason=merge_reason,
            )
    filled = {f: getattr(drop, f) for f in MERGE_FILLS if not getattr(keep, f) and getattr(drop, f)}
    record_delete(actor=actor, obj=drop, reason=merge_reason)  # first, so a NIK taken over from drop is free
    versioned_update(instance=keep, version=None, fields=MERGE_FILLS, data=filled, actor=actor, reason=merge_reason)
    return keep


@transaction.atomic
def santripreneur_mark_not_duplicate(*, actor, person, other):
    """A human decided the two are different people; they are no longer shown as suspected duplicates.
    The decision is written to both records' history (who, when, and with whom)."""
    _require_writer(actor)
    person.bukan_duplikat.add(other)
    for record, twin in ((person, other), (other, person)):
        reason = _("Dipastikan bukan duplikat dari #%(pk)s") % {"pk": twin.pk}
        audited_save(record, actor=actor, reason=reason, validate=False)
