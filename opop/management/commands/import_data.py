import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from opop.imports.columns import header_key
from opop.imports.engine import run_import
from opop.imports.mapping import from_file
from opop.imports.reading import HIDDEN_OPTION, SHEETS_OPTION, Reading
from opop.imports.registry import get_spec, import_kinds
from opop.imports.templates import template_bytes

MAX_ERRORS_PRINTED = 200


class Command(BaseCommand):
    help = (
        "Impor data registri dari CSV/XLSX. Semua baris divalidasi dulu; bila ada satu saja yang tidak valid, "
        "tidak ada yang ditulis dan kesalahannya dicetak (kode keluar 1)."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(import_kinds()))
        parser.add_argument("file", nargs="?", help="berkas .csv atau .xlsx")
        parser.add_argument("--dry-run", action="store_true", help="hanya validasi dan pratinjau, tanpa menulis")
        parser.add_argument("--template", metavar="OUT", help="tulis templat kosong ke OUT (.csv atau .xlsx)")
        parser.add_argument(
            "--user", help="nama pengguna yang mengimpor; wajib kecuali --dry-run, dicatat di riwayat setiap baris"
        )
        parser.add_argument(
            "--konfirmasi",
            action="store_true",
            help="tulis juga baris yang perlu konfirmasi (mis. pesantren yang namanya diganti), setelah diperiksa",
        )
        parser.add_argument(
            "--urutan-tanggal",
            choices=["dmy", "mdy"],
            default="",
            help="urutan tanggal berkas: dmy (hari dulu) atau mdy (bulan dulu, Excel berbahasa Inggris)",
        )
        parser.add_argument("--opd", help="plan_lines: kode OPD, mis. kominfo")
        parser.add_argument("--tahun", type=int, help="plan_lines: tahun rencana")
        parser.add_argument(
            "--kegiatan", type=int, help="participations: id kegiatan OPD (baris rencana) yang pesertanya diimpor"
        )
        parser.add_argument(
            "--pemetaan",
            metavar="JSON",
            help='pemetaan kolom: berkas JSON {"Judul kolom di berkas": "field"}, "" untuk kolom yang tidak diimpor',
        )
        parser.add_argument(
            "--kosongkan",
            metavar="KOLOM,KOLOM",
            default="",
            help="kosongkan di registri field kolom ini bila selnya kosong di berkas (mis. pengasuh,telepon); tanpa "
            "ini sel kosong dan kolom yang tidak ada tidak mengubah data tersimpan. Butuh --konfirmasi untuk menulis",
        )
        parser.add_argument(
            "--baris-tersembunyi",
            action="store_true",
            help="ikutkan baris yang disembunyikan di Excel (tanpa ini: dilewati dan disebutkan)",
        )
        parser.add_argument(
            "--lembar",
            action="append",
            default=[],
            metavar="NAMA",
            help='impor juga lembar lain ini ke batch yang sama, mis. --lembar "Angkatan II" (boleh diulang)',
        )
        parser.add_argument(
            "--background",
            action="store_true",
            help="simpan berkas dan jalankan sebagai pekerjaan latar (butuh --user; lihat Pekerjaan saya)",
        )

    def handle(self, *args, kind, file, dry_run, template, user, konfirmasi, opd, tahun, background, **options):
        spec_options = {k: v for k, v in (("opd", opd), ("tahun", tahun), ("kegiatan", options.get("kegiatan"))) if v}
        spec = get_spec(kind, **spec_options)
        if template:
            self._template(spec, kind, Path(template))
            return
        path = self._path(file)
        actor = self._actor(user)
        self._check_actor(spec, kind, actor, user, dry_run)
        mapping = self._mapping(options.get("pemetaan"), spec)
        emptied = self._emptied(options.get("kosongkan", ""), spec)
        reading = Reading(hidden=options.get("baris_tersembunyi", False), sheets=tuple(options.get("lembar") or ()))
        if background:
            if mapping:
                raise CommandError("--pemetaan belum bisa dipakai dengan --background.")
            if emptied:
                raise CommandError("--kosongkan belum bisa dipakai dengan --background; pilih di pratinjau.")
            self._background(kind, path, actor, dry_run, spec_options, reading)
            return
        started = time.perf_counter()
        result = run_import(
            spec,
            path.read_bytes(),
            path.name,
            actor=actor,
            commit=not dry_run,
            confirmed=konfirmasi,
            date_order=options.get("urutan_tanggal", ""),
            mapping=mapping,
            reading=reading,
            emptied=emptied,
        )
        self._report(result, time.perf_counter() - started)
        if not result.ok:
            self._fail(result.error_list())
        if dry_run:
            self.stdout.write(self.style.SUCCESS("Uji coba selesai: semua baris valid, tidak ada yang ditulis."))
        else:
            self.stdout.write(self.style.SUCCESS("Impor selesai: semua baris ditulis."))

    def _template(self, spec, kind, out):
        fmt = "xlsx" if out.suffix.lower() == ".xlsx" else "csv"
        out.write_bytes(template_bytes(spec, fmt))
        self.stdout.write(self.style.SUCCESS(f"Templat {kind} ditulis ke {out}"))

    def _path(self, file):
        if not file:
            raise CommandError("Sebutkan berkas yang akan diimpor, atau --template OUT.")
        path = Path(file)
        if not path.exists():
            raise CommandError(f"Berkas tidak ditemukan: {path}")
        return path

    def _check_actor(self, spec, kind, actor, user, dry_run):
        """What the kind needs besides the file, and a user who may import it (none only for a dry run)."""
        if kind == "plan_lines" and (spec.opd is None or spec.tahun is None or not spec.allowed(actor)):
            raise CommandError("plan_lines butuh --opd, --tahun, dan --user petugas OPD itu (atau admin).")
        if kind == "participations" and spec.kegiatan is None:
            raise CommandError("participations butuh --kegiatan: id kegiatan OPD yang ada (lihat halaman rencananya).")
        if actor is None and not dry_run:
            # Every write is audited with its author: the history rows of an import name who ran it.
            raise CommandError("Sebutkan --user: nama pengguna yang melakukan impor ini (dicatat di riwayat).")
        if actor is not None and not spec.allowed(actor):
            raise CommandError(f"Pengguna {user} tidak berhak mengimpor {spec.label}.")

    def _report(self, result, elapsed):
        counts = result.counts
        rows = len(result.rows)
        self.stdout.write(
            f"{rows} baris dalam {elapsed:.1f} dtk ({rows / elapsed if elapsed else 0:,.0f} baris/dtk): "
            f"{counts['create']} baru, {counts['update']} diperbarui, {counts['unchanged']} tidak berubah, "
            f"{len(result.invalid_rows)} tidak valid."
        )
        for title, key, _how in result.columns_read:
            self.stdout.write(f"kolom “{title}” → {key or '(tidak diimpor)'}")
        for notice in result.notices:
            self.stdout.write(f"catatan: {notice}")
        for label, changed, emptied_count in result.field_counts:
            said = [f"{changed} diubah"] * bool(changed) + [f"{emptied_count} dikosongkan"] * bool(emptied_count)
            self.stdout.write(f"{label}: {', '.join(said)}")
        for key, title, rows in result.kept_blank:
            self.stdout.write(
                f"{title}: {rows} sel kosong, nilai tersimpan dipertahankan (untuk mengosongkannya: --kosongkan {key})"
            )
        for number, column, message in result.confirmations[:MAX_ERRORS_PRINTED]:
            self.stdout.write(f"{_where(number)}, kolom {column}: perlu konfirmasi: {message}")
        # What the preview shows beside each row (a suspected twin, a pesantren read from its name): not blocking.
        warnings = [(row.number, column, message) for row in result.rows for column, message in row.warnings]
        for number, column, message in warnings[:MAX_ERRORS_PRINTED]:
            self.stdout.write(f"{_where(number)}, kolom {column}: peringatan: {message}")
        if len(warnings) > MAX_ERRORS_PRINTED:
            self.stdout.write(f"... dan {len(warnings) - MAX_ERRORS_PRINTED} peringatan lain.")

    def _fail(self, errors):
        for number, column, message in errors[:MAX_ERRORS_PRINTED]:
            self.stderr.write(f"{_where(number) if number else 'berkas'}, kolom {column or '-'}: {message}")
        if len(errors) > MAX_ERRORS_PRINTED:
            self.stderr.write(f"... dan {len(errors) - MAX_ERRORS_PRINTED} kesalahan lain.")
        raise CommandError("Impor dibatalkan: tidak ada data yang ditulis.", returncode=1)

    def _emptied(self, text, spec):
        """--kosongkan: field keys or column titles, separated by commas, of the columns the officer may empty."""
        allowed = spec.emptiable()
        titles = {header_key(spec.column(key).header): key for key in allowed}
        chosen = []
        for part in filter(None, (p.strip() for p in text.split(","))):
            key = part if part in allowed else titles.get(header_key(part))
            if key is None:
                raise CommandError(f"--kosongkan: kolom {part} tidak dapat dikosongkan. Pilihan: {', '.join(allowed)}.")
            chosen.append(key)
        return chosen

    def _mapping(self, name, spec):
        if not name:
            return None
        path = Path(name)
        if not path.exists():
            raise CommandError(f"Berkas pemetaan tidak ditemukan: {path}")
        try:
            return from_file(path.read_bytes(), spec.columns)
        except ValueError as error:
            raise CommandError(str(error)) from None

    def _background(self, kind, path, actor, dry_run, spec_options, reading):
        """Store the file as an import batch and queue it; `manage.py db_worker` checks (and writes) it."""
        if kind == "plan_lines":
            raise CommandError("plan_lines belum bisa dijalankan di latar; jalankan tanpa --background.")
        if actor is None:
            raise CommandError("--background butuh --user: pekerjaan dan batchnya tercatat atas nama pengguna itu.")
        from django.core.files import File

        from opop.imports.services import import_upload

        with path.open("rb") as handle:
            batch = import_upload(
                actor=actor,
                kind=kind,
                uploaded_file=File(handle, name=path.name),
                write=not dry_run,
                options={
                    **{k: v for k, v in spec_options.items() if k == "kegiatan"},
                    **({HIDDEN_OPTION: True} if reading.hidden else {}),
                    **({SHEETS_OPTION: list(reading.sheets)} if reading.sheets else {}),
                },
            )
        job = batch.jobs.get()
        self.stdout.write(
            self.style.SUCCESS(
                f"Pekerjaan {job.pk} ({job.get_status_display()}) untuk batch {batch.pk}: "
                f"kemajuan di /pekerjaan/{job.pk}/ "
                f"dan pratinjau di {batch.get_absolute_url()}."
            )
        )

    def _actor(self, username):
        if not username:
            return None
        try:
            return get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"Pengguna {username} tidak ada.") from None


def _where(number):
    """A row as the messages name it: "baris 12", or "Angkatan II baris 5" for a row of another sheet."""
    return number if isinstance(number, str) else f"baris {number}"
