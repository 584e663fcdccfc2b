"""`manage.py bench`: build the registry at target scale and print timings (README: Benchmarks)."""

import os
import platform
import random
import time
import tracemalloc
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from opop.accounts.models import PerangkatDaerah, User
from opop.accounts.roles import Role
from opop.accounts.services import user_create
from opop.bench.generate import generate_catalogue, generate_plans, generate_registry, person_name
from opop.bench.measure import time_page
from opop.common.importer.engine import run_import
from opop.common.importer.registry import get_spec
from pesantren.models import Pesantren, Santripreneur
from pesantren.pagination import encode_cursor

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
IMPORT_EXPORT_SAMPLE = 5000  # django-import-export runs ~100 rows/s: a sample of the same file keeps bench short

# (label, URL name, args, query string, role); "<deep>" is replaced by a keyset cursor deep into the list.
PAGES = [
    ("Beranda (dasbor)", "dashboard:home", [], "", Role.PIMPINAN),
    ("Santripreneur, tanpa filter", "pesantren:santripreneur_list", [], "", Role.STAF_DISKOP),
    ("Santripreneur, filter kab/kota", "pesantren:santripreneur_list", [], "kabkota=35.17", Role.STAF_DISKOP),
    ("Santripreneur, cari nama", "pesantren:santripreneur_list", [], "q=fauzi", Role.STAF_DISKOP),
    (
        "Santripreneur, halaman dalam (baris ke-500.000)",
        "pesantren:santripreneur_list",
        [],
        "kursor=<deep>",
        Role.STAF_DISKOP,
    ),
    ("Pesantren, filter kab/kota", "pesantren:list", [], "kabkota=35.17", Role.STAF_DISKOP),
    ("Detail pesantren", "pesantren:detail", ["<pesantren>"], "", Role.STAF_DISKOP),
    ("Katalog produk (staf)", "products:list", [], "", Role.STAF_DISKOP),
    ("Katalog publik", "katalog:list", [], "", None),
    ("Halaman publik", "dashboard:public", [], "", None),
    ("Rencana OPD (daftar)", "programs:list", [], "", Role.STAF_DISKOP),
    ("Rekap FGD 2024", "programs:rekap_fgd", [], "tahun=2024", Role.PIMPINAN),
    ("Dasbor: beranda Petugas OPD", "dashboard:home", [], "", Role.PETUGAS_OPD),
    ("Dasbor: tonggak 2019–2024", "dashboard:milestones", [], "", Role.PIMPINAN),
    ("Dasbor: per kab/kota (peta)", "dashboard:kabkota", [], "", Role.PIMPINAN),
    ("Dasbor: per OPD", "dashboard:opd", [], "", Role.PIMPINAN),
    ("Dasbor: ekspor XLSX kab/kota", "dashboard:export", ["kabkota"], "", Role.PIMPINAN),
]


