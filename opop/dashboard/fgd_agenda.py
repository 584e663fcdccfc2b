"""What the dashboard offers an FGD's agenda draft (registered in DashboardConfig.ready() as "fgd_agenda_sources",
read by programs.fgd_selectors.agenda_suggestions, which cannot import this layer): the synergy map's overlaps and
gaps, and the indicators whose commitments cannot reach the yearly need (the traceability matrix), each as
(programs.models.SumberAgenda value, text). Texts are
written in the portal's language: they become the agenda's stored items."""

from django.utils.translation import gettext as _

from opop.common.formatting import in_portal_language
from opop.dashboard import boards, progress
from programs import selectors as plans

MOST = 5  # the first few of each ranking: the agenda is a meeting's, not the whole map


def _angka(value):
    """1 000 000: a number kept in a stored agenda item, grouped by narrow spaces so it reads the same in both
    languages (a dot or a comma would mean the opposite in one of them)."""
    return f"{value:,}".replace(",", "\u202f")


def sinergi_items(user, tahun):
    peta = boards.sinergi(user, tahun)["peta"]
    pilars = dict(plans.Pilar.choices)
    items = []
    with in_portal_language():
        for overlap in peta.overlaps[:MOST]:
            items.append(
                (
                    "tumpang_tindih",
                    _("Tumpang tindih di %(kabkota)s, pilar %(pilar)s: %(n)s OPD (%(opds)s), %(kegiatan)s kegiatan.")
                    % {
                        "kabkota": overlap.row.nama,
                        "pilar": pilars.get(overlap.cell.pilar, overlap.cell.pilar),
                        "n": overlap.cell.opd_count,
                        "opds": ", ".join(overlap.cell.opds),
                        "kegiatan": overlap.cell.kegiatan,
                    },
                )
            )
        for gap in peta.gaps[:MOST]:
            items.append(
                (
                    "celah",
                    _("Celah di %(kabkota)s: %(n)s pesantren peserta OPOP tanpa kegiatan OPD tahun %(tahun)s.")
                    % {"kabkota": gap.row.nama, "n": gap.row.pesantren_opop, "tahun": tahun},
                )
            )
    return items


def traceability_items(user, tahun):
    data = boards.progress_cards(user, tahun)
    matrix = progress.traceability(
        indicators=[card.indicator for card in data["cards"]],
        rows=plans.commitments_by_indicator_opd(user, tahun),
        targets_by_indicator={i.kode: i.target_map for i in data["indicators"]},
        per_year_by_indicator=data["series"],
        tahun=tahun,
    )
    items = []
    with in_portal_language():
        for row in matrix["rows"]:
            if not row["kurang"]:
                continue
            items.append(
                (
                    "ketertelusuran",
                    _(
                        "%(indikator)s: komitmen OPD %(tahun)s %(komitmen)s, kebutuhan tahunan %(kebutuhan)s menuju "
                        "target %(target_tahun)s; kurang %(selisih)s."
                    )
                    % {
                        "indikator": _(row["indicator"].nama),
                        "tahun": tahun,
                        "komitmen": _angka(row["komitmen"]),
                        "kebutuhan": _angka(row["kebutuhan"]),
                        "target_tahun": row["target_tahun"],
                        "selisih": _angka(row["selisih"]),
                    },
                )
            )
    return items
