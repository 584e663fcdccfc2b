"""Every write to plan data. Each service checks the actor's role and OPD, locks the rows it changes, validates
(`full_clean`) and saves through the audit helpers, so the history shows who, when and why.

A refused transition or a rule that spans rows raises ValidationError (the view shows it, nothing is saved);
an actor without the right raises PermissionDenied (403)."""

import datetime
from collections import defaultdict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opop.accounts.permissions import can_reopen_plans, can_set_deadlines, can_verify_plans
from opop.common.audit import audited_delete, audited_save
from opop.common.services import versioned_update
from opop.common.storage import private_storage
from opop.common.uploads import check_upload, download_name, extension_of, random_name_file
from programs import notices, workflow
from programs.angka import require_year_open
from programs.models import (
    EVIDENCE_KINDS,
    KEGIATAN_INPUT_FIELDS,
    REALISASI_INPUT_FIELDS,
    RENCANA,
    ROMAWI,
    SPLITS,
    BatasPelaporan,
    Kegiatan,
    KendalaAgenda,
    Komentar,
    LaporanTriwulan,
    Realisasi,
    Rencana,
    Status,
)
from programs.selectors import can_edit_rencana, can_upload_to_rencana, kegiatan_number, plan_to_copy

# The quarterly splits of the target and of the pagu (anggaran kas), Kegiatan.target_sampai / kas_sampai; each flag
# says its split is even and kept by save().
TARGET_SPLIT_FIELDS = [*SPLITS["target"].fields, SPLITS["target"].flag]
KAS_SPLIT_FIELDS = [*SPLITS["kas"].fields, SPLITS["kas"].flag]
KEGIATAN_FIELDS = [*KEGIATAN_INPUT_FIELDS, *TARGET_SPLIT_FIELDS, *KAS_SPLIT_FIELDS]
KEGIATAN_WRITABLE = [*KEGIATAN_FIELDS, "lokasi"]
REALISASI_FIELDS = REALISASI_INPUT_FIELDS
AGENDA_FIELDS = ["masuk_agenda"]
BATAS_FIELDS = ("batas", "diatur_oleh")


# ---------------------------------------------------------------- guards


def _require_editor(actor, rencana):
    if not can_edit_rencana(actor, rencana):
        raise PermissionDenied(_("Anda tidak berhak mengubah rencana OPD ini."))


def _require_verifier(actor):
    if not can_verify_plans(actor):
        raise PermissionDenied(_("Hanya Staf Diskop atau Admin yang dapat memverifikasi."))


def _require_editable(rencana):
    if not rencana.is_editable:
        if rencana.status == Status.DIVERIFIKASI:
            raise ValidationError(
                _("Rencana sudah diverifikasi dan terkunci; hanya Admin yang dapat membukanya kembali.")
            )
        raise ValidationError(_("Rencana sedang diajukan ke Diskop dan tidak dapat diubah sampai dikembalikan."))


def _locked_plan(rencana):
    """The plan, locked for this transaction; refused (nothing written) while its year is closed (angka tetap): the
    freeze takes the same locks, so a write waiting here sees the freeze once it commits."""
    rencana = Rencana.objects.select_for_update().get(pk=rencana.pk)
    require_year_open(rencana.tahun)
    return rencana


def _refuse_transition(rencana, action):
    raise ValidationError(
        _("Rencana berstatus %(status)s tidak dapat %(action)s.")
        % {"status": rencana.get_status_display(), "action": action},
        code="transition",
    )


# ---------------------------------------------------------------- plans


