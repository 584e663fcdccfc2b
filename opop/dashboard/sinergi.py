"""The synergy map (peta sinergi) of a year: kab/kota × OPOP pillar of the planned kegiatan, with overlaps and gaps.
Arithmetic over rows the selectors have already summed in SQL (no queries here).

Counting rules (also written on the page):
- A cell holds the lines of the plans the viewer may see with that kab/kota among their locations and that pillar:
  number of lines, the distinct OPDs, pagu and target per satuan. A line with several kab/kota counts whole in each
  (its pagu and target are not split), so cells do not add up across kab/kota; the totals row counts each line once.
- A line without kab/kota is province-wide: it sits in its own row "Seluruh Jawa Timur", is not spread over the 38
  kab/kota, makes no overlap and fills no gap.
- Overlap: OVERLAP_OPDS or more distinct OPDs on one kab/kota and pillar; ranked by OPDs, then pagu.
- Gap: a kab/kota with pesantren peserta OPOP (cohort year up to the year) and no line at all; ranked by those
  pesantren."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

OVERLAP_OPDS = 3
PROVINSI = "35"  # the Kemendagri code of Provinsi Jawa Timur: the row of the lines without kab/kota


@dataclass(frozen=True)
class SinergiCell:
    pilar: str
    kegiatan: int
    opds: tuple  # OPD short names, sorted
    pagu: Decimal
    targets: tuple  # ((satuan label, total), …) sorted by satuan
    overlap: bool = False
    url: str = ""

    @property
    def opd_count(self):
        return len(self.opds)


@dataclass(frozen=True)
class SinergiRow:
    kode: str  # PROVINSI for the province-wide row
    nama: str
    pesantren_opop: int | None  # None for the province-wide row
    cells: tuple  # one per pillar, in the pillars' order

    @property
    def kegiatan(self):
        return sum(cell.kegiatan for cell in self.cells)

    @property
    def gap(self):
        return self.kode != PROVINSI and bool(self.pesantren_opop) and self.kegiatan == 0

    @property
    def anchor(self):
        return "kk-" + self.kode.replace(".", "")


@dataclass(frozen=True)
class Overlap:
    peringkat: int
    row: SinergiRow
    cell: SinergiCell


@dataclass(frozen=True)
class Gap:
    peringkat: int
    row: SinergiRow


@dataclass(frozen=True)
class PetaSinergi:
    tahun: int
    pilars: tuple  # ((value, label), …)
    rows: tuple  # the 38 kab/kota, by code
    provinsi: SinergiRow
    totals: SinergiRow  # every line once, per pillar
    overlaps: tuple
    gaps: tuple

    @property
    def kegiatan(self):
        return self.totals.kegiatan

    @property
    def pagu(self):
        return sum(cell.pagu for cell in self.totals.cells)

    @property
    def opd_count(self):
        return len({opd for cell in self.totals.cells for opd in cell.opds})


def _cells(rows, pilars, *, labels, overlaps_count, url=None):
    """One cell per pillar from summed rows (pilar, satuan, rencana__opd__singkatan, jumlah, pagu, target)."""
    by_pilar = defaultdict(list)
    for row in rows:
        by_pilar[row["pilar"]].append(row)
    cells = []
    for pilar in pilars:
        group = by_pilar.get(pilar, [])
        targets = defaultdict(int)
        for row in group:
            targets[row["satuan"]] += row["target"] or 0
        opds = tuple(sorted({row["rencana__opd__singkatan"] for row in group}))
        cells.append(
            SinergiCell(
                pilar=pilar,
                kegiatan=sum(row["jumlah"] for row in group),
                opds=opds,
                pagu=sum((row["pagu"] or Decimal(0) for row in group), Decimal(0)),
                targets=tuple((labels.get(satuan, satuan), total) for satuan, total in sorted(targets.items())),
                overlap=overlaps_count and len(opds) >= OVERLAP_OPDS,
                url=url(pilar) if url and group else "",
            )
        )
    return tuple(cells)


def peta_sinergi(*, tahun, pilars, satuan, regions, per_lokasi, totals, pesantren_opop, cell_url) -> PetaSinergi:
    """pilars, satuan: the choices ((value, label), …); regions: [(kode, nama)] of the 38 kab/kota; per_lokasi:
    rows summed per kab/kota (`lokasi`, None for a line without kab/kota); totals: the same rows summed without
    kab/kota; pesantren_opop: {kode: n}; cell_url(kode, pilar) -> the drill-down URL."""
    values = tuple(value for value, _label in pilars)
    labels = dict(satuan)
    by_kode = defaultdict(list)
    for row in per_lokasi:
        by_kode[row["lokasi"] or PROVINSI].append(row)

    def row_of(kode, nama, *, opop, overlaps_count):
        cells = _cells(
            by_kode.get(kode, []),
            values,
            labels=labels,
            overlaps_count=overlaps_count,
            url=lambda pilar: cell_url(kode, pilar),
        )
        return SinergiRow(kode=kode, nama=nama, pesantren_opop=opop, cells=cells)

    rows = tuple(row_of(kode, nama, opop=pesantren_opop.get(kode, 0), overlaps_count=True) for kode, nama in regions)
    provinsi = row_of(PROVINSI, _("Seluruh Jawa Timur"), opop=None, overlaps_count=False)
    overlapping = sorted(
        ((row, cell) for row in rows for cell in row.cells if cell.overlap),
        key=lambda pair: (-pair[1].opd_count, -pair[1].pagu, pair[0].kode, values.index(pair[1].pilar)),
    )
    gaps = sorted((row for row in rows if row.gap), key=lambda row: (-row.pesantren_opop, row.kode))
    return PetaSinergi(
        tahun=tahun,
        pilars=tuple(pilars),
        rows=rows,
        provinsi=provinsi,
        totals=SinergiRow(
            kode="", nama="", pesantren_opop=None, cells=_cells(totals, values, labels=labels, overlaps_count=False)
        ),
        overlaps=tuple(Overlap(i, row, cell) for i, (row, cell) in enumerate(overlapping, start=1)),
        gaps=tuple(Gap(i, row) for i, row in enumerate(gaps, start=1)),
    )
