from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from opop.notifications import services
from opop.notifications.access import notifikasi_for
from opop.notifications.forms import EmailPreferenceForm
from opop.notifications.selectors import notifikasi_visible_to

PER_PAGE = 30


@require_GET
def notifikasi_list(request):
    page = Paginator(notifikasi_visible_to(request.user), PER_PAGE).get_page(request.GET.get("halaman"))
    form = EmailPreferenceForm(initial={"terima_email": request.user.terima_email})
    return render(request, "notifications/notifikasi_list.html", {"page": page, "form": form})


@require_POST
def notifikasi_open(request, pk):
    notifikasi = notifikasi_for(request.user, pk)
    services.notifikasi_mark_read(actor=request.user, notifikasi=notifikasi)
    # Links are written by the portal, but checked anyway: the inbox never sends anyone off the site.
    if url_has_allowed_host_and_scheme(notifikasi.tautan, allowed_hosts=None) and notifikasi.tautan.startswith("/"):
        return redirect(notifikasi.tautan)
    return redirect("notifications:list")


@require_POST
def notifikasi_read_all(request):
    n = services.notifikasi_mark_all_read(actor=request.user)
    messages.success(request, _("%(n)s notifikasi ditandai sudah dibaca.") % {"n": n})
    return redirect("notifications:list")


@require_POST
def email_preference(request):
    form = EmailPreferenceForm(request.POST)
    form.is_valid()  # a lone checkbox: absent means off
    on = form.cleaned_data.get("terima_email", False)
    services.email_preference_set(actor=request.user, terima_email=on)
    if on:
        messages.success(request, _("Notifikasi juga dikirim ke email Anda."))
    else:
        messages.success(request, _("Email notifikasi dimatikan; kotak masuk portal tetap menerima semuanya."))
    return redirect("notifications:list")