@transaction.atomic
def rencana_create(*, actor, opd, tahun, salin_sebelumnya=False):
    """A new plan; with `salin_sebelumnya`, every line of the OPD's most recent earlier plan (selectors.plan_to_copy,
    not only the year before's) is copied into it (rencana_copy_from), in the same transaction: no plan is created
    when there is nothing to copy. The plan copied from is left on the result as `sumber_salinan` (None: no copy),
    with `pernah_diverifikasi`, so the page can say which year it was and warn when it was never verified."""
    rencana = Rencana(opd=opd, tahun=tahun, dibuat_oleh=actor)
    _require_editor(actor, rencana)
    require_year_open(tahun)
    reason = _("Rencana dibuat")
    sumber = None
    if salin_sebelumnya:
        sumber = plan_to_copy(opd, tahun)
        if sumber is None:
            raise ValidationError(
                {
                    "salin_sebelumnya": _("%(opd)s belum memiliki rencana sebelum tahun %(tahun)s untuk disalin.")
                    % {"opd": opd, "tahun": tahun}
                }
            )
        reason = _("Rencana dibuat; kegiatan disalin dari rencana %(tahun)s") % {"tahun": sumber.tahun}
    try:
        with transaction.atomic():
            audited_save(rencana, actor=actor, reason=reason)
    except IntegrityError:
        # Two officers pressed "Buat" for the same OPD and year at once: the other one's plan stands.
        raise ValidationError(
            _("Rencana %(opd)s tahun %(tahun)s baru saja dibuat oleh pengguna lain; buka rencana itu dari daftar.")
            % {"opd": opd, "tahun": tahun}
        ) from None
    if sumber is not None:
        rencana_copy_from(actor=actor, rencana=rencana, sumber=sumber)
    rencana.sumber_salinan = sumber
    return rencana


@transaction.atomic
def rencana_copy_from(*, actor, rencana, sumber):
    """Copy every line of an earlier plan of the same OPD into an empty editable plan: codes, uraian, pilar,
    indicators, unit, sumber dana, locations, quarters, PPTK, target and pagu. Each copy is marked `perlu_ditinjau`
    (its target and pagu are last year's) until the officer next saves it. Nothing of the realisation is copied."""
    rencana = _locked_plan(rencana)
    _require_editor(actor, rencana)
    _require_editable(rencana)
    if sumber.opd_id != rencana.opd_id or sumber.tahun >= rencana.tahun:
        raise ValidationError(_("Kegiatan hanya dapat disalin dari rencana tahun sebelumnya milik OPD yang sama."))
    if rencana.kegiatan.exists():
        raise ValidationError(_("Rencana ini sudah memiliki kegiatan; salinan hanya untuk rencana yang masih kosong."))
    reason = _("Disalin dari rencana %(tahun)s") % {"tahun": sumber.tahun}
    copies = []
    lines = sumber.kegiatan.select_related("indikator").prefetch_related("lokasi").order_by("nomor", "id")
    for number, line in enumerate(lines, start=1):  # numbered afresh, in last year's order
        values = {field: getattr(line, field) for field in KEGIATAN_FIELDS}
        values["lokasi"] = list(line.lokasi.all())
        copies.append(
            _kegiatan_insert(
                actor=actor, rencana=rencana, data=values, reason=reason, nomor=number, perlu_ditinjau=True
            )
        )
    return copies


@transaction.atomic
def rencana_delete(*, actor, rencana):
    rencana = _locked_plan(rencana)
    _require_editor(actor, rencana)
    if rencana.status != Status.DRAF:
        raise ValidationError(_("Hanya rencana berstatus draf yang dapat dihapus."))
    if Realisasi.objects.filter(kegiatan__rencana=rencana).exists() or rencana.laporan.exists():
        raise ValidationError(_("Rencana yang sudah memiliki realisasi tidak dapat dihapus."))
    audited_delete(rencana, actor=actor, reason=_("Rencana dihapus"))


@transaction.atomic
def rencana_submit(*, actor, rencana):
    rencana = _locked_plan(rencana)
    _require_editor(actor, rencana)
    if rencana.status not in (Status.DRAF, Status.DIKEMBALIKAN):
        _refuse_transition(rencana, _("diajukan"))
    if not rencana.kegiatan.exists():
        raise ValidationError(_("Tambahkan minimal satu kegiatan sebelum mengajukan rencana."))
    return workflow.move(rencana, "rencana_submit", actor=actor)


@transaction.atomic
def rencana_verify(*, actor, rencana):
    _require_verifier(actor)
    rencana = _locked_plan(rencana)
    if rencana.status != Status.DIAJUKAN:
        _refuse_transition(rencana, _("diverifikasi"))
    return workflow.move(rencana, "rencana_verify", actor=actor)


