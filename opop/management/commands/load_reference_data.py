from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from opop.accounts.models import PerangkatDaerah
from opop.accounts.permissions import sync_role_groups
from opop.accounts.reference import seed_opd
from opop.dashboard.reference import seed_indicators, seed_recorded_figures
from opop.indicators.models import Indicator, RecordedFigure, Target
from opop.wilayah.loader import load_wilayah
from opop.wilayah.models import KabupatenKota, Kecamatan
from products.models import ProductCategory
from products.reference import seed_categories


class Command(BaseCommand):
    help = "Memuat ulang data referensi (wilayah, OPD, peran, indikator & target). Idempoten; migrate sudah memuatnya."

    @transaction.atomic
    def handle(self, *args, **options):
        load_wilayah(KabupatenKota, Kecamatan)
        seed_opd(PerangkatDaerah)
        sync_role_groups(apps)
        seed_indicators(Indicator, Target)
        seed_recorded_figures(Indicator, RecordedFigure)
        seed_categories(ProductCategory)
        self.stdout.write(
            self.style.SUCCESS(
                f"Data referensi: {KabupatenKota.objects.count()} kab/kota, {Kecamatan.objects.count()} kecamatan, "
                f"{PerangkatDaerah.objects.count()} OPD, {Indicator.objects.count()} indikator."
            )
        )
