"""XLSX export of every dashboard table: the same rows boards.py gives the pages, scoped to the viewer."""

from django.utils import timezone
from django.utils.translation import gettext as _

from opop.common.achievement import Band
from opop.common.formatting import tanggal
from opop.common.spreadsheet import Sheet, sheet_response
from opop.dashboard import boards
from opop.dashboard.progress import BASELINE_YEAR


def _pct(value):
    return float(value) if value is not None else None


def _band(value):
    return str(Band(value).label) if value else ""


# The in-year rule (programs.capaian), the same columns wherever a commitment's capaian is exported.
def _capaian_headers():
    return [
        _("Triwulan acuan"),
        _("Target s.d. triwulan"),
        _("Capaian s.d. triwulan (%)"),
        _("Predikat"),
        _("Capaian tahunan (%)"),
        _("Keterangan"),
    ]


def _capaian(capaian):
    return [
        capaian.triwulan or None,
        capaian.target_sd,
        _pct(capaian.persen),
        _band(capaian.band),
        _pct(capaian.persen_tahun) if capaian.dinilai else None,
        "" if capaian.dinilai else str(capaian.label),
    ]


def _number(value):
    return round(value, 1) if isinstance(value, float) else value


def _xlsx(name, tahun, headers, rows, text_columns=()):
    sheet = Sheet(stem=f"dasbor-{name}-{tahun}", headers=headers, rows=lambda: rows, text_columns=text_columns)
    return sheet_response(sheet, "xlsx")


def ringkasan(request, tahun):
    data = boards.progress_cards(request.user, tahun)
    status = data["status_angka"]  # a closed year's figures are those of its version, not of today
    per = status.label if status.tetap else tanggal(timezone.now(), with_time=True)
    headers = [
        _("Indikator"),
        _("Satuan"),
        _("Realisasi (registri) s.d. tahun"),
        _("Tahun"),
        _("Target"),
        _("Tahun target"),
        _("Capaian (%)"),
        _("Predikat"),
        _("Status laju"),
        _("Nilai tahun dasar %(year)s") % {"year": BASELINE_YEAR},
        _("Laju aktual per tahun"),
        _("Laju dibutuhkan per tahun"),
        _("Proyeksi pada tahun target"),
        _("Angka tercatat terakhir (FGD/pers)"),
        _("Sumber angka tercatat"),
        _("Aturan hitung"),
        _("Sumber data"),
        _("Per"),
    ]
    rows = []
    for card in data["cards"]:
        recorded = card.recorded_latest
        rows.append(
            [
                card.indicator.nama,
                card.indicator.get_satuan_display(),
                card.realised,
                tahun,
                card.target,
                card.deadline_year,
                _pct(card.persen),
                _band(card.band),
                str(card.pace.label),
                card.baseline,
                _number(card.pace.actual_per_year),
                _number(card.pace.required_per_year),
                _number(card.pace.projected),
                f"{recorded.nilai} ({recorded.tahun})" if recorded else "",
                recorded.sumber if recorded else "",
                card.indicator.aturan_hitung,
                card.indicator.sumber,
                per,
            ]
        )
    return _xlsx("ringkasan", tahun, headers, rows)


def ringkasan_komitmen(request, tahun):
    data = boards.home(request.user, tahun)
    headers = [
        _("Indikator"),
        _("Satuan"),
        _("OPD"),
        _("Komitmen (target kegiatan)"),
        _("Realisasi"),
        *_capaian_headers(),
    ]
    rows = [
        [
            r["indicator"].nama,
            r["indicator"].get_satuan_display(),
            r["opd"],
            r["target"],
            r["realisasi"],
            *_capaian(r["capaian"]),
        ]
        for r in data["commitments"]
    ]
    return _xlsx("komitmen", tahun, headers, rows)


def tonggak(request, tahun):
    data = boards.tonggak(request.user, tahun)
    headers = [
        _("Indikator"),
        _("Tahun"),
        _("Target"),
        _("Realisasi registri (kumulatif)"),
        _("Tambahan tahun itu (registri)"),
        _("Capaian terhadap target tahun itu (%)"),
        _("Angka tercatat"),
        _("Jenis sumber"),
        _("Sumber angka tercatat"),
    ]
    rows = []
    for section in data["sections"]:
        for row in section["rows"]:
            figures = row["tercatat"] or [None]
            for figure in figures:
                rows.append(
                    [
                        section["card"].indicator.nama,
                        row["tahun"],
                        row["target"],
                        row["realisasi"],
                        row["tambahan"],
                        _pct(row["persen"]),
                        figure.nilai if figure else None,
                        figure.get_jenis_sumber_display() if figure else "",
                        figure.sumber if figure else "",
                    ]
                )
    return _xlsx("tonggak", tahun, headers, rows)