@transaction.atomic
def rencana_return(*, actor, rencana, catatan):
    _require_verifier(actor)
    catatan = (catatan or "").strip()
    if not catatan:
        raise ValidationError({"catatan": _("Tuliskan catatan perbaikan untuk OPD.")})
    rencana = _locked_plan(rencana)
    if rencana.status != Status.DIAJUKAN:
        _refuse_transition(rencana, _("dikembalikan"))
    return workflow.move(rencana, "rencana_return", actor=actor, catatan=catatan)


@transaction.atomic
def rencana_reopen(*, actor, rencana, alasan):
    if not can_reopen_plans(actor):
        raise PermissionDenied(_("Hanya Admin yang dapat membuka kembali rencana terverifikasi."))
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError({"alasan": _("Alasan membuka kembali wajib diisi.")})
    rencana = _locked_plan(rencana)
    if rencana.status != Status.DIVERIFIKASI:
        _refuse_transition(rencana, _("dibuka kembali"))
    catatan = _("Dibuka kembali oleh Admin: %(alasan)s") % {"alasan": alasan}
    return workflow.move(rencana, "rencana_reopen", actor=actor, catatan=catatan, alasan=alasan)


# ---------------------------------------------------------------- kegiatan


def _kegiatan_values(data):
    """The plan line's own fields (and its locations) out of a form's or a file row's values."""
    return {field: data[field] for field in (*KEGIATAN_FIELDS, "lokasi") if field in data}


def _kegiatan_insert(*, actor, rencana, data, reason, nomor=None, perlu_ditinjau=False):
    """Every new kegiatan (entered, copied, uploaded) under the plan's lock, with the plan's next number; a
    deleted line's number is not given again."""
    kegiatan = Kegiatan(rencana=rencana, nomor=nomor or kegiatan_number(rencana), perlu_ditinjau=perlu_ditinjau)
    return _kegiatan_write(actor=actor, kegiatan=kegiatan, data=data, versi=None, reason=reason)


def _kegiatan_change(*, actor, rencana, kegiatan, data, versi, reason):
    kegiatan = Kegiatan.objects.get(pk=kegiatan.pk, rencana=rencana)
    kegiatan.perlu_ditinjau = False  # the officer has seen this line's target and pagu
    return _kegiatan_write(actor=actor, kegiatan=kegiatan, data=data, versi=versi, reason=reason)


def _kegiatan_write(*, actor, kegiatan, data, versi, reason):
    values = _kegiatan_values(data)
    versioned_update(
        instance=kegiatan, version=versi, fields=KEGIATAN_WRITABLE, data=values, actor=actor, reason=reason
    )
    return kegiatan


@transaction.atomic
def kegiatan_create(*, actor, rencana, data):
    rencana = _locked_plan(rencana)
    _require_editor(actor, rencana)
    _require_editable(rencana)
    return _kegiatan_insert(actor=actor, rencana=rencana, data=data, reason=_("Kegiatan ditambahkan"))


@transaction.atomic
def kegiatan_update(*, actor, kegiatan, data, versi):
    """Save an edited kegiatan; refused when someone saved it after the form was loaded (`versi`)."""
    rencana = _locked_plan(kegiatan.rencana)
    _require_editor(actor, rencana)
    _require_editable(rencana)
    return _kegiatan_change(
        actor=actor, rencana=rencana, kegiatan=kegiatan, data=data, versi=versi, reason=_("Kegiatan diubah")
    )


@transaction.atomic
def kegiatan_upload(*, actor, rencana, lines, reason):
    """Write the lines of an uploaded file into a plan, all or nothing. `lines`: (kegiatan, data, versi) per row;
    kegiatan None adds a line, a kegiatan of this plan is updated (refused when it changed since `versi`).
    The plan's own officer, Diskop staff and admins may upload (programs.selectors.can_upload_to_rencana)."""
    rencana = _locked_plan(rencana)
    if not can_upload_to_rencana(actor, rencana):
        raise PermissionDenied(_("Anda tidak berhak mengunggah kegiatan ke rencana OPD ini."))
    _require_editable(rencana)
    written = []
    for kegiatan, data, versi in lines:
        if kegiatan is None:
            written.append(_kegiatan_insert(actor=actor, rencana=rencana, data=data, reason=reason))
        else:
            written.append(
                _kegiatan_change(actor=actor, rencana=rencana, kegiatan=kegiatan, data=data, versi=versi, reason=reason)
            )
    return written


