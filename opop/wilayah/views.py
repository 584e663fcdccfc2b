from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from opop.wilayah.selectors import kabkota_visible_to, kecamatan_visible_to


@require_GET
def kabkota_list(request):
    return render(request, "wilayah/kabkota_list.html", {"kabkota_list": kabkota_visible_to(request.user)})


@require_GET
def kabkota_detail(request, kode):
    kabkota = get_object_or_404(kabkota_visible_to(request.user), kode=kode)
    kecamatan = kecamatan_visible_to(request.user).filter(kabkota=kabkota)
    return render(request, "wilayah/kabkota_detail.html", {"kabkota": kabkota, "kecamatan_list": kecamatan})
