"""XLSX files of plan data: the plan of one OPD in SIPD-like column order, and the FGD recap of a year.

Identifiers are written as text (SIPD codes keep their dots and zeros) and every user-typed text goes through
opop.common.spreadsheet so no cell can be run as a formula."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from opop.common.formatting import tanggal
from opop.common.spreadsheet import BOLD, MONEY, TextCell, XlsxBook
from programs.models import ROMAWI

PLAN_COLUMNS = [
    # (header, width)
    (gettext_lazy("No."), 5),
    (gettext_lazy("Kode"), 20),
    (gettext_lazy("Tingkat"), 13),
    (gettext_lazy("Program / Kegiatan / Sub Kegiatan"), 45),
    (gettext_lazy("Indikator Kinerja"), 40),
    (gettext_lazy("Target"), 10),
    # The quarterly split travels with the plan: the import reads these back (programs/importers.py SPLIT).
    *((f"Target TW {ROMAWI[q]}", 9) for q in (1, 2, 3, 4)),
    (gettext_lazy("Satuan"), 11),
    (gettext_lazy("Lokasi"), 30),
    (gettext_lazy("Waktu Pelaksanaan"), 18),
    (gettext_lazy("Sumber Dana"), 12),
    (gettext_lazy("Pagu Indikatif (Rp)"), 18),
    # The pagu's planned disbursement per quarter (anggaran kas), read back like the targets (importers.py SPLITS).
    *((f"Anggaran kas TW {ROMAWI[q]}", 16) for q in (1, 2, 3, 4)),
    (gettext_lazy("PPTK"), 25),
    (gettext_lazy("Pilar OPOP"), 17),
    (gettext_lazy("Indikator OPOP"), 22),
]


PAGU_COLUMN = 14
KAS_COLUMNS = range(PAGU_COLUMN + 1, PAGU_COLUMN + 5)


def rencana_xlsx(rencana, kegiatan_list):
    book = XlsxBook()
    sheet = book.add_sheet(
        _("Rencana"),
        [header for header, _w in PLAN_COLUMNS],
        widths=[w for _h, w in PLAN_COLUMNS],
        number_formats={column: MONEY for column in (PAGU_COLUMN, *KAS_COLUMNS)},
        freeze=(1, 0),
    )
    for kegiatan in kegiatan_list:
        lokasi = ", ".join(k.nama for k in kegiatan.lokasi.all()) or _("Provinsi Jawa Timur")
        sheet.append(
            [
                kegiatan.nomor,
                TextCell(kegiatan.kode_sipd),
                kegiatan.get_level_sipd_display() or _("Non-nomenklatur"),
                kegiatan.uraian,
                kegiatan.indikator_kinerja,
                kegiatan.target,
                *kegiatan.target_split,
                kegiatan.get_satuan_display(),
                lokasi,
                kegiatan.triwulan_label,
                kegiatan.get_sumber_dana_display(),
                int(kegiatan.pagu),
                *kegiatan.kas_split,
                kegiatan.pptk,
                kegiatan.get_pilar_display(),
                kegiatan.indikator.nama,
            ],
        )
    sheet.append(
        [None, None, None, _("Jumlah"), *[None] * (PAGU_COLUMN - 4), sum(int(k.pagu) for k in kegiatan_list)],
        style=BOLD,
    )

    real = book.add_sheet(
        _("Realisasi"),
        [
            _("Kode"),
            _("Program / Kegiatan / Sub Kegiatan"),
            _("Triwulan"),
            _("Output (kumulatif)"),
            _("Target s.d. triwulan"),
            _("Capaian s.d. triwulan (%)"),
            _("Target tahunan"),
            _("Fisik (%)"),
            _("Terserap (Rp)"),
            _("Pagu (Rp)"),
            _("Keuangan (%)"),
            _("Permasalahan"),
            _("Faktor pendorong"),
            _("Faktor penghambat"),
        ],
        widths=[20, 45, 9, 12, 12, 12, 10, 9, 18, 18, 12, 40, 30, 30],
        freeze=(1, 0),
    )
    for kegiatan in kegiatan_list:
        for item in kegiatan.realisasi_list:
            item.kegiatan = kegiatan
            real.append(
                [
                    TextCell(kegiatan.kode_sipd),
                    kegiatan.uraian,
                    f"TW {ROMAWI[item.triwulan]}",
                    item.output,
                    item.capaian.target_sd,
                    item.capaian.persen,
                    kegiatan.target,
                    item.fisik_persen,
                    int(item.anggaran_terserap),
                    int(kegiatan.pagu),
                    item.keuangan_persen,
                    item.permasalahan,
                    item.faktor_pendorong,
                    item.faktor_penghambat,
                ],
            )

    info = book.add_sheet(_("Info"), widths=[20, 60])
    for label, value in [
        (_("Perangkat Daerah"), rencana.opd.nama),
        (_("Tahun"), rencana.tahun),
        (_("Status"), rencana.get_status_display()),
        (_("Diekspor pada"), tanggal(timezone.now(), with_time=True)),
    ]:
        info.append([label, value])
    return book.response(f"rencana-opop-{rencana.opd.kode}-{rencana.tahun}.xlsx")


def rekap_fgd_xlsx(recap):
    """The recap (selectors.RekapFgd): sheet one a line per OPD and satuan, then per indicator its targets per
    satuan and its pagu, per pillar its total, the grand total and the rules; sheet two "Kendala", the problems of
    the year the recap judges. The same numbers as the page: sums and their capaian over the judged rows only."""
    book = XlsxBook()
    sheet = book.add_sheet(
        _("Rekap FGD %(tahun)s") % {"tahun": recap.tahun},
        _rekap_headers(recap),
        widths=[17, 26, 18, 14, 10, 10, 11, 17, 10, 11, 11, 18, 12, 13, 13, 17, 17, 11],
        number_formats=dict.fromkeys((7, 15, 16, 18), MONEY),
        freeze=(1, 3),
    )
    tw = _tw(recap.triwulan_lalu)
    for group in recap.pilar:
        for indicator in group.indikator:
            for row in indicator.rows:
                sheet.append(_rekap_line(group, indicator, row, tw))
            for unit in indicator.target_per_satuan:
                sheet.append(_rekap_satuan_line(group, indicator, unit), style=BOLD)
            pagu = _("Pagu %(nama)s (dinilai)") % {"nama": indicator.nama}
            sheet.append(_rekap_jumlah_line([group.label, pagu], indicator.totals), style=BOLD)
        label = _("Jumlah pilar %(p)s (dinilai)") % {"p": group.label}
        sheet.append(_rekap_jumlah_line([label, None], group.totals), style=BOLD)
    sheet.append(_rekap_jumlah_line([_("Jumlah seluruhnya (dinilai)"), None], recap.total), style=BOLD)
    sheet.append([])
    for note in rekap_notes(recap):
        sheet.append([note])
    _kendala_sheet(book, recap.kendala)
    _pelaporan_sheet(book, recap.pelaporan)
    return book.response(f"rekap-fgd-opop-{recap.tahun}.xlsx")


def _pelaporan_sheet(book, pelaporan):
    """Reporting rate and timeliness of the year the recap judges (selectors.reporting_rates, as on the page)."""
    quarters = [f"TW {ROMAWI[q]}" for q in range(1, 5)]
    sheet = book.add_sheet(
        _("Ketepatan pelaporan"),
        [
            _("OPD"),
            _("Tahun"),
            *[_("%(tw)s masuk / wajib") % {"tw": tw} for tw in quarters],
            _("Laporan wajib"),
            _("Laporan masuk"),
            _("Tepat waktu"),
            _("% masuk"),
            _("% tepat waktu"),
        ],
        widths=[24, 7, 12, 12, 12, 12, 10, 10, 10, 10, 12],
        freeze=(1, 1),
    )

    def line(name, quarters, year):
        return [
            name,
            pelaporan.tahun,
            *[f"{q.masuk}/{q.wajib}" if q.wajib else "-" for q in quarters],
            year.wajib,
            year.masuk,
            year.tepat_waktu,
            year.persen_masuk,
            year.persen_tepat,
        ]

    for row in pelaporan.rows:
        sheet.append(line(row.opd.singkatan or row.opd.nama, row.triwulan, row.tahun))
    sheet.append(line(_("Semua OPD"), pelaporan.triwulan, pelaporan.total), style=BOLD)
    sheet.append([])
    sheet.append(
        [
            _(
                "Laporan wajib: triwulan yang batas pelaporannya sudah lewat, bagi OPD dengan rencana terverifikasi. "
                "Masuk: diajukan atau diverifikasi. Tepat waktu: pertama kali diajukan paling lambat pada batasnya."
            )
        ]
    )


def _tw(triwulan):
    return f"TW {ROMAWI[triwulan]}" if triwulan else _("TW -")


def rekap_notes(recap):
    """The recap's rules, written under the XLSX's table (the page prints the same in its footnote)."""
    tw = _tw(recap.triwulan_lalu)
    status = recap.status_angka_lalu
    return [
        *([_("Angka %(lalu)s: %(status)s.") % {"lalu": recap.tahun_lalu, "status": status.label}] if status else []),
        _(
            "Realisasi %(lalu)s dinilai pada akhir %(tw)s, triwulan terakhir yang laporannya sudah jatuh tempo: "
            "output kumulatif yang dilaporkan s.d. triwulan itu."
        )
        % {"lalu": recap.tahun_lalu, "tw": tw},
        _(
            "Capaian thd target s.d. %(tw)s = realisasi ÷ target s.d. %(tw)s × 100; capaian thd target tahunan = "
            "realisasi ÷ target tahunan × 100; serapan = terserap ÷ pagu × 100; dibulatkan dua desimal (setengah ke "
            "atas)."
        )
        % {"tw": tw},
        _(
            "Belum melapor: rencana terverifikasi yang laporan %(tw)s-nya belum diajukan padahal batasnya sudah "
            "lewat. Baris belum melapor dan rencana belum diverifikasi tidak diberi persentase dan tidak ikut "
            "dijumlahkan; baris jumlah memuat baris yang dinilai saja."
        )
        % {"tw": tw},
    ]


def _rekap_headers(recap):
    tahun, lalu, tw = recap.tahun, recap.tahun_lalu, _tw(recap.triwulan_lalu)
    return [
        _("Pilar"),
        _("Indikator OPOP"),
        _("OPD"),
        _("Status rencana %(t)s") % {"t": tahun},
        _("Satuan"),
        _("Kegiatan %(t)s") % {"t": tahun},
        _("Target %(t)s") % {"t": tahun},
        _("Pagu %(t)s (Rp)") % {"t": tahun},
        _("Kegiatan %(t)s") % {"t": lalu},
        _("Target tahunan %(t)s") % {"t": lalu},
        _("Target s.d. %(tw)s %(t)s") % {"t": lalu, "tw": tw},
        _("Keadaan %(t)s") % {"t": lalu},
        _("Realisasi s.d. %(tw)s %(t)s") % {"t": lalu, "tw": tw},
        _("Capaian thd target s.d. %(tw)s (%%)") % {"tw": tw},
        _("Capaian thd target tahunan (%)"),
        _("Pagu %(t)s (Rp)") % {"t": lalu},
        _("Terserap %(t)s (Rp)") % {"t": lalu},
        _("Serapan %(t)s (%%)") % {"t": lalu},
        _("Anggaran kas s.d. %(tw)s %(t)s (Rp)") % {"t": lalu, "tw": tw},
        _("Serapan thd anggaran kas s.d. %(tw)s (%%)") % {"tw": tw},
    ]


def _rekap_line(group, indicator, row, tw):
    keadaan = row.keadaan_label
    if row.belum_melapor:
        keadaan = f"{keadaan} {tw}"
    return [
        group.label,
        indicator.nama,
        row.opd,
        row.status_label,
        row.satuan_label,
        row.kegiatan,
        row.target,
        int(row.pagu),
        row.kegiatan_lalu,
        row.target_lalu if row.kegiatan_lalu else None,
        row.target_sd_lalu if row.kegiatan_lalu else None,
        keadaan,
        row.realisasi_lalu,
        row.capaian_lalu,
        row.capaian_tahun_lalu,
        int(row.pagu_lalu),
        None if row.terserap_lalu is None else int(row.terserap_lalu),
        row.serapan_lalu,
        int(row.kas_sd_lalu) if row.kegiatan_lalu else None,
        row.serapan_sd_lalu,
    ]


def _rekap_satuan_line(group, indicator, unit):
    jumlah = _("Jumlah %(nama)s (dinilai)") % {"nama": indicator.nama}
    counted = ngettext("%(n)s dinilai", "%(n)s dinilai", unit.dinilai) % {"n": unit.dinilai}
    if unit.belum_melapor:
        counted += "; " + _belum_melapor(unit.belum_melapor)
    return [
        group.label,
        jumlah,
        None,
        None,
        unit.satuan_label,
        None,
        unit.target,
        None,
        None,
        unit.target_lalu,
        unit.target_sd_lalu,
        counted,
        unit.realisasi_lalu,
        unit.capaian_lalu,
        unit.capaian_tahun_lalu,
    ]


def _rekap_jumlah_line(labels, jumlah):
    """A total line: the two label cells, then the amounts that add up (RekapJumlah; last year's pagu, spending and
    serapan over the judged rows)."""
    belum = _belum_melapor(jumlah.belum_melapor) if jumlah.belum_melapor else None
    return [
        *labels,
        None,
        None,
        None,
        jumlah.kegiatan,
        None,
        int(jumlah.pagu),
        jumlah.kegiatan_lalu,
        None,
        None,
        belum,
        None,
        None,
        None,
        int(jumlah.pagu_dinilai_lalu),
        int(jumlah.terserap_lalu),
        jumlah.serapan_lalu,
        int(jumlah.kas_dinilai_lalu),
        jumlah.serapan_sd_lalu,
    ]


def _belum_melapor(n):
    return ngettext("%(n)s belum melapor", "%(n)s belum melapor", n) % {"n": n}


def _kendala_sheet(book, digest):
    sheet = book.add_sheet(
        _("Kendala"),
        [
            _("OPD"),
            _("Tahun"),
            _("No."),
            _("Kegiatan"),
            _("Pilar"),
            _("Triwulan"),
            _("Kategori"),
            _("Permasalahan"),
            _("Faktor penghambat"),
            _("Agenda FGD"),
            _("Ditandai oleh"),
            _("Ditandai pada"),
        ],
        widths=[18, 7, 5, 40, 16, 9, 20, 50, 40, 11, 18, 18],
        freeze=(1, 1),
    )
    for item in digest.items:
        sheet.append(
            [
                item.opd,
                digest.tahun,
                item.nomor,
                item.uraian,
                item.pilar,
                f"TW {ROMAWI[item.triwulan]}",
                item.kategori or _("Tanpa kategori"),
                item.permasalahan,
                item.faktor_penghambat,
                _("Ya") if item.masuk_agenda else None,
                item.ditandai_oleh or None,
                tanggal(item.ditandai_pada, with_time=True) if item.masuk_agenda else None,
            ]
        )
