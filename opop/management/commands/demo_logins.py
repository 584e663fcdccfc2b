from django.core.management.base import BaseCommand

from opop.accounts.demo import demo_logins, logins_lines
from opop.jobs.services import wait_for_worker


class Command(BaseCommand):
    help = "Mencetak akun demo (setelah seed_demo); make run mencetaknya terakhir, setelah pekerja latar berjalan."

    def add_arguments(self, parser):
        parser.add_argument(
            "--after-worker",
            type=int,
            metavar="PID",
            help="Tunggu hingga pekerja latar dengan PID ini berjalan (baris awalnya sudah tercetak), lalu cetak.",
        )

    def handle(self, *args, after_worker=None, **options):
        if after_worker:
            wait_for_worker(after_worker)
        self.stdout.write(self.style.SUCCESS("Akun demo (kata sandi sama untuk semua):"))
        self.stdout.write("\n".join(logins_lines(demo_logins())))
