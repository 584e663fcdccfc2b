from django.shortcuts import render
from django.views.decorators.http import require_GET

from opop.accounts.selectors import opd_visible_to


@require_GET
def opd_list(request):
    opds = opd_visible_to(request.user)
    return render(request, "accounts/opd_list.html", {"opds": opds})
