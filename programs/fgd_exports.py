"""An FGD's notulen as XLSX (the one writer, opop.common.spreadsheet.XlsxBook): the meeting, attendance, agenda,
decisions with owners and due dates, and the earlier meetings' decisions with their status — what the page prints."""

from django.utils.translation import gettext as _

from opop.common.formatting import tanggal
from opop.common.spreadsheet import BOLD, XlsxBook


def _owners(item):
    return ", ".join(opd.singkatan or opd.nama for opd in item.opd.all())


def _link(item):
    if item.kegiatan_id:
        kegiatan = item.kegiatan
        return f"{kegiatan.rencana.opd.singkatan} {kegiatan.rencana.tahun} No. {kegiatan.nomor}: {kegiatan.uraian}"
    return item.indikator.nama if item.indikator_id else ""


def _decisions(sheet, items, *, with_fgd=False):
    for number, item in enumerate(items, start=1):
        status = item.get_status_display()
        if item.alasan:
            status = f"{status}: {item.alasan}"
        sheet.append(
            [
                number,
                *([tanggal(item.fgd.tanggal)] if with_fgd else []),
                item.uraian,
                _owners(item),
                item.tenggat,
                _link(item),
                status,
                item.catatan,
            ]
        )


def notulen_xlsx(fgd, detail):
    book = XlsxBook()
    sheet = book.add_sheet(_("Notulen"), widths=[6, 60, 30, 14, 40, 28, 40])
    sheet.append([_("Notulen FGD OPOP Jawa Timur")], style=BOLD)
    sheet.append([_("Tanggal"), fgd.tanggal])
    sheet.append([_("Tempat"), fgd.tempat])
    sheet.append([_("Tahun program yang dibahas"), fgd.tahun])
    sheet.append([_("Status"), fgd.get_status_display()])
    sheet.append([_("OPD diundang"), ", ".join(o.singkatan or o.nama for o in detail["diundang"])])
    sheet.append([_("OPD hadir"), ", ".join(o.singkatan or o.nama for o in detail["hadir"])])
    sheet.append([_("Peserta"), fgd.peserta])
    sheet.append([])
    sheet.append([_("Agenda")], style=BOLD)
    for number, item in enumerate(detail["agenda"], start=1):
        sheet.append([number, item.teks, item.get_sumber_display()])
    sheet.append([])
    sheet.append([_("Tindak lanjut")], style=BOLD)
    headers = [
        _("No."),
        _("Tindak lanjut"),
        _("OPD penanggung jawab"),
        _("Tenggat"),
        _("Terkait"),
        _("Status"),
        _("Catatan"),
    ]
    sheet.append(headers, style=BOLD)
    _decisions(sheet, detail["tindak_lanjut"])
    if detail["sebelumnya"]:
        previous = book.add_sheet(
            _("FGD sebelumnya"),
            [_("No."), _("FGD"), *headers[1:]],
            widths=[6, 16, 60, 30, 14, 40, 28, 40],
            freeze=(1, 0),
        )
        _decisions(previous, detail["sebelumnya"], with_fgd=True)
    return book.response(f"notulen-fgd-{fgd.tanggal.isoformat()}.xlsx")
