from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from opop.accounts.demo import logins_lines, seed_demo_users
from opop.notifications.services import inbox_only
from opop.opendata.demo import seed_demo_publikasi
from pesantren.demo import seed_demo_registry
from products.demo import seed_demo_products
from programs.demo import seed_demo_plans
from programs.fgd_demo import seed_demo_fgd


class Command(BaseCommand):
    help = "Membuat data demo (idempoten): satu pengguna per peran dan, bila tersedia, data registri contoh."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Izinkan walau DEBUG=False (akun demo memakai kata sandi yang diketahui umum).",
        )

    def handle(self, *args, allow_production=False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "seed_demo membuat akun dengan kata sandi yang diketahui umum; jalankan hanya dengan DEBUG=True "
                "atau tambahkan --allow-production bila memang disengaja."
            )
        # The seed walks every plan through the cycle: its notifications stay in the inboxes, without e-mail copies.
        with transaction.atomic(), inbox_only():
            users = seed_demo_users()
            self.stdout.write(seed_demo_registry())
            seed_demo_products()
            seed_demo_plans()
            seed_demo_fgd()
            seed_demo_publikasi()
        self.stdout.write(self.style.SUCCESS("Data demo siap. Akun demo (kata sandi sama untuk semua):"))
        self.stdout.write("\n".join(logins_lines(users)))
