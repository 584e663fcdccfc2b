"""Capaian within the year, judged fairly (issue 15).

A line's yearly target is split over its planned quarters (evenly unless the officer sets each quarter, as e-Monev
does). Capaian to date = realised to date ÷ target to date; the achievement band applies to it, and to the yearly
figure only once TW IV is reached. A quarter with nothing due yet is "belum dijadwalkan", not 0 % red; a plan that
has never been verified (a draft) has no capaian at all. The plan page, the OPD dashboard, the FGD recap and the
Petugas home all go through `judge`, so they show the same numbers."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from opop.common.achievement import Band, band_of, persen

QUARTERS = (1, 2, 3, 4)


def even_split(target, quarters):
    """The yearly `target` spread over the planned `quarters` ("1234", "23", …) in whole units; the remainder goes
    to the later quarters, so no quarter asks for more than is fair so far. Unplanned quarters get 0."""
    planned = [q for q in QUARTERS if str(q) in (quarters or "")]
    if not planned or not target:
        return (0, 0, 0, 0)
    share, remainder = divmod(int(target), len(planned))
    split = dict.fromkeys(QUARTERS, 0)
    for index, q in enumerate(planned):
        split[q] = share + (1 if index >= len(planned) - remainder else 0)
    return tuple(split[q] for q in QUARTERS)


def to_date(split, triwulan):
    """The target due by the end of `triwulan` (the split's cumulative sum; 0 before TW I)."""
    return sum(split[: max(0, min(int(triwulan or 0), 4))])


def quarters_over(tahun, today):
    """Quarters of `tahun` already over on `today` (4 for a past year, 0 for a future one)."""
    if tahun < today.year:
        return 4
    if tahun > today.year:
        return 0
    return (today.month - 1) // 3


class Keadaan(models.TextChoices):
    DINILAI = "dinilai", _("Dinilai")
    BELUM_DIJADWALKAN = "belum_dijadwalkan", _("Belum dijadwalkan")
    BELUM_BERJALAN = "belum_berjalan", _("Belum ada triwulan yang berakhir")
    DRAF = "draf", _("Rencana belum diverifikasi")
    # Set by the FGD recap, not by `judge`: a verified plan, a quarter whose deadline passed, no report submitted.
    BELUM_MELAPOR = "belum_melapor", _("Belum melapor")


@dataclass(frozen=True)
class Capaian:
    keadaan: str
    triwulan: int
    realisasi: int
    target_sd: int  # target due by the end of `triwulan`
    target_tahun: int
    persen: Decimal | None = None  # realised ÷ target to date
    band: Band | None = None
    persen_tahun: Decimal | None = None  # realised ÷ yearly target (shown; banded only at TW IV)
    band_tahun: Band | None = None

    @property
    def dinilai(self):
        return self.keadaan == Keadaan.DINILAI

    @property
    def label(self):
        return Keadaan(self.keadaan).label

    @property
    def akhir_tahun(self):
        return self.triwulan >= 4


def judge(*, realisasi, target_sd, target_tahun, triwulan, assessed=True):
    """The capaian of one line, or of a sum of lines, at the end of `triwulan` (0: no quarter over yet).
    `assessed` is False for a plan that was never verified (its realisation cannot have been reported)."""
    realisasi, target_sd, target_tahun = int(realisasi or 0), int(target_sd or 0), int(target_tahun or 0)
    base = {"triwulan": int(triwulan or 0), "realisasi": realisasi, "target_sd": target_sd}
    base["target_tahun"] = target_tahun
    if not assessed:
        return Capaian(Keadaan.DRAF, **base)
    if not triwulan:
        return Capaian(Keadaan.BELUM_BERJALAN, **base)
    yearly = persen(realisasi, target_tahun)
    if not target_sd:
        return Capaian(Keadaan.BELUM_DIJADWALKAN, persen_tahun=yearly, **base)
    share = persen(realisasi, target_sd)
    return Capaian(
        Keadaan.DINILAI,
        persen=share,
        band=band_of(share),
        persen_tahun=yearly,
        band_tahun=band_of(yearly) if triwulan >= 4 else None,
        **base,
    )
