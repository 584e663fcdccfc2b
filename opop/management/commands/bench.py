"""`manage.py bench`: build the registry at target scale and print timings (docs/FEATURES.md: Benchmarks).

Every measured number stands beside its floor (the same work with nothing of ours around it, opop/bench/floors.py)
and, where one exists, its peer (Django admin's changelist, django-import-export), with both ratios. Each section
records the load average before and after; a section measured with load above 1 is marked noisy."""

import os
import platform
import time
import tracemalloc
from contextlib import contextmanager
from pathlib import Path

from django.contrib.auth.hashers import get_hasher, identify_hasher
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from opop.accounts.models import PerangkatDaerah, User
from opop.accounts.roles import Role
from opop.accounts.services import user_create
from opop.bench import import_file
from opop.bench.floors import capture_queries, copy_floor, load_average, loaded_copy_floor, sql_floor
from opop.bench.generate import generate_catalogue, generate_plans, generate_registry
from opop.bench.measure import time_page
from opop.common.spreadsheet import xlsx_bytes
from opop.imports.engine import run_import
from opop.imports.layout import locate
from opop.imports.mapping import VALUES
from opop.imports.models import ImportBatch
from opop.imports.reading import Limits, read_table
from opop.imports.registry import get_spec
from pesantren.models import Participation, Pesantren, Santripreneur
from pesantren.pagination import encode_cursor

NOISY_LOAD = 1.0
BENCH_PASSWORD = "Bench-Only-2024!"  # bench_load signs in with it
SECTIONS = ("pages", "lists", "admin", "import", "jobs")

# Our list against Django admin's changelist of the same model with the same filter, in the same run.
ADMIN_PAIRS = [
    (
        "Santripreneur, filter kab/kota",
        ("pesantren:santripreneur_list", "kabkota=35.17"),
        ("admin:pesantren_santripreneur_changelist", "pesantren__kabkota__kode__exact=35.17"),
    ),
    (
        "Santripreneur, tanpa filter",
        ("pesantren:santripreneur_list", ""),
        ("admin:pesantren_santripreneur_changelist", ""),
    ),
]
# The agency's own list of issue 16: its columns in the order of import_file.AGENCY_TITLES after "No".
AGENCY_SHEET_ROWS = 50_000
AGENCY_KEYS = ["nama", "nik", "jenis_kelamin", "tanggal_lahir", "telepon", "nspp_pesantren", "bidang_usaha"]
AGENCY_KEYS += ["status", "tahun_terdaftar"]
IMPORT_EXPORT_SAMPLE = 5000  # django-import-export runs ~100 rows/s: a sample of the same file keeps bench short

# (label, URL name, args, query string, role); "<deep>" is replaced by a keyset cursor deep into the list,
# "<pesantren>" by a pesantren's id, "<twin>" by a santripreneur that has a suspected duplicate.
PAGES = [
    ("Beranda (dasbor)", "dashboard:home", [], "", Role.PIMPINAN),
    ("Beranda Staf Diskop (dengan jumlah dugaan duplikat)", "dashboard:home", [], "", Role.STAF_DISKOP),
    ("Santripreneur, tanpa filter", "pesantren:santripreneur_list", [], "", Role.STAF_DISKOP),
    ("Santripreneur, filter kab/kota", "pesantren:santripreneur_list", [], "kabkota=35.17", Role.STAF_DISKOP),
    ("Santripreneur, cari nama", "pesantren:santripreneur_list", [], "q=fauzi", Role.STAF_DISKOP),
    ("Santripreneur, halaman tengah daftar", "pesantren:santripreneur_list", [], "kursor=<deep>", Role.STAF_DISKOP),
    # The same list through the REST API (issue 31), beside the HTML page above: JSON, cursor over the primary key.
    ("API santripreneur, halaman pertama", "api:santripreneur-list", [], "", Role.STAF_DISKOP),
    ("API santripreneur, halaman tengah kursor", "api:santripreneur-list", [], "kursor=<api-deep>", Role.STAF_DISKOP),
    ("Dugaan duplikat santripreneur (tinjauan)", "pesantren:santripreneur_duplicates", [], "", Role.STAF_DISKOP),
    ("Detail santripreneur dengan dugaan duplikat", "pesantren:santripreneur_detail", ["<twin>"], "", Role.STAF_DISKOP),
    ("Pesantren, filter kab/kota", "pesantren:list", [], "kabkota=35.17", Role.STAF_DISKOP),
    ("Detail pesantren", "pesantren:detail", ["<pesantren>"], "", Role.STAF_DISKOP),
    ("Katalog produk (staf)", "products:list", [], "", Role.STAF_DISKOP),
    ("Katalog publik", "katalog:list", [], "", None),
    ("Halaman publik", "dashboard:public", [], "", None),
    ("Rencana OPD (daftar)", "programs:list", [], "", Role.STAF_DISKOP),
    ("Rekap FGD 2024", "programs:rekap_fgd", [], "tahun=2024", Role.PIMPINAN),
    ("Dasbor: beranda Petugas OPD", "dashboard:home", [], "", Role.PETUGAS_OPD),
    ("Dasbor: tonggak 2019–2024", "dashboard:tonggak", [], "", Role.PIMPINAN),
    ("Dasbor: per kab/kota (peta)", "dashboard:kabkota", [], "", Role.PIMPINAN),
    ("Dasbor: per OPD", "dashboard:opd", [], "", Role.PIMPINAN),
    ("Dasbor: ekspor XLSX kab/kota", "dashboard:export", ["kabkota"], "", Role.PIMPINAN),
]

