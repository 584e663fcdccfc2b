"""A plan sheet as an agency titles it (SIPD's "KODE REKENING", "Waktu Pelaksanaan"), not as the template does."""

TITLES = [
    "No",
    "KODE REKENING",
    "Program / Kegiatan / Sub Kegiatan",
    "Indikator Kinerja",
    "Target",
    "Satuan",
    "Lokasi",
    "Waktu Pelaksanaan",
    "Sumber Dana",
    "Pagu Indikatif (Rp)",
    "PPTK",
    "Pilar OPOP",
    "Indikator OPOP",
]

# The command line's older plan-line titles (programs/importers.py reads them beside the export's).
COMMAND_LINE_TITLES = [
    "Kode SIPD",
    "Uraian kegiatan",
    "Pilar OPOP",
    "Indikator OPOP",
    "Indikator kinerja",
    "Target",
    "Satuan",
    "Pagu (Rp)",
    "Sumber dana",
    "Lokasi (kab/kota, pisahkan dengan ;)",
    "Triwulan",
    "PPTK",
]
