"""Demo accounts, one per role (two Petugas OPD in different OPDs), for a first look and the browser tests."""

from opop.accounts.models import PerangkatDaerah, User
from opop.accounts.roles import Role
from opop.accounts.services import user_save_role

DEMO_PASSWORD = "Demo-OPOP-2024!"

DEMO_USERS = [
    # username, first name, last name, role, OPD code, jabatan
    ("admin", "Admin", "Portal", Role.ADMIN, None, "Administrator sistem"),
    ("staf", "Siti", "Rahmawati", Role.STAF_DISKOP, "diskop-ukm", "Staf Bidang Pemberdayaan"),
    ("pimpinan", "Andromeda", "Qomariah", Role.PIMPINAN, "diskop-ukm", "Kepala Dinas"),
    ("petugas.kominfo", "Budi", "Santoso", Role.PETUGAS_OPD, "kominfo", "Perencana"),
    ("petugas.dindik", "Dewi", "Lestari", Role.PETUGAS_OPD, "dindik", "Perencana"),
]


def seed_demo_users():
    """Create or reset the demo users; returns (username, role label, OPD) rows for printing."""
    rows = []
    for username, first, last, role, opd_code, jabatan in DEMO_USERS:
        opd = PerangkatDaerah.objects.get(kode=opd_code) if opd_code else None
        user = User.objects.filter(username=username).first() or User(
            username=username, first_name=first, last_name=last, email=f"{username}@demo.opop.local", jabatan=jabatan
        )
        user_save_role(user=user, role=role, opd=opd, password=DEMO_PASSWORD)
        rows.append((username, user.get_role_display(), str(opd or "-")))
    return rows