class Command(BaseCommand):
    help = "Bangun data skala target dan ukur waktu halaman serta impor (sebaiknya pada PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("--santri", type=int, default=1_000_000)
        parser.add_argument("--pesantren", type=int, default=7000)
        parser.add_argument("--participations", type=int, default=1_500_000)
        parser.add_argument("--import-rows", type=int, default=100_000)
        parser.add_argument("--job-import-rows", type=int, default=250_000)
        parser.add_argument("--skip-jobs", action="store_true", help="tanpa ekspor/impor sebagai pekerjaan latar")
        parser.add_argument("--jobs-only", action="store_true", help="dengan --reuse: hanya ukur pekerjaan latar")
        parser.add_argument("--repeats", type=int, default=30)
        parser.add_argument("--reuse", action="store_true", help="pakai data yang sudah ada, jangan bangun ulang")
        parser.add_argument("--yes", action="store_true", help="izinkan menghapus isi tabel registri")
        parser.add_argument("--output", help="tulis tabel hasil ke berkas Markdown ini")

    def handle(self, *args, **opts):
        if not opts["yes"]:
            raise CommandError("bench mengosongkan tabel registri; jalankan pada basis data khusus dengan --yes.")
        self.rows = []
        for role in Role:
            self.user(role)
        self.stdout.write(f"Basis data: {connection.vendor} · Python {platform.python_version()}")
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
            self.record("Membangun data (COPY)", f"{time.perf_counter() - started:.1f} dtk", "")
        self.record(
            "Jumlah santripreneur / pesantren", f"{Santripreneur.objects.count():,}", f"{Pesantren.objects.count():,}"
        )
        if not opts["jobs_only"]:
            self.check_dashboard_counts()
            self.measure_pages(opts["repeats"])
            self.measure_admin_ratio(opts["repeats"])
            self.measure_import(opts["import_rows"])
        if not opts["skip_jobs"]:
            from opop.bench.jobs import measure_jobs

            measure_jobs(self, opts["job_import_rows"])
        self.print_table()
        if opts["output"]:
            Path(opts["output"]).write_text(self.markdown(opts), encoding="utf-8")
            self.stdout.write(f"Hasil ditulis ke {opts['output']}")

    def user(self, role):
        """The bench-<role> account (the load test signs in as these too); None is an anonymous visitor."""
        if role is None:
            return None
        username = f"bench-{role}"
        opd = PerangkatDaerah.objects.get(kode="kominfo") if role == Role.PETUGAS_OPD else None
        return User.objects.filter(username=username).first() or user_create(
            username=username, password="Bench-Only-2024!", role=role, opd=opd
        )

    def measure_pages(self, repeats):
        pesantren = Pesantren.objects.order_by("pk").first()
        deep = Santripreneur.objects.order_by("nama", "pk").values_list("nama", "pk")[500_000:500_001].first()
        cursor = encode_cursor("n", *deep) if deep else ""
        for label, name, args, query, role in PAGES:
            args = [pesantren.pk if a == "<pesantren>" else a for a in args]
            query = query.replace("<deep>", cursor)
            try:
                url = reverse(name, args=args) + (f"?{query}" if query else "")
            except NoReverseMatch:
                self.record(label, "belum ada", "")
                continue
            result = time_page(self.user(role), url, repeats=repeats)
            self.record(
                label,
                f"median {result['median_ms']:.0f} ms · p95 {result['p95_ms']:.0f} ms",
                f"{result['queries']} query",
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
            f"santripreneur {sum(direct_santri.values()):,} per tahun dan per {len(direct_region)} kab/kota; "
            f"produk unggulan {sum(direct_products.values()):,} per tahun",
        )

    def measure_admin_ratio(self, repeats):
        for label, (ours, our_query), (admin, admin_query) in ADMIN_PAIRS:
            try:
                our_url = reverse(ours) + (f"?{our_query}" if our_query else "")
            except NoReverseMatch:
                self.record(f"{label}: daftar kami vs admin", "belum ada", "")
                continue
            admin_url = reverse(admin) + (f"?{admin_query}" if admin_query else "")
            mine = time_page(self.user(Role.ADMIN), our_url, repeats=repeats)
            theirs = time_page(self.user(Role.ADMIN), admin_url, repeats=max(5, repeats // 3))
            self.record(
                f"{label}: daftar kami vs changelist admin",
                f"{mine['median_ms']:.0f} ms vs {theirs['median_ms']:.0f} ms (median)",
                f"{theirs['median_ms'] / mine['median_ms']:.1f}× lebih cepat; p95 {mine['p95_ms']:.0f} vs "
                f"{theirs['p95_ms']:.0f} ms; {mine['queries']} vs {theirs['queries']} query",
            )

    def measure_import(self, count):
        nspps = list(Pesantren.objects.values_list("nspp", flat=True)[:500])
        start = Santripreneur.objects.count() + 10_000_000
        lines = ["Nama lengkap,NIK,Jenis kelamin,Tanggal lahir,NSPP pesantren,Status,Tahun terdaftar"]
        rng = random.Random(7)
        for i in range(count):
            lines.append(
                f"{person_name(rng)},{3578000000000000 + start + i},L,{1 + i % 28:02d}-{1 + i % 12:02d}-2003,"
                f"{nspps[i % len(nspps)]},Aktif,2024"
            )
        data = ("\n".join(lines) + "\n").encode()
        spec = get_spec("santripreneur")
        actor = self.user(Role.STAF_DISKOP)
        tracemalloc.start()  # memory in a pass of its own: tracing slows Python down several times
        run_import(spec, data, "bench.csv", actor=actor, commit=False)
        peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
        tracemalloc.stop()
        for label, commit in (("Impor, uji coba (validasi saja)", False), ("Impor, validasi + tulis", True)):
            started = time.perf_counter()
            result = run_import(spec, data, "bench.csv", actor=actor, commit=commit)
            elapsed = time.perf_counter() - started
            if not result.ok:
                raise CommandError(f"bench import invalid: {result.error_list()[:3]}")
            self.record(f"{label}, {count:,} baris", f"{count / elapsed:,.0f} baris/dtk ({elapsed:.1f} dtk)", "")
        self.record("Impor, memori puncak (Python, uji coba)", f"{peak:.0f} MB", "")
        self.compare_import_export(data, spec, actor)

    def compare_import_export(self, data, spec, actor):
        try:
            from opop.bench.import_export_compare import import_with_django_import_export
        except ImportError:
            self.record("django-import-export", "tidak terpasang", "pip install '.[bench]'")
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
            f"Uji coba impor {IMPORT_EXPORT_SAMPLE:,} baris: kami vs django-import-export",
            f"{ours:,.0f} vs {theirs:,.0f} baris/dtk",
            f"{ours / theirs:.0f}× lebih cepat; memori puncak django-import-export {peak:.0f} MB (dengan tracemalloc)",
        )

    def record(self, label, value, extra):
        self.rows.append((label, value, extra))
        self.stdout.write(f"  {label}: {value} {extra}")

    def markdown(self, opts):
        with connection.cursor() as cursor:
            cursor.execute("SELECT version()" if connection.vendor == "postgresql" else "SELECT sqlite_version()")
            db_version = cursor.fetchone()[0]
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
        lines = [
            "# Benchmark results",
            "",
            f"Run {timezone.localtime():%Y-%m-%d %H:%M} WIB with `make bench` (`manage.py bench`).",
            f"Machine: {os.cpu_count()} cores, {memory:.0f} GiB RAM, {platform.platform()}, "
            f"Python {platform.python_version()}.",
            f"Database: {db_version.split(' on ')[0]}.",
            "Page times are server time through Django's test client (middleware, view, template; no network), "
            f"warm, {opts['repeats']} requests each.",
            "",
            "| Measure | Result | Notes |",
            "|---|---|---|",
        ]
        lines += [f"| {label} | {value} | {extra} |" for label, value, extra in self.rows]
        return "\n".join(lines) + "\n"

    def print_table(self):
        width = max(len(r[0]) for r in self.rows)
        self.stdout.write("\n" + "-" * (width + 50))
        for label, value, extra in self.rows:
            self.stdout.write(f"{label.ljust(width)}  {value}  {extra}")
