"""Publishing a version of the open data: the preview of what changes against the latest version, and the write."""

import hashlib
import json
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from opop.opendata.access import can_publish_open_data
from opop.opendata.datasets import COLUMNS, DATASETS, NILAI, VERSI, current_rows
from opop.opendata.models import Publikasi
from opop.opendata.selectors import publikasi_latest

KEY = [COLUMNS.index(name) for name in ("tahun", "periode", "kode_kabupaten_kota", "kode_indikator")]
STATUS = COLUMNS.index("status_angka")
SHOWN_CHANGES = 50  # changed cells listed on the preview (every one is counted)


@dataclass
class Perubahan:
    """What a dataset's next version changes: cells changed (old → new), rows added and removed."""

    dataset: object
    diubah: list = field(default_factory=list)  # [(key, old value, new value)]
    ditambah: int = 0
    dihapus: int = 0

    @property
    def ada(self):
        return bool(self.diubah or self.ditambah or self.dihapus)


@dataclass
class Pratinjau:
    nomor: int  # the version it would publish
    sebelumnya: object  # the latest Publikasi, or None
    isi: dict
    perubahan: list
    sidik: str  # fingerprint of the numbers shown: the write refuses when they moved since

    @property
    def ada_perubahan(self):
        return self.sebelumnya is None or any(p.ada for p in self.perubahan)


def _keyed(rows):
    return {tuple(row[i] for i in KEY): (row[NILAI], row[STATUS]) for row in rows}


def _fingerprint(isi):
    """The numbers, not the version stamped on each row."""
    unstamped = {kode: [row[:VERSI] + row[VERSI + 1 :] for row in rows] for kode, rows in isi.items()}
    return hashlib.sha256(json.dumps(unstamped, sort_keys=True, default=str).encode()).hexdigest()


def publikasi_preview(*, today=None) -> Pratinjau:
    latest = publikasi_latest()
    nomor = latest.nomor + 1 if latest else 1
    isi = current_rows(nomor, today=today)
    perubahan = []
    for dataset in DATASETS:
        new = _keyed(isi[dataset.kode])
        old = _keyed(latest.isi.get(dataset.kode, [])) if latest else {}
        change = Perubahan(dataset)
        for key in sorted(set(old) & set(new), key=str):
            if old[key] != new[key]:
                change.diubah.append((key, old[key][0], new[key][0]))
        change.ditambah = len(set(new) - set(old))
        change.dihapus = len(set(old) - set(new))
        perubahan.append(change)
    return Pratinjau(nomor, latest, isi, perubahan, _fingerprint(isi))


def publikasi_create(*, actor, catatan, sidik, today=None):
    """Publish the next version, as previewed: refused (nothing saved) without the permission, without a note, when
    the numbers moved since the preview (`sidik`), or when nothing changed since the latest version."""
    if not can_publish_open_data(actor):
        raise PermissionDenied(_("Anda tidak berhak menerbitkan data terbuka."))
    catatan = (catatan or "").strip()
    if not catatan:
        raise ValidationError({"catatan": _("Tulis catatan apa yang berubah pada versi ini.")})
    preview = publikasi_preview(today=today)
    if preview.sidik != sidik:
        raise ValidationError(_("Angka berubah sejak pratinjau dibuka. Periksa pratinjau yang baru, lalu terbitkan."))
    if not preview.ada_perubahan:
        raise ValidationError(
            _("Tidak ada angka yang berubah sejak versi %(nomor)s; tidak perlu versi baru.")
            % {"nomor": preview.sebelumnya.nomor}
        )
    publikasi = Publikasi(nomor=preview.nomor, diterbitkan_oleh=actor, catatan=catatan, isi=preview.isi)
    publikasi.full_clean()
    try:
        with transaction.atomic():
            publikasi.save()
    except IntegrityError as error:  # another Staf published the same number a moment earlier
        raise ValidationError(
            _("Versi %(nomor)s baru saja diterbitkan orang lain; buka pratinjau lagi.") % {"nomor": preview.nomor}
        ) from error
    return publikasi
