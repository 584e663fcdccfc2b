"""The reading step and the whole dry run of one checkout on two fixed workbooks, to compare two commits of the
import engine on the same files and the same bench database (issue 27: before/after its real-file changes).

    source the bench's environment (DATABASE_URL of opop_bench, as bench/run sets it), then
    MODE=make manage.py shell < bench/xlsx_before_after.py            # once: writes /tmp/bench_files/*.xlsx
    git worktree add --detach ../before <commit>                         # the other checkout
    for side in ../before . ../before . ../before .; do (cd $side && OUT=$side manage.py shell < …); done

Each run appends one line per file to /tmp/xlsx_cmp.log with the load average; take the medians."""

import os
import time
from pathlib import Path

from opop.accounts.models import User
from opop.imports.engine import run_import
from opop.imports.reading import Limits, read_table
from opop.imports.registry import get_spec

FILES = Path("/tmp/bench_files")
spec = get_spec("santripreneur")
actor = User.objects.get(username="bench-staf_diskop")
if os.environ.get("MODE") == "make":
    from opop.bench import import_file
    from opop.common.spreadsheet import xlsx_bytes
    from pesantren.models import Santripreneur

    FILES.mkdir(exist_ok=True)
    count = 100_000
    run = Santripreneur.objects.filter(nik__regex=r"^\d{4}[1-9]").count() // count
    people = [cells for cells, _plain in import_file.people(count, run=run)]
    titles = [str(c.header) for c in spec.columns]
    text = [i for i, c in enumerate(spec.columns) if c.typed_as_text]
    (FILES / "template.xlsx").write_bytes(
        xlsx_bytes(titles, [[p[c.key] for c in spec.columns] for p in people], text_columns=text)
    )
    sample = people[:50_000]
    title, roster = import_file.roster(sample, repeat_at=len(sample) // 2 + 1)
    (FILES / "roster.xlsx").write_bytes(xlsx_bytes(title, roster, text_columns=import_file.ROSTER_TEXT))
    print("made", [(f.name, f.stat().st_size) for f in FILES.iterdir()])
else:
    label = os.environ["OUT"]
    for name in ("template.xlsx", "roster.xlsx"):
        data = (FILES / name).read_bytes()
        started = time.perf_counter()
        try:
            read_table(data, "bench.xlsx", Limits.from_settings(), columns=spec.columns)
        except TypeError:
            read_table(data, "bench.xlsx", columns=spec.columns)
        reading = time.perf_counter() - started
        started = time.perf_counter()
        result = run_import(spec, data, "bench.xlsx", actor=actor, commit=False)
        dry = time.perf_counter() - started
        invalid = len(result.invalid_rows) if result.rows else "all"
        load = Path("/proc/loadavg").read_text().split()[0]
        line = f"{label}\tload {load}\t{name}\treading {reading:.2f} s\tdry run {dry:.2f} s"
        line += f"\trows {len(result.rows)} invalid {invalid}\n"
        print(line, end="")
        with open("/tmp/xlsx_cmp.log", "a") as fh:
            fh.write(line)
