from django.conf import settings
from django.core.management.base import BaseCommand

from opop.imports.services import import_files_purge


class Command(BaseCommand):
    help = (
        "Hapus berkas impor yang diunggah lebih dari IMPORT_FILE_RETENTION_DAYS hari lalu (berisi NIK); "
        "catatan batch-nya tetap. Jalankan setiap hari."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="masa simpan dalam hari (bawaan: pengaturan)")

    def handle(self, *args, days, **options):
        days = settings.IMPORT_FILE_RETENTION_DAYS if days is None else days
        purged = import_files_purge(older_than_days=days)
        self.stdout.write(f"{purged} berkas impor yang lebih lama dari {days} hari dihapus.")
