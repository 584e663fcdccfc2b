"""A kab/kota a view works on, looked up once by its code: 404 unless visible to the user. (Regions carry no action
to refuse, and this layer sits below opop.accounts, so Django's lookup serves as it is.)"""

from django.shortcuts import get_object_or_404

from opop.wilayah.selectors import kabkota_visible_to


def kabkota_for(user, kode):
    return get_object_or_404(kabkota_visible_to(user), kode=kode)