# The santripreneur list with two filters (issue 18: each backed by an index that matches it).
TWO_FILTERS = [
    ("kab/kota + status aktif", "kabkota=35.17&status=aktif"),
    ("kab/kota + status tidak aktif", "kabkota=35.17&status=tidak_aktif"),
    ("kab/kota + tahun terdaftar", "kabkota=35.17&tahun_terdaftar=2021"),
    ("kab/kota + jenis kelamin", "kabkota=35.17&jenis_kelamin=P"),
    ("kab/kota + cari nama", "kabkota=35.17&q=fauzi"),
    ("status tidak aktif + tahun terdaftar", "status=tidak_aktif&tahun_terdaftar=2021"),
    ("status tidak aktif + jenis kelamin", "status=tidak_aktif&jenis_kelamin=P"),
    ("tahun terdaftar + jenis kelamin", "tahun_terdaftar=2021&jenis_kelamin=P"),
    ("pesantren + status", "pesantren=<pesantren>&status=aktif"),
]

# Django admin at scale: (label, URL name, args, query string). Measured with our settings and with Django's
# stock ones (admin.bench_stock_settings), same run.
SANTRI_CL, PARTICIPATION_CL = "admin:pesantren_santripreneur_changelist", "admin:pesantren_participation_changelist"
SANTRI_CHANGE = "admin:pesantren_santripreneur_change"
# Stock admin's person change view renders every person as an option of 'bukan duplikat' (filter_horizontal):
# 25 s at 200 000 people, minutes at a million, so above this it is not timed.
STOCK_CHANGE_VIEW_MAX = 250_000
STOCK_CHANGE_VIEW_NOTE = "bawaan tidak diukur di atas 250 000 orang: setiap orang jadi pilihan (25 dtk pada 200 000)"
ADMIN_PAGES = [
    ("Admin santripreneur: tanpa filter", SANTRI_CL, [], ""),
    ("Admin santripreneur: kab/kota", SANTRI_CL, [], "pesantren__kabkota__kode__exact=35.17"),
    ("Admin santripreneur: tahun", SANTRI_CL, [], "tahun_terdaftar=2021"),
    ("Admin santripreneur: cari nama", SANTRI_CL, [], "q=fauzi"),
    ("Admin santripreneur: cari nama lengkap", SANTRI_CL, [], "q=<rare>"),
    (
        "Admin santripreneur: kab/kota + tahun + cari nama",
        "admin:pesantren_santripreneur_changelist",
        [],
        "pesantren__kabkota__kode__exact=35.17&tahun_terdaftar=2021&q=siti",
    ),
    ("Admin santripreneur: ubah satu orang", SANTRI_CHANGE, ["<person>"], ""),
    ("Admin santripreneur: riwayat satu orang", "admin:pesantren_santripreneur_history", ["<person>"], ""),
    ("Admin partisipasi: tanpa filter", PARTICIPATION_CL, [], ""),
    ("Admin partisipasi: tahun", PARTICIPATION_CL, [], "tahun=2021"),
    ("Admin partisipasi: OPD + tahun", PARTICIPATION_CL, [], "opd__id__exact=<opd>&tahun=2021"),
    ("Admin partisipasi: cari nama", PARTICIPATION_CL, [], "q=<rare>"),
    ("Admin partisipasi: ubah satu", "admin:pesantren_participation_change", ["<participation>"], ""),
    ("Admin partisipasi: riwayat satu", "admin:pesantren_participation_history", ["<participation>"], ""),
]


