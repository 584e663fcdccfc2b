import time

from django.core.management.base import BaseCommand

from pesantren import tallies


class Command(BaseCommand):
    help = "Hitung ulang rekap santripreneur dan partisipasi dasbor dari data registri (perbaikan)."

    def handle(self, *args, **options):
        started = time.perf_counter()
        tallies.rebuild()
        self.stdout.write(self.style.SUCCESS(f"Rekap dihitung ulang dalam {time.perf_counter() - started:.1f} dtk."))