@transaction.atomic
def kegiatan_delete(*, actor, kegiatan):
    rencana = _locked_plan(kegiatan.rencana)
    _require_editor(actor, rencana)
    _require_editable(rencana)
    evidence = list(Realisasi.objects.filter(kegiatan=kegiatan).exclude(bukti="").values_list("bukti", flat=True))
    audited_delete(kegiatan, actor=actor, reason=_("Kegiatan dihapus"))  # its realisation rows go with it
    _delete_files_after_commit(evidence)


def _delete_files_after_commit(names):
    def remove():
        for name in names:
            private_storage.delete(name)

    if names:
        transaction.on_commit(remove)


# ---------------------------------------------------------------- quarterly realisation


def _require_reporting_open(rencana, laporan, triwulan):
    if rencana.status != Status.DIVERIFIKASI:
        raise ValidationError(_("Realisasi diisi setelah rencana diverifikasi Diskop."))
    if laporan is not None and not laporan.is_editable:
        raise ValidationError(
            _("Laporan TW %(tw)s sudah %(status)s; realisasinya tidak dapat diubah.")
            % {"tw": ROMAWI[triwulan], "status": laporan.get_status_display().lower()}
        )


def _report_for_update(rencana, triwulan):
    return LaporanTriwulan.objects.select_for_update().filter(rencana=rencana, triwulan=triwulan).first()


def _quarter_reported(actor, rencana, laporan, triwulan):
    """The quarter's report, started ("Laporan triwulan dimulai") with its first realisation."""
    if laporan is None:
        laporan = LaporanTriwulan(rencana=rencana, triwulan=triwulan)
        audited_save(laporan, actor=actor, reason=_("Laporan triwulan dimulai"))
    return laporan


@transaction.atomic
def realisasi_save(*, actor, kegiatan, triwulan, data, versi=""):
    """Create or update the realisation of a kegiatan for a quarter (cumulative figures)."""
    rencana = _locked_plan(kegiatan.rencana)
    _require_editor(actor, rencana)
    laporan = _report_for_update(rencana, triwulan)
    _require_reporting_open(rencana, laporan, triwulan)
    kegiatan = Kegiatan.objects.select_for_update().get(pk=kegiatan.pk)
    quarters = {r.triwulan: r for r in Realisasi.objects.select_for_update().filter(kegiatan=kegiatan)}
    realisasi = _realisasi_write(
        actor=actor, kegiatan=kegiatan, quarters=quarters, triwulan=triwulan, data=data, versi=versi
    )
    _quarter_reported(actor, rencana, laporan, triwulan)
    return realisasi


@transaction.atomic
def realisasi_save_quarter(*, actor, rencana, triwulan, entries):
    """The quarter grid: every line's realisation of `triwulan` in one request. `entries`: (kegiatan id, data,
    versi) per line the officer filled. Each line is validated and written on its own (a savepoint each), so the
    valid lines are saved and each invalid one is returned with its errors, unsaved: ({id: Realisasi}, {id:
    ValidationError}). Plan, report, lines and their realisations are read and locked once for all lines."""
    rencana = _locked_plan(rencana)
    _require_editor(actor, rencana)
    laporan = _report_for_update(rencana, triwulan)
    _require_reporting_open(rencana, laporan, triwulan)
    lines = {k.pk: k for k in Kegiatan.objects.select_for_update().filter(rencana=rencana)}
    quarters = defaultdict(dict)
    for realisasi in Realisasi.objects.select_for_update().filter(kegiatan__rencana=rencana):
        quarters[realisasi.kegiatan_id][realisasi.triwulan] = realisasi
    saved, errors = {}, {}
    for kegiatan_id, data, versi in entries:
        kegiatan = lines.get(kegiatan_id)
        if kegiatan is None:
            errors[kegiatan_id] = ValidationError(_("Kegiatan ini tidak ada lagi dalam rencana; muat ulang halaman."))
            continue
        try:
            with transaction.atomic():
                saved[kegiatan_id] = _realisasi_write(
                    actor=actor,
                    kegiatan=kegiatan,
                    quarters=quarters[kegiatan_id],
                    triwulan=triwulan,
                    data=data,
                    versi=versi,
                )
        except ValidationError as error:
            errors[kegiatan_id] = error
    if saved:
        _quarter_reported(actor, rencana, laporan, triwulan)
    return saved, errors


