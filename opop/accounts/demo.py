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
        rows.append(_login_row(user))
    return rows


def demo_logins():
    """The (username, role label, OPD) rows of the demo users that exist, in DEMO_USERS order."""
    users = {u.username: u for u in User.objects.filter(username__in=[row[0] for row in DEMO_USERS])}
    return [_login_row(users[row[0]]) for row in DEMO_USERS if row[0] in users]


def logins_lines(rows):
    """The demo accounts as printed by `seed_demo` and `demo_logins`: one line per account, then the password."""
    width = max((len(username) for username, _, _ in rows), default=0)
    lines = [f"  {username.ljust(width)}  {role:<12} {opd}" for username, role, opd in rows]
    return [*lines, f"  kata sandi: {DEMO_PASSWORD}"]


def _login_row(user):
    return (user.username, user.get_role_display(), str(user.opd or "-"))
