from django.core.management.base import BaseCommand
from django.db import connection

from opop.common.backup import table_fingerprints


class Command(BaseCommand):
    help = "Cetak jumlah baris dan checksum setiap tabel; bandingkan sebelum pencadangan dan sesudah pemulihan."

    def handle(self, *args, **options):
        connection.ensure_connection()
        for table, (rows, checksum) in table_fingerprints(connection.connection).items():
            self.stdout.write(f"{table}\t{rows}\t{checksum}")