def _ms(result):
    return f"median {result['median_ms']:.0f} ms · p95 {result['p95_ms']:.0f} ms"


def _fewer(repeats, share, *, at_least):
    """A slower page's repeats: a `share` of the run's, not under `at_least` unless the run asked for fewer."""
    return max(min(at_least, repeats), repeats // share)


def _ratio(mine, floor):
    """How many times its floor a time is."""
    return f"{mine / floor:.1f}×" if mine and floor else ""


class Command(BaseCommand):
    help = "Bangun data skala target dan ukur waktu halaman serta impor (sebaiknya pada PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("--santri", type=int, default=1_000_000)
        parser.add_argument("--pesantren", type=int, default=7000)
        parser.add_argument("--participations", type=int, default=1_500_000)
        parser.add_argument("--import-rows", type=int, default=100_000)
        parser.add_argument("--job-import-rows", type=int, default=250_000)
        parser.add_argument(
            "--xlsx-writer-rows",
            type=int,
            default=200_000,
            help="baris ekspor yang ditulis tiap penulis XLSX pada perbandingan berdampingan",
        )
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="kalikan jumlah santripreneur, pesantren, partisipasi dan baris impor (mis. 0.1 untuk uji cepat)",
        )
        parser.add_argument(
            "--sections",
            default=",".join(SECTIONS),
            help=f"bagian yang diukur, dipisah koma: {', '.join(SECTIONS)}",
        )
        parser.add_argument("--skip-jobs", action="store_true", help="tanpa ekspor/impor sebagai pekerjaan latar")
        parser.add_argument("--jobs-only", action="store_true", help="dengan --reuse: hanya ukur pekerjaan latar")
        parser.add_argument("--repeats", type=int, default=30)
        parser.add_argument("--reuse", action="store_true", help="pakai data yang sudah ada, jangan bangun ulang")
        parser.add_argument("--yes", action="store_true", help="izinkan menghapus isi tabel registri")
        parser.add_argument("--output", help="tulis tabel hasil ke berkas Markdown ini")

    def handle(self, *args, **opts):
        if not opts["yes"]:
            raise CommandError("bench mengosongkan tabel registri; jalankan pada basis data khusus dengan --yes.")
        if opts["scale"] != 1.0:
            for name in ("santri", "participations", "import_rows", "job_import_rows", "xlsx_writer_rows"):
                opts[name] = max(100, int(opts[name] * opts["scale"]))
            opts["pesantren"] = max(380, int(opts["pesantren"] * opts["scale"]))
        sections = {s.strip() for s in opts["sections"].split(",") if s.strip()}
        if opts["jobs_only"]:
            sections = {"jobs"}
        if opts["skip_jobs"]:
            sections.discard("jobs")
        self.sections = []  # (title, load before, load after, rows)
        for role in Role:
            self.user(role)
        self.stdout.write(f"Basis data: {connection.vendor} · Python {platform.python_version()}")
        with self.section("Data"):
            if not opts["reuse"]:
                started = time.perf_counter()
                generate_registry(
                    pesantren=opts["pesantren"],
                    santri=opts["santri"],
                    participations=opts["participations"],
                    log=self.stdout.write,
                )
                generate_catalogue(log=self.stdout.write)
                generate_plans(author=self.user(Role.STAF_DISKOP), log=self.stdout.write)
                self.record("Membangun data (COPY)", f"{time.perf_counter() - started:.1f} dtk")
            self.record(
                "Jumlah santripreneur / pesantren",
                f"{Santripreneur.objects.count():,} / {Pesantren.objects.count():,}",
                notes=f"{Santripreneur.objects.filter(ada_kembaran=True).count():,} santripreneur dengan kembaran",
            )
            self.check_dashboard_counts()
        repeats = opts["repeats"]
        if "pages" in sections:
            with self.section("Halaman (waktu server) beside the page's own SQL run bare"):
                self.measure_pages(PAGES, repeats)
        if "lists" in sections:
            with self.section("Daftar santripreneur dengan dua filter"):
                self.measure_pages(
                    [
                        (f"Santripreneur, {label}", "pesantren:santripreneur_list", [], query, Role.STAF_DISKOP)
                        for label, query in TWO_FILTERS
                    ],
                    repeats,
                )
        if "admin" in sections:
            with self.section("Daftar kami vs changelist Django admin"):
                self.measure_admin_ratio(repeats)
            with self.section("Django admin pada skala target: pengaturan kami vs pengaturan bawaan"):
                self.measure_admin_pages(repeats)
        if "import" in sections:
            with self.section("Impor"):
                self.measure_import(opts["import_rows"])
        if "jobs" in sections:
            from opop.bench.jobs import measure_jobs

            with self.section("Pekerjaan latar (ekspor, impor)"):
                measure_jobs(self, opts["job_import_rows"], writer_rows=opts["xlsx_writer_rows"])
        self.print_table()
        if opts["output"]:
            Path(opts["output"]).write_text(self.markdown(opts), encoding="utf-8")
            self.stdout.write(f"Hasil ditulis ke {opts['output']}")

    # ------------------------------------------------------------------ recording

    @contextmanager
    def section(self, title):
        rows = []
        before = load_average()
        self.stdout.write(f"\n== {title} (beban {before})")
        self.sections.append([title, before, None, rows])
        self.current = rows
        try:
            yield
        finally:
            self.sections[-1][2] = load_average()

    def record(self, label, value, *, floor="", x_floor="", peer="", x_peer="", notes=""):
        self.current.append((label, value, floor, x_floor, peer, x_peer, notes))
        parts = [p for p in (floor and f"lantai {floor} ({x_floor})", peer and f"pembanding {peer} ({x_peer})") if p]
        self.stdout.write(f"  {label}: {value} {' · '.join(parts)} {notes}")

    def user(self, role):
        """The bench-<role> account (the load test signs in as these too); None is an anonymous visitor."""
        if role is None:
            return None
        username = f"bench-{role}"
        opd = PerangkatDaerah.objects.get(kode="kominfo") if role == Role.PETUGAS_OPD else None
        user = User.objects.filter(username=username).first()
        if user is None:
            return user_create(username=username, password=BENCH_PASSWORD, role=role, opd=opd)
        if _stale_hash(user.password):
            # A hash of an older hasher is rehashed at the first login, which signs out that account's other
            # sessions: the load test's users would fail mid-run. Rehash before it starts.
            user.set_password(BENCH_PASSWORD)
            user.save(update_fields=["password"])
        return user

    # ------------------------------------------------------------------ pages

    def _substitutions(self):
        if not hasattr(self, "_subs"):
            pesantren = Pesantren.objects.order_by("pk").first()
            total = Santripreneur.objects.count()
            deep = Santripreneur.objects.order_by("nama", "pk").values_list("nama", "pk")[total // 2 : total // 2 + 1]
            deep = deep.first()
            middle = Santripreneur.objects.order_by("pk").values_list("pk", flat=True)[total // 2 : total // 2 + 1]
            middle = middle.first()
            twin = Santripreneur.objects.filter(ada_kembaran=True).order_by("pk").values_list("pk", flat=True).first()
            person = Santripreneur.objects.order_by("pk").values_list("pk", flat=True).first()
            rare = Santripreneur.objects.order_by("-pk").values_list("nama", flat=True).first() or "x"
            participation = Participation.objects.order_by("pk").values_list("pk", flat=True).first()
            self._subs = {
                "<pesantren>": str(pesantren.pk) if pesantren else "0",
                "<deep>": encode_cursor("n", *deep) if deep else "",
                "<api-deep>": encode_cursor("n", middle, middle) if middle else "",
                "<twin>": str(twin or person or 0),
                "<person>": str(person or 0),
                "<opd>": str(PerangkatDaerah.objects.get(kode="kominfo").pk),
                "<rare>": rare.replace(" ", "+"),
                "<participation>": str(participation or 0),
            }
        return self._subs

    def _url(self, name, args, query):
        subs = self._substitutions()
        args = [subs.get(a, a) for a in args]
        for key, value in subs.items():
            query = query.replace(key, value)
        return reverse(name, args=args) + (f"?{query}" if query else "")

    def _floor(self, user, url, repeats):
        floor = sql_floor(capture_queries(user, url), repeats=repeats)
        return floor["median_ms"] if floor else None

    def measure_pages(self, pages, repeats):
        for label, name, args, query, role in pages:
            try:
                url = self._url(name, args, query)
            except NoReverseMatch:
                self.record(label, "belum ada")
                continue
            result = time_page(self.user(role), url, repeats=repeats)
            floor = self._floor(self.user(role), url, repeats)
            self.record(
                label,
                _ms(result),
                floor=f"{floor:.1f} ms" if floor else "—",
                x_floor=_ratio(result["median_ms"], floor),
                notes=f"{result['queries']} query",
            )

    def check_dashboard_counts(self):
        """At bench scale the dashboards (tallies) must equal direct SQL counts of the rows."""
        from django.db.models import Count

        from opop.dashboard.selectors import kabkota_counts, registry_series
        from products.models import Product

        user = self.user(Role.PIMPINAN)
        series = registry_series(user)
        direct_santri = dict(
            Santripreneur.objects.filter(status="aktif")
            .order_by()
            .values_list("tahun_terdaftar")
            .annotate(n=Count("id"))
        )
        direct_products = dict(
            Product.objects.filter(status_kurasi="unggulan")
            .order_by()
            .values_list("tahun_unggulan")
            .annotate(n=Count("id"))
        )
        per_region = kabkota_counts(user, 2024)
        direct_region = dict(
            Santripreneur.objects.filter(status="aktif", tahun_terdaftar__lte=2024)
            .order_by()
            .values_list("pesantren__kabkota_id")
            .annotate(n=Count("id"))
        )
        mismatches = []
        if series["santripreneur"] != direct_santri:
            mismatches.append("santripreneur per tahun")
        if series["produk-unggulan"] != {k: v for k, v in direct_products.items() if k}:
            mismatches.append("produk unggulan per tahun")
        for kode, n in direct_region.items():
            if per_region[kode]["santripreneur"][1] != n:
                mismatches.append(f"santripreneur {kode}")
        if mismatches:
            raise CommandError(f"Dashboard differs from direct SQL counts: {mismatches}")
        self.record(
            "Dasbor = hitungan SQL langsung (sampel)",
            "cocok",
            notes=f"santripreneur {sum(direct_santri.values()):,} per tahun dan per {len(direct_region)} kab/kota; "
            f"produk unggulan {sum(direct_products.values()):,} per tahun",
        )

    # ------------------------------------------------------------------ admin

    def measure_admin_ratio(self, repeats):
        admin = self.user(Role.ADMIN)
        for label, (ours, our_query), (changelist, admin_query) in ADMIN_PAIRS:
            our_url = self._url(ours, [], our_query)
            admin_url = self._url(changelist, [], admin_query)
            mine = time_page(admin, our_url, repeats=repeats)
            floor = self._floor(admin, our_url, repeats)
            theirs = time_page(admin, admin_url, repeats=_fewer(repeats, 3, at_least=5))
            with bench_stock_admin():
                stock = time_page(admin, admin_url, repeats=_fewer(repeats, 3, at_least=5))
            self.record(
                f"{label}: daftar kami vs changelist admin",
                _ms(mine),
                floor=f"{floor:.1f} ms" if floor else "—",
                x_floor=_ratio(mine["median_ms"], floor),
                peer=f"{theirs['median_ms']:.0f} ms (admin kami), {stock['median_ms']:.0f} ms (admin bawaan)",
                x_peer=f"{theirs['median_ms'] / mine['median_ms']:.1f}× / {stock['median_ms'] / mine['median_ms']:.1f}×"
                " lebih cepat",
                notes=f"{mine['queries']} vs {theirs['queries']} / {stock['queries']} query",
            )

    def measure_admin_pages(self, repeats):
        admin = self.user(Role.ADMIN)
        people = Santripreneur.objects.count()
        for label, name, args, query in ADMIN_PAGES:
            try:
                url = self._url(name, args, query)
            except NoReverseMatch:
                self.record(label, "belum ada")
                continue
            ours = time_page(admin, url, repeats=_fewer(repeats, 2, at_least=5))
            floor = self._floor(admin, url, _fewer(repeats, 2, at_least=5))
            stock, skipped = None, name == SANTRI_CHANGE and people > STOCK_CHANGE_VIEW_MAX
            if not skipped:
                with bench_stock_admin():
                    try:
                        stock = time_page(admin, url, repeats=_fewer(repeats, 6, at_least=3))
                    except RuntimeError:  # a page that exists only with our settings
                        pass
            self.record(
                label,
                _ms(ours),
                floor=f"{floor:.1f} ms" if floor else "—",
                x_floor=_ratio(ours["median_ms"], floor),
                peer=f"{stock['median_ms']:.0f} ms (bawaan)" if stock else "—",
                x_peer=f"{stock['median_ms'] / ours['median_ms']:.1f}× lebih cepat" if stock else "",
                notes=STOCK_CHANGE_VIEW_NOTE
                if skipped
                else f"{ours['queries']} vs {stock['queries'] if stock else '—'} query",
            )

    # ------------------------------------------------------------------ import

    def measure_import(self, count):
        """The template-shaped file of import_file.py, validated (dry run) and written, beside a plain COPY of the
        same rows; then what issue 16's steps cost on it (finding the table, the column mapping) and the mapping's
        detection on an agency's own 50 000-row sheet."""
        spec = get_spec("santripreneur")
        actor = self.user(Role.STAF_DISKOP)
        run = Santripreneur.objects.filter(nik__regex=r"^\d{4}[1-9]").count() // max(count, 1)
        rows = list(import_file.people(count, run=run))
        titles = [str(column.header) for column in spec.columns]
        lines = [import_file.csv_line(titles)]
        lines += [import_file.csv_line([cells[column.key] for column in spec.columns]) for cells, _plain in rows]
        data = ("\n".join(lines) + "\n").encode()
        plain = [plain for _cells, plain in rows]
        empty = copy_floor(Santripreneur, import_file.COPY_COLUMNS, plain)
        loaded = loaded_copy_floor(Santripreneur, import_file.COPY_COLUMNS, plain)
        tracemalloc.start()  # memory in a pass of its own: tracing slows Python down several times
        run_import(spec, data, "bench.csv", actor=actor, commit=False)
        peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
        tracemalloc.stop()
        self.measure_xlsx(spec, actor, [cells for cells, _plain in rows])
        rates = {}
        table = f"{Santripreneur.objects.count():,}"
        for label, commit in (("Impor, uji coba (validasi saja)", False), ("Impor, validasi + tulis", True)):
            # A write goes through a batch, as the portal's do: the records it creates carry it (issue 32).
            batch = (
                ImportBatch.objects.create(kind=spec.kind, original_name="bench.csv", uploaded_by=actor)
                if commit
                else None
            )
            started = time.perf_counter()
            result = run_import(spec, data, "bench.csv", actor=actor, commit=commit, batch=batch)
            elapsed = time.perf_counter() - started
            if not result.ok:
                raise CommandError(f"bench import invalid: {result.error_list()[:3]}")
            if batch is not None:
                ImportBatch.objects.filter(pk=batch.pk).update(
                    status=ImportBatch.Status.COMMITTED, committed_by=actor, committed_at=timezone.now()
                )
            rates[commit] = count / elapsed
            self.record(
                f"{label}, {count:,} baris berbentuk templat ({len(titles)} kolom)",
                f"{count / elapsed:,.0f} baris/dtk ({elapsed:.1f} dtk)",
                floor=f"{loaded:,.0f} baris/dtk (COPY polos ke tabel terisi {table} baris) · {empty:,.0f} baris/dtk "
                "(COPY ke tabel kosong)"
                if loaded and empty
                else "—",
                x_floor=f"{rates[commit] / loaded:.0%} / {rates[commit] / empty:.0%} dari lantai"
                if loaded and empty
                else "",
                notes=f"tujuan ≥ {'50' if commit else '60'} % lantai tabel terisi",
            )
        self.record("Impor, memori puncak (Python, uji coba)", f"{peak:.0f} MB")
        self.measure_mapping_steps(spec, data, count / rates[False], [cells for cells, _plain in rows])
        self.compare_import_export(data, spec, actor)

    def measure_xlsx(self, spec, actor, people):
        """Issue 27: the reading step (read_table: the workbook's XML into rows, the table found, the mapping) and the
        whole dry run on the same people as an XLSX workbook shaped like the template, and on a pesantren's roster 54
        columns wide (a title row, the header over two rows with the birth date over TGL / BLN / THN, a second block
        pasted below the first with its header again)."""
        titles = [str(column.header) for column in spec.columns]
        text = [index for index, column in enumerate(spec.columns) if column.typed_as_text]
        template = [[cells[column.key] for column in spec.columns] for cells in people]
        roster_people = people[:AGENCY_SHEET_ROWS]
        title, roster = import_file.roster(roster_people, repeat_at=len(roster_people) // 2 + 1)
        files = [
            (f"berbentuk templat ({len(titles)} kolom)", xlsx_bytes(titles, template, text_columns=text), len(people)),
            (
                f"daftar santri pesantren ({import_file.ROSTER_WIDTH} kolom, judul dua baris, TGL/BLN/THN)",
                xlsx_bytes(title, roster, text_columns=import_file.ROSTER_TEXT),
                len(roster_people),
            ),
        ]
        for label, data, count in files:
            started = time.perf_counter()
            table = read_table(data, "bench.xlsx", Limits.from_settings(), columns=spec.columns)
            reading = time.perf_counter() - started
            started = time.perf_counter()
            result = run_import(spec, data, "bench.xlsx", actor=actor, commit=False)
            dry_run = time.perf_counter() - started
            invalid = len(result.invalid_rows) if result.rows else count
            said = f"{len(result.rows):,} baris, {invalid:,} tidak sah"
            self.record(
                f"Impor XLSX {label}, {count:,} baris: membaca berkas (read_table)",
                f"{count / reading:,.0f} baris/dtk ({reading:.1f} dtk)",
                notes=f"{table.cells:,} sel dibaca; openpyxl",
            )
            self.record(
                f"Impor XLSX {label}, {count:,} baris: uji coba utuh (baca + validasi)",
                f"{count / dry_run:,.0f} baris/dtk ({dry_run:.1f} dtk)",
                notes=f"membaca {reading / dry_run:.0%} dari uji coba; {said}"
                + (f"; {result.file_errors[0][:80]}" if result.file_errors else ""),
            )

    def measure_mapping_steps(self, spec, data, dry_run_seconds, people):
        """Issue 16 Done 5: the steps it added before the rows are read (header search below title rows, column
        mapping, totals/example/hidden rows) timed on the same file, as a share of the dry run; and the mapping
        detection (titles, synonyms, values) on an agency-shaped 50 000-row sheet."""
        table = read_table(data, "bench.csv")
        started = time.perf_counter()
        locate(spec.columns, table.headers, table.rows)
        steps = time.perf_counter() - started
        without = dry_run_seconds - steps
        self.record(
            "Impor, langkah baru issue 16 (cari tabel, pemetaan kolom) pada berkas yang sama",
            f"{steps * 1000:,.0f} ms ({steps / dry_run_seconds:.0%} dari uji coba)",
            peer=f"{len(table.rows) / without:,.0f} baris/dtk tanpa langkah itu",
            x_peer=f"{dry_run_seconds / without:.2f}× lebih lambat",
            notes="tujuan: dalam 20 %",
        )
        sample = people[:AGENCY_SHEET_ROWS]
        while len(sample) < AGENCY_SHEET_ROWS:
            sample += people[: AGENCY_SHEET_ROWS - len(sample)]
        rows = [(2, ["DAFTAR PESERTA PELATIHAN KEWIRAUSAHAAN SANTRI TAHUN 2024"]), (3, list(import_file.AGENCY_TITLES))]
        for number, cells in enumerate(sample, start=4):
            rows.append((number, [number - 3, *(cells[key] for key in AGENCY_KEYS)]))
        started = time.perf_counter()
        found = locate(spec.columns, [""], rows)
        detection = time.perf_counter() - started
        by_values = sorted(title for title, _key, how in found.read if how == VALUES)
        self.record(
            f"Pemetaan kolom: deteksi pada lembar instansi {AGENCY_SHEET_ROWS:,} baris",
            f"{detection * 1000:,.0f} ms",
            notes=f"tujuan < 1 dtk; dikenali dari isinya: {', '.join(by_values) or '—'}",
        )

    def compare_import_export(self, data, spec, actor):
        try:
            from opop.bench.import_export_compare import import_with_django_import_export
        except ImportError:
            self.record("django-import-export", "tidak terpasang", notes="pip install '.[bench]'")
            return
        sample = b"\n".join(data.splitlines()[: IMPORT_EXPORT_SAMPLE + 1]) + b"\n"
        started = time.perf_counter()
        run_import(spec, sample, "sample.csv", actor=actor, commit=False)
        ours = IMPORT_EXPORT_SAMPLE / (time.perf_counter() - started)
        tracemalloc.start()
        started = time.perf_counter()
        result = import_with_django_import_export(sample, dry_run=True)
        theirs = IMPORT_EXPORT_SAMPLE / (time.perf_counter() - started)
        peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
        tracemalloc.stop()
        if result.has_errors() or result.has_validation_errors():
            raise CommandError("django-import-export reported errors on the bench sample")
        self.record(
            f"Uji coba impor {IMPORT_EXPORT_SAMPLE:,} baris",
            f"{ours:,.0f} baris/dtk",
            peer=f"{theirs:,.0f} baris/dtk (django-import-export)",
            x_peer=f"{ours / theirs:.0f}× lebih cepat",
            notes=f"memori puncak django-import-export {peak:.0f} MB (dengan tracemalloc)",
        )

    # ------------------------------------------------------------------ output

    def markdown(self, opts):
        with connection.cursor() as cursor:
            cursor.execute("SELECT version()" if connection.vendor == "postgresql" else "SELECT sqlite_version()")
            db_version = cursor.fetchone()[0]
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
        lines = [
            "# Benchmark results",
            "",
            f"Run {timezone.localtime():%Y-%m-%d %H:%M} WIB with `make bench` (`manage.py bench`"
            + (f" --scale {opts['scale']}" if opts["scale"] != 1.0 else "")
            + ").",
            f"Machine: {os.cpu_count()} cores, {memory:.0f} GiB RAM, {platform.platform()}, "
            f"Python {platform.python_version()}.",
            f"Database: {db_version.split(' on ')[0]}.",
            "Page times are server time through Django's test client (middleware, view, template; no network), "
            f"warm, {opts['repeats']} requests each. **Floor**: the same work with nothing of ours around it — "
            "for a page the SQL that page ran, replayed bare through psycopg; for an import a plain COPY of the same "
            "rows into the table as it stands (loaded, every index and trigger) and into an empty copy of it; for an "
            "export PostgreSQL's own CSV writer (COPY TO). **× floor** "
            "is how many times the floor the measured number is; **× peer** compares with Django admin's changelist "
            "or django-import-export in the same run. Each section gives the 1-minute load average before → after; "
            f"a section measured with load above {NOISY_LOAD:g} on this {os.cpu_count()}-core machine is marked "
            "**noisy**.",
        ]
        for title, before, after, rows in self.sections:
            noisy = any(v is not None and v > NOISY_LOAD for v in (before, after))
            load = f"load {before:.2f} → {after:.2f}" if before is not None and after is not None else "load —"
            lines += [
                "",
                f"## {title} ({load}{', **noisy**' if noisy else ''})",
                "",
                "| Measure | Result | Floor | × floor | Peer | × peer | Notes |",
                "|---|---|---|---|---|---|---|",
            ]
            lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
        return "\n".join(lines) + "\n"

    def print_table(self):
        rows = [row for section in self.sections for row in section[3]]
        width = max(len(r[0]) for r in rows)
        self.stdout.write("\n" + "-" * (width + 50))
        for title, before, after, section_rows in self.sections:
            self.stdout.write(f"# {title}: beban {before} → {after}")
            for label, value, floor, x_floor, peer, x_peer, notes in section_rows:
                extra = " · ".join(p for p in (floor and f"lantai {floor} {x_floor}", peer and f"{peer} {x_peer}") if p)
                self.stdout.write(f"{label.ljust(width)}  {value}  {extra}  {notes}")


def _stale_hash(encoded):
    hasher = identify_hasher(encoded)
    return hasher.algorithm != get_hasher().algorithm or hasher.must_update(encoded)


@contextmanager
def bench_stock_admin():
    """Django's stock admin settings on the registered ModelAdmins, for the side-by-side numbers."""
    from django.contrib import admin

    changed = []
    for model_admin in admin.site._registry.values():
        stock = getattr(model_admin, "bench_stock_settings", None)
        if not stock:
            continue
        for name, value in stock().items():
            changed.append((model_admin, name, model_admin.__dict__.get(name, _MISSING)))
            setattr(model_admin, name, value)
    try:
        yield
    finally:
        for model_admin, name, value in reversed(changed):
            if value is _MISSING:
                delattr(model_admin, name)
            else:
                setattr(model_admin, name, value)


_MISSING = object()
