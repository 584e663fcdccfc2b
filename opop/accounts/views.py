from django.shortcuts import render

from opop.accounts.selectors import opd_visible_to


def opd_list(request):
    opds = opd_visible_to(request.user)
    return render(request, "accounts/opd_list.html", {"opds": opds})
