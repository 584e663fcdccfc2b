"""Reference data of the accounts app, loaded by a data migration and by `load_reference_data`."""

# The supporting agencies named in PRODUCT.md §2; admins add more in Django admin.
OPD = [
    ("diskop-ukm", "Dinas Koperasi dan Usaha Kecil Menengah Provinsi Jawa Timur", "Diskop UKM", True),
    ("kominfo", "Dinas Komunikasi dan Informatika Provinsi Jawa Timur", "Dinas Kominfo", False),
    ("dindik", "Dinas Pendidikan Provinsi Jawa Timur", "Dinas Pendidikan", False),
    ("disnakertrans", "Dinas Tenaga Kerja dan Transmigrasi Provinsi Jawa Timur", "Disnakertrans", False),
    ("bapenda", "Badan Pendapatan Daerah Provinsi Jawa Timur", "Bapenda", False),
    ("disperindag", "Dinas Perindustrian dan Perdagangan Provinsi Jawa Timur", "Disperindag", False),
    ("dinkes", "Dinas Kesehatan Provinsi Jawa Timur", "Dinas Kesehatan", False),
    ("distan", "Dinas Pertanian dan Ketahanan Pangan Provinsi Jawa Timur", "Dinas Pertanian", False),
    ("dkp", "Dinas Kelautan dan Perikanan Provinsi Jawa Timur", "DKP", False),
    ("biro-kesra", "Biro Kesejahteraan Rakyat Setdaprov Jawa Timur", "Biro Kesra", False),
    ("bappeda", "Badan Perencanaan Pembangunan Daerah Provinsi Jawa Timur", "Bappeda", False),
]


def seed_opd(PerangkatDaerah):
    for kode, nama, singkatan, is_lead in OPD:
        PerangkatDaerah.objects.update_or_create(
            kode=kode, defaults={"nama": nama, "singkatan": singkatan, "is_lead": is_lead}
        )
