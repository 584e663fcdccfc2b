from django.shortcuts import get_object_or_404, render

from opop.wilayah.selectors import kabkota_visible_to, kecamatan_visible_to


def kabkota_list(request):
    return render(request, "wilayah/kabkota_list.html", {"kabkota_list": kabkota_visible_to(request.user)})


def kabkota_detail(request, kode):
    kabkota = get_object_or_404(kabkota_visible_to(request.user), kode=kode)
    kecamatan = kecamatan_visible_to(request.user).filter(kabkota=kabkota)
    return render(request, "wilayah/kabkota_detail.html", {"kabkota": kabkota, "kecamatan_list": kecamatan})