def _realisasi_write(*, actor, kegiatan, quarters, triwulan, data, versi):
    """Write one line's realisation for `triwulan`; `quarters`: that line's realisations by quarter (locked),
    updated in place."""
    realisasi = quarters.get(triwulan)
    if realisasi is None and versi:
        # The form was loaded with a row that has since been deleted (plan reopened and kegiatan changed).
        raise ValidationError(_("Data ini sudah berubah; muat ulang halaman."))
    realisasi = realisasi or Realisasi(kegiatan=kegiatan, triwulan=triwulan)
    realisasi.kegiatan = kegiatan
    evidence = Bukti(realisasi, data)

    def prepare(realisasi):
        realisasi.diisi_oleh = actor
        _check_cumulative(realisasi, quarters)
        evidence.put(realisasi)

    evidence.write(
        instance=realisasi,
        version=versi,
        locked=True,  # `quarters` was read under the line's lock
        fields=REALISASI_FIELDS,
        data={field: data[field] for field in REALISASI_FIELDS if field in data},
        actor=actor,
        reason=_("Realisasi TW %(tw)s diisi") % {"tw": ROMAWI[triwulan]},
        prepare=prepare,
        # Field rules and clean() in full; the line and the actor are the locked objects above, the quarter's
        # row is known (`quarters`) and every check constraint repeats a field validator, so their per-row
        # queries are skipped (the database still enforces all of them).
        clean={"exclude": ["kegiatan", "diisi_oleh"], "validate_unique": False, "validate_constraints": False},
    )
    quarters[triwulan] = realisasi
    return realisasi


class Bukti:
    """An evidence upload (`bukti`, kept as `bukti_nama`) or its removal (`hapus_bukti`) for a realisation or a
    tindak lanjut: the content checked before anything is written, the file stored by `put` inside the write's
    `prepare`, removed again when the write is refused (it would be an orphan), the replaced file deleted once the
    write commits."""

    def __init__(self, row, data):
        self.upload, self.remove = data.get("bukti"), data.get("hapus_bukti")
        self.file = _checked_evidence(self.upload) if self.upload else None
        self.old_name = row.bukti.name if row.bukti and (self.file or self.remove) else ""
        self.stored = []

    def put(self, row):
        if self.file is not None:
            row.bukti.save(self.file.name, self.file, save=False)
            self.stored.append(row.bukti)
            row.bukti_nama = download_name(self.upload.name, extension_of(self.file.name), fallback="bukti")
        elif self.remove:
            row.bukti, row.bukti_nama = "", ""

    def write(self, **update):
        """versioned_update(**update), the files kept in step with it; returns the fields it changed."""
        try:
            changed = versioned_update(**update)
        except Exception:
            for bukti in self.stored:
                bukti.delete(save=False)
            raise
        _delete_files_after_commit([self.old_name] if self.old_name else [])
        return changed


def _checked_evidence(upload):
    """The upload as a randomly named file, once its content parses as one of the evidence kinds."""
    try:
        content, ext = check_upload(upload, kinds=EVIDENCE_KINDS)
    except ValidationError as error:
        raise ValidationError({"bukti": error.error_list}) from None
    return random_name_file(content, ext)


def _check_cumulative(realisasi, quarters):
    """Cumulative output never goes down from one quarter to the next (`quarters`: the line's realisations)."""
    if realisasi.output is None:
        return
    others = {q: r.output for q, r in quarters.items() if q != realisasi.triwulan}
    before = max((o for q, o in others.items() if q < realisasi.triwulan), default=None)
    after = min((o for q, o in others.items() if q > realisasi.triwulan), default=None)
    if before is not None and realisasi.output < before:
        raise ValidationError(
            {
                "output": _("Output kumulatif tidak boleh turun: triwulan sebelumnya sudah mencatat %(n)s.")
                % {"n": before}
            }
        )
    if after is not None and realisasi.output > after:
        raise ValidationError(
            {"output": _("Output kumulatif melebihi triwulan berikutnya yang mencatat %(n)s.") % {"n": after}}
        )


