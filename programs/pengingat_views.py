"""'Kirim pengingat' on the compliance board: one OPD, or every OPD that owes something (programs/chasing.py)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opop.accounts.permissions import can_verify_plans, predicate_required
from opop.common.formatting import in_portal_language
from programs import chasing


def _board(tahun):
    return redirect(f"{reverse('programs:kepatuhan')}?tahun={tahun}")


@require_POST
@predicate_required(can_verify_plans)
def pengingat_kirim(request, tahun, opd):
    with in_portal_language():  # what the officers read is in the portal's language, whatever the sender's
        tunggakan = chasing.tunggakan_for(request.user, tahun, opd)
    try:
        sent = chasing.reminder_send(actor=request.user, tunggakan=tunggakan)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Pengingat dikirim ke petugas %(opd)s.") % {"opd": sent.opd})
    return _board(tahun)


@require_POST
@predicate_required(can_verify_plans)
def pengingat_kirim_semua(request, tahun):
    sent, refused = [], []
    with in_portal_language():
        owed = chasing.owed_by_opd(request.user, tahun)
    for tunggakan in owed:
        if not tunggakan.items:
            continue
        try:
            chasing.reminder_send(actor=request.user, tunggakan=tunggakan)
        except ValidationError as error:
            refused.append(" ".join(error.messages))
        else:
            sent.append(tunggakan.opd.singkatan or tunggakan.opd.nama)
    if sent:
        messages.success(
            request, _("Pengingat dikirim ke %(n)d OPD: %(opds)s.") % {"n": len(sent), "opds": ", ".join(sent)}
        )
    for message in refused:
        messages.warning(request, message)
    if not sent and not refused:
        messages.info(request, _("Tidak ada OPD yang punya tunggakan %(tahun)s.") % {"tahun": tahun})
    return _board(tahun)
