from django.db.models import Count

from opop.wilayah.models import KabupatenKota, Kecamatan


def kabkota_visible_to(user):
    """Reference data: every signed-in role sees all 38 kab/kota."""
    return KabupatenKota.objects.annotate(jumlah_kecamatan=Count("kecamatan"))


def kecamatan_visible_to(user):
    return Kecamatan.objects.select_related("kabkota")