def _locked_report(rencana, triwulan):
    laporan = LaporanTriwulan.objects.select_for_update().filter(rencana=rencana, triwulan=triwulan).first()
    if laporan is None:
        laporan = LaporanTriwulan(rencana=rencana, triwulan=triwulan)
    return laporan


@transaction.atomic
def laporan_submit(*, actor, rencana, triwulan):
    rencana = _locked_plan(rencana)
    _require_editor(actor, rencana)
    laporan = _locked_report(rencana, triwulan)
    if rencana.status != Status.DIVERIFIKASI:
        raise ValidationError(_("Laporan triwulan diajukan setelah rencana diverifikasi Diskop."))
    if not laporan.is_editable:
        raise ValidationError(
            _("Laporan TW %(tw)s berstatus %(status)s dan tidak dapat diajukan.")
            % {"tw": ROMAWI[triwulan], "status": laporan.get_status_display().lower()}
        )
    missing = [
        kegiatan
        for kegiatan in rencana.kegiatan.prefetch_related("realisasi")
        if kegiatan.triwulan_mulai <= triwulan and not any(r.triwulan == triwulan for r in kegiatan.realisasi.all())
    ]
    if missing:
        raise ValidationError(
            _("Realisasi TW %(tw)s belum diisi untuk %(n)s kegiatan.") % {"tw": ROMAWI[triwulan], "n": len(missing)}
        )
    return workflow.move(laporan, "laporan_submit", actor=actor)


@transaction.atomic
def laporan_verify(*, actor, rencana, triwulan):
    _require_verifier(actor)
    rencana = _locked_plan(rencana)
    laporan = _locked_report(rencana, triwulan)
    if laporan.status != Status.DIAJUKAN or laporan.pk is None:
        raise ValidationError(_("Hanya laporan yang sudah diajukan yang dapat diverifikasi."))
    return workflow.move(laporan, "laporan_verify", actor=actor)


@transaction.atomic
def laporan_return(*, actor, rencana, triwulan, catatan):
    _require_verifier(actor)
    catatan = (catatan or "").strip()
    if not catatan:
        raise ValidationError({"catatan": _("Tuliskan catatan perbaikan untuk OPD.")})
    rencana = _locked_plan(rencana)
    laporan = _locked_report(rencana, triwulan)
    if laporan.status != Status.DIAJUKAN or laporan.pk is None:
        raise ValidationError(_("Hanya laporan yang sudah diajukan yang dapat dikembalikan."))
    return workflow.move(laporan, "laporan_return", actor=actor, catatan=catatan)


# ---------------------------------------------------------------- deadlines


@transaction.atomic
def batas_set(*, actor, tahun, triwulan, batas):
    """Set, move or (with `batas=None`) remove the reporting deadline of a quarter, or (triwulan `RENCANA`) the
    deadline of the year's plans."""
    if not can_set_deadlines(actor):
        raise PermissionDenied(_("Hanya Staf Diskop atau Admin yang dapat menetapkan batas pelaporan."))
    require_year_open(tahun)
    if triwulan == RENCANA:
        if batas is not None and not datetime.date(tahun - 1, 7, 1) <= batas <= datetime.date(tahun, 12, 31):
            raise ValidationError(
                {
                    "batas": _(
                        "Batas rencana %(tahun)s harus antara 1 Juli tahun sebelumnya dan akhir tahun %(tahun)s."
                    )
                    % {"tahun": tahun}
                }
            )
        return _batas_save(actor=actor, tahun=tahun, triwulan=triwulan, batas=batas)
    quarter_start = datetime.date(tahun, triwulan * 3 - 2, 1)
    if batas is not None and (batas < quarter_start or batas.year > tahun + 1):
        raise ValidationError(
            {
                "batas": _("Batas TW %(tw)s %(tahun)s harus antara awal triwulan dan akhir tahun berikutnya.")
                % {"tw": ROMAWI[triwulan], "tahun": tahun}
            }
        )
    return _batas_save(actor=actor, tahun=tahun, triwulan=triwulan, batas=batas)


