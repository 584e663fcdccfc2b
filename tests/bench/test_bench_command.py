"""`manage.py bench` at a toy scale: every section runs and prints each number beside its floor and peer columns,
with the load average per section (the real numbers come from `make bench` on PostgreSQL; no timing asserted)."""

from django.core.management import call_command

from opop.bench import floors
from opop.bench.floors import load_average, sql_floor


def test_bench_runs_every_section_and_writes_floor_and_peer_columns(db, tmp_path, settings, monkeypatch):
    settings.MEDIA_ROOT = tmp_path / "media"
    # On PostgreSQL the floors' own connection cannot see this test's rows and waits on the locks of its truncates:
    # give up at once instead of 2 s per page (47 pages).
    monkeypatch.setattr(floors, "LOCK_WAIT", "10ms")
    output = tmp_path / "RESULTS.md"
    call_command(
        "bench",
        "--yes",
        "--scale",
        "0.0001",
        "--repeats",
        "1",
        "--sections",
        "pages,lists,admin,import",
        "--output",
        str(output),
        stdout=open(tmp_path / "out.txt", "w"),
    )
    text = output.read_text()
    assert "| Measure | Result | Floor | × floor | Peer | × peer | Notes |" in text
    sections = ("## Data", "## Halaman", "## Daftar santripreneur dengan dua filter", "## Django admin", "## Impor")
    for section in sections:
        assert section in text
    assert "Dugaan duplikat santripreneur (tinjauan)" in text and "Admin santripreneur: cari nama" in text
    # issue 31: the API's santripreneur list, first page and deep in the cursor, beside the HTML page
    assert "API santripreneur, halaman pertama" in text and "API santripreneur, halaman tengah kursor" in text
    assert "(bawaan)" in text and "django-import-export" in text
    assert "load " in text and "belum ada" not in text
    # the realistic file imports (bench stops on a refused row) and issue 16's steps are timed on it
    assert "baris berbentuk templat (10 kolom)" in text and "Impor, langkah baru issue 16" in text
    assert "dikenali dari isinya: Kontak, Nomor Induk" in text  # NIK and phone found from their values
    # issue 32: the dry run and the write, each beside its goal as a share of the loaded-table COPY floor
    written = [line for line in text.splitlines() if "Impor, validasi + tulis" in line]
    assert len(written) == 1 and "tujuan ≥ 50 % lantai tabel terisi" in written[0]
    # issue 27: the reading step and the whole dry run of an XLSX, template-shaped and a 54-column roster whose
    # two-row header, TGL/BLN/THN birth date and repeated header block read without a refused row
    assert "Impor XLSX berbentuk templat (10 kolom), 100 baris: membaca berkas (read_table)" in text
    assert "Impor XLSX berbentuk templat (10 kolom), 100 baris: uji coba utuh (baca + validasi)" in text
    roster = [line for line in text.splitlines() if "Impor XLSX daftar santri pesantren (54 kolom" in line]
    assert len(roster) == 2 and "100 baris, 0 tidak sah" in roster[1]


def test_floors_need_postgresql_and_load_is_read(db):
    from django.db import connection

    if connection.vendor != "postgresql":
        assert sql_floor([("SELECT 1", [])], repeats=1) is None
    else:
        assert sql_floor([("SELECT 1", [])], repeats=1)["median_ms"] >= 0
    assert load_average() is None or load_average() >= 0


def test_where_the_time_goes_counts_each_part_between_two_readings():
    from opop.management.commands.bench_load import _where_time_goes

    before = {("gunicorn (Python)", "10"): 5.0, ("PostgreSQL", "20"): 100.0, ("PostgreSQL", "21"): 1.0}
    # worker 10 used 6 s more; backend 21 used 0.5 s more and ended: the postmaster 20 now holds its 1.5 s;
    # backend 22 started and used 1 s
    after = {("gunicorn (Python)", "10"): 11.0, ("PostgreSQL", "20"): 101.5, ("PostgreSQL", "22"): 1.0}
    line = _where_time_goes(before, after, 10)
    assert "gunicorn (Python) 6.0 s (80%)" in line and "PostgreSQL 1.5 s (20%)" in line
    assert _where_time_goes({}, {}, 10).startswith("CPU per part not readable")


def test_bench_users_with_an_outdated_hash_are_rehashed_before_the_load_test(db, settings):
    """A first login's rehash signs the account out of its other sessions: the load test's users failed mid-run."""
    from django.contrib.auth.hashers import make_password

    import opop.settings as production
    from opop.accounts.models import User
    from opop.accounts.roles import Role
    from opop.management.commands.bench import BENCH_PASSWORD, Command

    settings.PASSWORD_HASHERS = production.PASSWORD_HASHERS
    command = Command()
    user = command.user(Role.STAF_DISKOP)
    User.objects.filter(pk=user.pk).update(password=make_password(BENCH_PASSWORD, hasher="pbkdf2_sha256"))
    again = command.user(Role.STAF_DISKOP)
    assert again.pk == user.pk and again.password.startswith("argon2$argon2id$")
    assert again.check_password(BENCH_PASSWORD)
