from django.shortcuts import render
from django.views.decorators.http import require_GET

from opop.wilayah.access import kabkota_for
from opop.wilayah.selectors import kabkota_visible_to, kecamatan_visible_to


@require_GET
def kabkota_list(request):
    return render(request, "wilayah/kabkota_list.html", {"kabkota_list": kabkota_visible_to(request.user)})


@require_GET
def kabkota_detail(request, kode):
    kabkota = kabkota_for(request.user, kode)
    kecamatan = kecamatan_visible_to(request.user).filter(kabkota=kabkota)
    return render(request, "wilayah/kabkota_detail.html", {"kabkota": kabkota, "kecamatan_list": kecamatan})