def kabkota(request, tahun):
    data = boards.kabkota(request.user, tahun, request.GET.get("indikator", ""))
    card = data["card"]
    headers = [
        _("Kode"),
        _("Kabupaten/kota"),
        _("Pesantren"),
        _("Pesantren peserta OPOP"),
        _("Santripreneur"),
        _("Sociopreneur"),
        _("Produk unggulan"),
        _("Alokasi target %(name)s %(year)s") % {"name": card.indicator.nama, "year": card.deadline_year},
        _("Kesenjangan"),
        _("Capaian (%)"),
        _("Predikat"),
        _("Status laju"),
        _("Peringkat kesenjangan"),
    ]
    rows = [
        [
            r["kode"],
            r["nama"],
            r["pesantren"],
            r["pesantren-opop"],
            r["santripreneur"],
            r["sociopreneur"],
            r["produk-unggulan"],
            r["alokasi"],
            r["gap"],
            _pct(r["persen"]),
            _band(r["band"]),
            str(r["pace"].label) if r["pace"] else "",
            r["peringkat"],
        ]
        for r in data["rows"]
    ]
    return _xlsx(f"kabkota-{card.indicator.kode}", tahun, headers, rows, text_columns=(0,))


def _opd(request, tahun):
    return boards.opd(request.user, tahun, verified_only=request.GET.get("terverifikasi") == "1")


def opd_matriks(request, tahun):
    data = _opd(request, tahun)
    headers = [
        _("Indikator"),
        _("OPD"),
        _("Komitmen (satuan indikator)"),
        _("Realisasi"),
        _("Porsi target provinsi (%)"),
        _("Target acuan"),
        _("Tahun target acuan"),
        _("Registri akhir tahun sebelumnya"),
        _("Kebutuhan tahun ini"),
        _("Cakupan kebutuhan (%)"),
        _("Komitmen tidak cukup"),
    ]
    rows = []
    for line in data["matrix"]["rows"]:
        name = line["indicator"].nama
        for cell in line["cells"]:
            rows.append(
                [
                    name,
                    cell["opd"],
                    cell["komitmen"],
                    cell["realisasi"],
                    _pct(cell["porsi"]),
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                ]
            )
        rows.append(
            [
                name,
                _("Jumlah"),
                line["komitmen"],
                line["realisasi"],
                _pct(line["porsi"]),
                line["target"],
                line["target_tahun"],
                line["sebelum"],
                line["kebutuhan"],
                _pct(line["cakupan"]),
                line["kurang"],
            ]
        )
    return _xlsx("opd-matriks", tahun, headers, rows)


def opd_komitmen(request, tahun):
    data = _opd(request, tahun)
    headers = [
        _("OPD"),
        _("Indikator"),
        _("Satuan"),
        _("Dihitung ke indikator"),
        _("Kegiatan"),
        _("Target"),
        _("Realisasi"),
        *_capaian_headers(),
        _("Pagu (Rp)"),
        _("Terserap (Rp)"),
        _("Serapan (%)"),
    ]
    rows = [
        [
            r["rencana__opd__singkatan"],
            r["indikator__nama"],
            r["satuan"],
            r["dihitung"],
            r["jumlah_kegiatan"],
            r["target"],
            r["realisasi"],
            *_capaian(r["capaian"]),
            r["pagu"],
            r["terserap"],
            _pct(r["serapan"]),
        ]
        for r in data["commitments"]
    ]
    return _xlsx("opd-komitmen", tahun, headers, rows)


def opd_anggaran(request, tahun):
    data = _opd(request, tahun)
    headers = [
        _("OPD"),
        _("Kegiatan"),
        _("Pagu (Rp)"),
        _("Anggaran kas s.d. triwulan (Rp)"),
        _("Terserap (Rp)"),
        _("Serapan thd anggaran kas s.d. triwulan (%)"),
        _("Serapan thd pagu (%)"),
    ]
    rows = [
        [
            r["rencana__opd__singkatan"],
            r["jumlah_kegiatan"],
            r["pagu"],
            r["kas_sd"],
            r["terserap"],
            _pct(r["keuangan"].persen),
            _pct(r["serapan_persen"]),
        ]
        for r in data["budget"]
    ]
    return _xlsx("opd-anggaran", tahun, headers, rows)


def opd_kepatuhan(request, tahun):
    data = _opd(request, tahun)
    headers = [_("OPD"), _("Status rencana"), "TW I", "TW II", "TW III", "TW IV"]
    rows = [
        [
            r["opd"].singkatan,
            r["rencana"].get_status_display() if r["rencana"] else _("belum ada"),
            *[str(c["label"]) for c in r["cells"]],
        ]
        for r in data["compliance"]["rows"]
    ]
    return _xlsx("opd-kepatuhan", tahun, headers, rows)


def opd_partisipasi(request, tahun):
    data = _opd(request, tahun)
    headers = [_("OPD"), _("Nama OPD"), _("Partisipasi (orang × kegiatan)")]
    rows = [[r["opd__singkatan"], r["opd__nama"], r["jumlah"]] for r in data["participations"]]
    return _xlsx("opd-partisipasi", tahun, headers, rows)


TABLES = {
    "ringkasan": ringkasan,
    "ringkasan-komitmen": ringkasan_komitmen,
    "tonggak": tonggak,
    "kabkota": kabkota,
    "opd-matriks": opd_matriks,
    "opd-komitmen": opd_komitmen,
    "opd-anggaran": opd_anggaran,
    "opd-kepatuhan": opd_kepatuhan,
    "opd-partisipasi": opd_partisipasi,
}
