"""`manage.py bench` at a toy scale: every section runs and prints each number beside its floor and peer columns,
with the load average per section (the real numbers come from `make bench` on PostgreSQL; no timing asserted)."""

from django.core.management import call_command

from opop.bench.floors import load_average, sql_floor


def test_bench_runs_every_section_and_writes_floor_and_peer_columns(db, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
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
    assert "(bawaan)" in text and "django-import-export" in text
    assert "load " in text and "belum ada" not in text
    # the realistic file imports (bench stops on a refused row) and issue 16's steps are timed on it
    assert "baris berbentuk templat (10 kolom)" in text and "Impor, langkah baru issue 16" in text
    assert "dikenali dari isinya: Kontak, Nomor Induk" in text  # NIK and phone found from their values


def test_floors_need_postgresql_and_load_is_read(db):
    from django.db import connection

    if connection.vendor != "postgresql":
        assert sql_floor([("SELECT 1", [])], repeats=1) is None
    else:
        assert sql_floor([("SELECT 1", [])], repeats=1)["median_ms"] >= 0
    assert load_average() is None or load_average() >= 0
