"""Loads the Kemendagri reference files shipped in `opop/wilayah/data/` (MIT, cahyadsn/wilayah)."""

import csv
from decimal import Decimal
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
GEOJSON_PATH = DATA_DIR / "jatim_kabkota.geojson"


def _rows(filename):
    with open(DATA_DIR / filename, encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f)


def load_wilayah(KabupatenKota, Kecamatan):
    """Create or update every kab/kota and kecamatan; takes the model classes so migrations can use it."""
    for row in _rows("jatim_regions.csv"):
        if row["type"] == "provinsi":
            continue
        KabupatenKota.objects.update_or_create(
            kode=row["code"],
            defaults={
                "nama": row["name"],
                "nama_pendek": row["name_short"],
                "jenis": row["type"],
                "penduduk": int(row["population_total"]),
                "luas_km2": Decimal(row["area_km2"]),
            },
        )
    for row in _rows("jatim_kecamatan.csv"):
        Kecamatan.objects.update_or_create(
            kode=row["code"], defaults={"nama": row["name"], "kabkota_id": row["kabkota_code"]}
        )
