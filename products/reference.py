"""Reference data of the products app, loaded by a data migration and by `load_reference_data`."""

# PRODUCT.md §2. (kode, nama, perlu izin edar, perlu halal)
CATEGORIES = [
    ("makanan-minuman", "Makanan & minuman", True, True),
    ("busana-fashion", "Busana/fashion", False, False),
    ("kerajinan", "Kerajinan", False, False),
    ("pertanian-agro", "Pertanian & agro", True, True),
    ("peternakan-perikanan", "Peternakan & perikanan", True, True),
    ("herbal-kosmetik", "Herbal & kosmetik", True, True),
    ("jasa-digital", "Jasa & digital", False, False),
    ("wisata-halal", "Wisata halal", False, False),
]


def seed_categories(ProductCategory):
    """Create missing categories; ones that exist keep what admins changed."""
    for order, (kode, nama, izin_edar, halal) in enumerate(CATEGORIES, start=1):
        ProductCategory.objects.get_or_create(
            kode=kode, defaults={"nama": nama, "urutan": order, "perlu_izin_edar": izin_edar, "perlu_halal": halal}
        )
