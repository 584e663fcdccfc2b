"""A version of a closed year's figures as XLSX (opop/common/spreadsheet.py XlsxBook): the figures per indicator,
per kab/kota and per OPD, each sheet naming the version (angka tetap or perbaikan), when and by whom."""

from django.utils import timezone
from django.utils.translation import gettext as _

from opop.common.formatting import tanggal
from opop.common.spreadsheet import BOLD, MONEY, TextCell, XlsxBook
from programs.angka import StatusAngka
from programs.angka_selectors import version_figures


def angka_tetap_xlsx(angka):
    figures = version_figures(angka)
    label = StatusAngka(tahun=angka.tahun, angka=angka).label
    who = str(angka.ditetapkan_oleh) if angka.ditetapkan_oleh else _("dikunci kembali otomatis")
    title = _("Angka OPOP %(tahun)s — versi %(versi)s: %(status)s (%(oleh)s, %(pada)s)") % {
        "tahun": angka.tahun,
        "versi": angka.versi,
        "status": label,
        "oleh": who,
        "pada": tanggal(timezone.localtime(angka.ditetapkan_pada), with_time=True),
    }
    book = XlsxBook()
    sheet = book.add_sheet(_("Indikator"), None, widths=[22, 40, 16, 18])
    sheet.append([title], style=BOLD)
    sheet.append([_("Kode indikator"), _("Indikator"), _("Tambah tahun ini"), _("Kumulatif s.d. tahun ini")])
    for kode, nama, added, cumulative in figures["indikator"]:
        sheet.append([TextCell(kode), nama, added, cumulative])

    kodes = figures["indikator_kode"]
    sheet = book.add_sheet(_("Kab-Kota"), None, widths=[10, 28, 12, *[16] * len(kodes)], text_columns=[0])
    sheet.append([title], style=BOLD)
    sheet.append([_("Kode"), _("Kabupaten/kota"), _("Pesantren"), *kodes])
    for kab, nama, pesantren, values in figures["kabkota"]:
        sheet.append([TextCell(kab), nama, pesantren, *[values.get(kode, 0) for kode in kodes]])

    sheet = book.add_sheet(
        _("Rencana OPD"),
        None,
        widths=[16, 12, 30, 10, 10, 12, 18, 12, 18],
        number_formats={6: MONEY, 8: MONEY},
    )
    sheet.append([title], style=BOLD)
    sheet.append(
        [
            _("Pilar"),
            _("OPD"),
            _("Indikator"),
            _("Satuan"),
            _("Kegiatan"),
            _("Target"),
            _("Pagu (Rp)"),
            _("Realisasi"),
            _("Terserap (Rp)"),
        ]
    )
    for row in figures["rencana"]:
        sheet.append(
            [
                row["pilar"],
                row["rencana__opd__singkatan"],
                row["indikator__nama"],
                row["satuan"],
                row["jumlah_kegiatan"],
                row["target"],
                row["pagu"],
                row["realisasi"],
                row["terserap"],
            ]
        )
    return book.response(f"angka-opop-{angka.tahun}-versi-{angka.versi}.xlsx")
