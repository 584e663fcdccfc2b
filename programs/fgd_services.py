"""Every write to an FGD: the meeting, its agenda and its decisions (tindak lanjut). Each service checks the actor
itself (a view that forgot cannot write), locks what it changes and writes through `versioned_update`, so the
history shows who, when and why. Bad input raises ValidationError and saves nothing."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from opop.accounts.permissions import can_verify_plans
from opop.common.audit import audited_delete
from opop.common.services import versioned_update
from programs import fgd_notices
from programs.fgd_selectors import is_owner
from programs.models import AgendaFgd, Fgd, StatusTindakLanjut, SumberAgenda, TindakLanjut
from programs.services import Bukti

FGD_FIELDS = ["tanggal", "tempat", "tahun", "diundang", "hadir", "peserta", "status"]
AGENDA_FIELDS = ["urutan", "teks", "sumber"]
TINDAK_LANJUT_FIELDS = ["uraian", "opd", "tenggat", "kegiatan", "indikator"]
STATUS_FIELDS = ["status", "alasan", "catatan"]


def _require_diskop(actor):
    if not can_verify_plans(actor):
        raise PermissionDenied(_("Hanya Staf Diskop atau Admin yang dapat mengelola FGD."))


def _locked_fgd(fgd):
    return Fgd.objects.select_for_update().get(pk=fgd.pk)


# ---------------------------------------------------------------- the meeting


@transaction.atomic
def fgd_create(*, actor, data):
    _require_diskop(actor)
    fgd = Fgd(dibuat_oleh=actor)
    versioned_update(instance=fgd, version=None, fields=FGD_FIELDS, data=data, actor=actor, reason=_("FGD dicatat"))
    return fgd


@transaction.atomic
def fgd_update(*, actor, fgd, data, versi):
    _require_diskop(actor)
    fgd = _locked_fgd(fgd)  # fresh from the database: the form filled the page's copy
    versioned_update(
        instance=fgd, version=versi, locked=True, fields=FGD_FIELDS, data=data, actor=actor, reason=_("FGD diubah")
    )
    return fgd


# ---------------------------------------------------------------- the agenda


def _agenda_add(*, actor, fgd, urutan, teks, sumber, reason):
    item = AgendaFgd(fgd=fgd)
    versioned_update(
        instance=item,
        version=None,
        fields=AGENDA_FIELDS,
        data={"urutan": urutan, "teks": teks, "sumber": sumber},
        actor=actor,
        reason=reason,
    )
    return item


@transaction.atomic
def agenda_draft(*, actor, fgd, suggestions):
    """Add the suggestions ([(sumber, teks)], fgd_selectors.agenda_suggestions) after the agenda's last item,
    skipping a text the agenda already holds (drafting twice adds nothing twice). Returns the items added."""
    _require_diskop(actor)
    fgd = _locked_fgd(fgd)
    existing = list(fgd.agenda.all())
    seen = {item.teks.strip() for item in existing}
    urutan = max((item.urutan for item in existing), default=0)
    added = []
    for sumber, teks in suggestions:
        teks = teks.strip()
        if not teks or teks in seen:
            continue
        seen.add(teks)
        urutan += 1
        added.append(
            _agenda_add(actor=actor, fgd=fgd, urutan=urutan, teks=teks, sumber=sumber, reason=_("Agenda disusun"))
        )
    return added


@transaction.atomic
def agenda_save(*, actor, fgd, versi, rows):
    """The agenda page in one save: rows [{id (None for a new one), teks, urutan, hapus}]. The meeting's version
    guards the whole agenda (two people editing it at once: the second is told). Items are renumbered 1, 2, …
    in the order given."""
    _require_diskop(actor)
    # Bumps the meeting's version: the agenda is part of the meeting.
    versioned_update(instance=fgd, version=versi, fields=FGD_FIELDS, data={}, actor=actor, reason=_("Agenda diubah"))
    items = {item.pk: item for item in AgendaFgd.objects.select_for_update().filter(fgd=fgd)}
    kept = []
    for row in rows:
        item = items.get(row["id"]) if row["id"] else None
        if row["id"] and item is None:
            raise ValidationError(_("Butir agenda ini tidak ada lagi; muat ulang halaman."))
        if row.get("hapus"):
            if item is not None:
                audited_delete(item, actor=actor, reason=_("Butir agenda dihapus"))
            continue
        if not (row.get("teks") or "").strip():
            if item is None:
                continue  # an empty new row: nothing to add
            raise ValidationError(_("Butir agenda tidak boleh kosong; centang Hapus untuk membuangnya."))
        # A row given a place it did not have (or a new one) goes before an unmoved one of the same number.
        moved = item is None or row["urutan"] != item.urutan
        kept.append((row["urutan"], not moved, len(kept), item, row["teks"].strip()))
    for urutan, (*_place, item, teks) in enumerate(sorted(kept, key=lambda k: k[:3]), start=1):
        if item is None:
            _agenda_add(
                actor=actor,
                fgd=fgd,
                urutan=urutan,
                teks=teks,
                sumber=SumberAgenda.MANUAL,
                reason=_("Butir agenda ditambahkan"),
            )
        elif (item.urutan, item.teks) != (urutan, teks):
            versioned_update(
                instance=item,
                version=None,
                locked=True,
                fields=AGENDA_FIELDS,
                data={"urutan": urutan, "teks": teks},
                actor=actor,
                reason=_("Butir agenda diubah"),
            )


# ---------------------------------------------------------------- decisions (tindak lanjut)


def _locked_item(item):
    """The decision fresh from the database, locked (the form filled the page's copy)."""
    return TindakLanjut.objects.select_for_update().select_related("fgd").get(pk=item.pk)


@transaction.atomic
def tindak_lanjut_create(*, actor, fgd, data):
    """A decision with its owner OPD(s); their officers are told."""
    _require_diskop(actor)
    item = TindakLanjut(fgd=_locked_fgd(fgd))
    return _tindak_lanjut_write(actor=actor, item=item, data=data, versi=None, reason=_("Tindak lanjut dicatat"))


@transaction.atomic
def tindak_lanjut_update(*, actor, item, data, versi):
    """Diskop corrects a decision (what, owners, due date, link); new owners are told."""
    _require_diskop(actor)
    item = _locked_item(item)
    return _tindak_lanjut_write(actor=actor, item=item, data=data, versi=versi, reason=_("Tindak lanjut diubah"))


def _tindak_lanjut_write(*, actor, item, data, versi, reason):
    """A decision written with at least one owner OPD; the owners it did not have before are told."""
    if ("opd" in data or item.pk is None) and not data.get("opd"):
        raise ValidationError({"opd": _("Pilih minimal satu OPD penanggung jawab.")})
    before = set(item.opd.values_list("pk", flat=True)) if item.pk else set()
    stored = item.pk is not None  # read under its lock (_locked_item)
    versioned_update(
        instance=item, version=versi, locked=stored, fields=TINDAK_LANJUT_FIELDS, data=data, actor=actor, reason=reason
    )
    added = [opd for opd in item.opd.all() if opd.pk not in before]
    if added:
        fgd_notices.tindak_lanjut_assigned(item, actor, opds=added)
    return item


@transaction.atomic
def tindak_lanjut_report(*, actor, item, data, versi):
    """An owner's officer (or Diskop) reports the status: belum / berjalan / selesai / tidak dapat dilaksanakan (with
    a reason), a note and optionally an evidence file (private storage, checked by its content, like realisation
    evidence). Diskop staff are told."""
    if not (can_verify_plans(actor) or is_owner(actor, item)):
        raise PermissionDenied(_("Tindak lanjut ini bukan milik OPD Anda."))
    item = _locked_item(item)
    evidence = Bukti(item, data)

    def prepare(item):
        item.diperbarui_oleh = actor
        if item.status != StatusTindakLanjut.TIDAK_DAPAT:
            item.alasan = ""  # a reason belongs to "tidak dapat dilaksanakan" only
        evidence.put(item)

    changed = evidence.write(
        instance=item,
        version=versi,
        locked=True,
        fields=STATUS_FIELDS,
        data={field: data[field] for field in STATUS_FIELDS if field in data},
        actor=actor,
        reason=_("Status tindak lanjut dilaporkan"),
        prepare=prepare,
    )
    if "status" in changed or evidence.stored:
        fgd_notices.tindak_lanjut_reported(item, actor)
    return item