def _batas_save(*, actor, tahun, triwulan, batas):
    row = BatasPelaporan.objects.select_for_update().filter(tahun=tahun, triwulan=triwulan).first()
    if row is None:
        row = BatasPelaporan(tahun=tahun, triwulan=triwulan)
    elif row.batas == batas:
        return row
    reason = _("Batas pelaporan ditetapkan") if batas else _("Batas pelaporan dihapus")
    data = {"batas": batas, "diatur_oleh": actor}
    versioned_update(
        instance=row, version=None, locked=True, fields=BATAS_FIELDS, data=data, actor=actor, reason=reason
    )
    return row


@transaction.atomic
def batas_set_year(*, actor, tahun, deadlines):
    """Set several quarters' (and the plan's, `RENCANA`) deadlines at once (`{triwulan: date or None}`); all or
    nothing."""
    errors = {}
    rows = []
    for triwulan, batas in sorted(deadlines.items()):
        try:
            with transaction.atomic():
                rows.append(batas_set(actor=actor, tahun=tahun, triwulan=triwulan, batas=batas))
        except ValidationError as error:
            errors[f"tw{triwulan}" if triwulan else "rencana"] = error.messages
    if errors:
        raise ValidationError(errors)
    return rows


# ---------------------------------------------------------------- comments


@transaction.atomic
def komentar_add(*, actor, rencana, isi, kegiatan=None, induk=None):
    """A new thread on the plan or one of its kegiatan, or (with `induk`) an answer in a thread. Diskop (the
    verifiers) and the plan's own officers write; the other side is notified."""
    diskop = can_verify_plans(actor)
    if not (diskop or can_edit_rencana(actor, rencana)):
        raise PermissionDenied(_("Anda tidak berhak menulis komentar pada rencana ini."))
    isi = (isi or "").strip()
    if not isi:
        raise ValidationError({"isi": _("Tulis isi komentar.")})
    if induk is not None:
        if induk.rencana_id != rencana.pk:
            raise ValidationError(_("Komentar yang dibalas bukan milik rencana ini."))
        induk = induk.induk or induk  # answers stay in one thread
        kegiatan = induk.kegiatan
    elif kegiatan is not None and kegiatan.rencana_id != rencana.pk:
        raise ValidationError({"kegiatan": _("Kegiatan itu bukan bagian dari rencana ini.")})
    komentar = Komentar(rencana=rencana, kegiatan=kegiatan, induk=induk, penulis=actor, isi=isi)
    komentar.full_clean()
    komentar.save()
    notices.komentar_added(komentar, actor, to="opd" if diskop and actor.opd_id != rencana.opd_id else "diskop")
    return komentar


# ---------------------------------------------------------------- kendala on the FGD agenda


@transaction.atomic
def kendala_mark(*, actor, realisasi, masuk_agenda, versi=""):
    """Put a reported problem on the FGD agenda, or take it off (Staf Diskop, Admin), recording who and when.
    `versi`: the version of the mark the page showed ("" when it had none)."""
    _require_verifier(actor)
    realisasi = Realisasi.objects.select_for_update().get(pk=realisasi.pk)  # one mark per problem, made in turn
    if not (realisasi.permasalahan.strip() or realisasi.faktor_penghambat.strip()):
        raise ValidationError(_("Realisasi ini tidak mencatat permasalahan."))
    mark = KendalaAgenda.objects.select_for_update().filter(realisasi=realisasi).first()
    if mark is None and versi:
        raise ValidationError(_("Data ini sudah berubah; muat ulang halaman."))
    mark = mark or KendalaAgenda(realisasi=realisasi)

    def prepare(mark):
        mark.ditandai_oleh = actor
        mark.ditandai_pada = timezone.now()

    versioned_update(
        instance=mark,
        version=versi,
        locked=True,
        fields=AGENDA_FIELDS,
        data={"masuk_agenda": bool(masuk_agenda)},
        actor=actor,
        reason=_("Masuk agenda FGD") if masuk_agenda else _("Dikeluarkan dari agenda FGD"),
        prepare=prepare,
    )
    return mark
