from django.core.management.base import BaseCommand
from django.utils import timezone

from programs.reminders import reminders_send


class Command(BaseCommand):
    help = (
        "Kirim pengingat tenggat laporan triwulan (7 hari dan 1 hari sebelum, dan setelah terlambat). "
        "Aman dijalankan berkali-kali: pengingat yang sama tidak pernah dikirim dua kali. Jadwalkan dua kali sehari."
    )

    def handle(self, *args, **options):
        sent = reminders_send(today=timezone.localdate())
        self.stdout.write(f"{sent} pengingat dikirim.")
