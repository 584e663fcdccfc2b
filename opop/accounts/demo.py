"""Demo accounts, one per role (two Petugas OPD in different OPDs), for a first look and the browser tests."""

from opop.accounts.models import PerangkatDaerah, User
from opop.accounts.roles import Role
from opop.accounts.services import user_create, user_sync_role_group

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
        user = User.objects.filter(username=username).first()
        if user is None:
            user = user_create(
                username=username,
                password=DEMO_PASSWORD,
                role=role,
                opd=opd,
                first_name=first,
                last_name=last,
                email=f"{username}@demo.opop.local",
                jabatan=jabatan,
            )
        else:
            user.set_password(DEMO_PASSWORD)
            user.role, user.opd, user.is_active = role, opd, True
            user.is_staff = user.is_superuser = role == Role.ADMIN
            user.full_clean()
            user.save()
            user_sync_role_group(user=user)
        rows.append((username, user.get_role_display(), str(opd or "-")))
    return rows
