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
