"""FGD meetings and their follow-up: the list, a meeting's page (its notulen, printable on A4, and its XLSX), the
forms of Diskop (meeting, agenda, decisions) and the owners' status report with its evidence. Each view looks its
object up once (programs.access), calls one selector or service, and renders or redirects with a message."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from opop.accounts.permissions import can_verify_plans, predicate_required
from opop.common.concurrency import version_of
from opop.common.forms import add_service_errors
from opop.common.idempotency import create_once, redirect_if_already_submitted
from opop.common.uploads import stored_file_response
from programs import fgd_exports, fgd_selectors, fgd_services
from programs.access import fgd_actions, fgd_for, tindak_lanjut_bukti_for, tindak_lanjut_for
from programs.fgd_forms import (
    AgendaFormSet,
    AgendaVersionForm,
    FgdForm,
    TindakLanjutForm,
    TindakLanjutStatusForm,
)
from programs.selectors import readable_history


@require_GET
def fgd_list(request):
    return render(
        request,
        "programs/fgd_list.html",
        {"fgds": fgd_selectors.fgd_list(request.user), "today": timezone.localdate()},
    )


@require_http_methods(["GET", "POST"])
@predicate_required(can_verify_plans)
@redirect_if_already_submitted
def fgd_create(request):
    form = FgdForm(request.POST or None, initial={"tahun": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        data = {field: form.cleaned_data[field] for field in fgd_services.FGD_FIELDS}
        try:
            fgd = create_once(
                actor=request.user,
                token=form.cleaned_data["token"],
                create=lambda: fgd_services.fgd_create(actor=request.user, data=data),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("FGD dicatat. Susun agendanya dari rekap kendala dan peta sinergi."))
            return redirect(fgd)
    return render(request, "programs/fgd_form.html", {"form": form, "fgd": None})


@require_http_methods(["GET", "POST"])
def fgd_update(request, pk):
    fgd = fgd_for(request.user, pk, may="edit")
    form = FgdForm(request.POST or None, instance=fgd)
    if request.method == "POST" and form.is_valid():
        data = {field: form.cleaned_data[field] for field in fgd_services.FGD_FIELDS}
        try:
            fgd = fgd_services.fgd_update(actor=request.user, fgd=fgd, data=data, versi=form.cleaned_data["versi"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("FGD disimpan."))
            return redirect(fgd)
    return render(request, "programs/fgd_form.html", {"form": form, "fgd": fgd, "history": readable_history(fgd)})


@require_GET
def fgd_detail(request, pk):
    fgd = fgd_for(request.user, pk)
    detail = fgd_selectors.fgd_detail(fgd)
    today = timezone.localdate()
    return render(
        request,
        "programs/fgd_detail.html",
        {
            "fgd": fgd,
            **detail,
            "today": today,
            "ringkasan_sebelumnya": fgd_selectors.tindak_lanjut_status_counts(detail["sebelumnya"]),
            "actions": fgd_actions(request.user, fgd, detail["tindak_lanjut"] + detail["sebelumnya"]),
            "dicetak_pada": timezone.now(),
        },
    )


@require_GET
def fgd_xlsx(request, pk):
    fgd = fgd_for(request.user, pk)
    return fgd_exports.notulen_xlsx(fgd, fgd_selectors.fgd_detail(fgd))


# ---------------------------------------------------------------- agenda


@require_POST
def agenda_draft(request, pk):
    """The "Susun dari rekap" button: the marked kendala, the synergy map's overlaps and gaps and the indicators
    whose commitments cannot reach the target, added after the agenda's last item."""
    fgd = fgd_for(request.user, pk, may="edit")
    added = fgd_services.agenda_draft(
        actor=request.user, fgd=fgd, suggestions=fgd_selectors.agenda_suggestions(request.user, fgd)
    )
    if added:
        messages.success(
            request,
            ngettext(
                "%(n)s butir agenda ditambahkan; periksa dan ubah seperlunya.",
                "%(n)s butir agenda ditambahkan; periksa dan ubah seperlunya.",
                len(added),
            )
            % {"n": len(added)},
        )
    else:
        messages.info(request, _("Tidak ada butir baru dari rekap kendala, peta sinergi atau matriks ketertelusuran."))
    return redirect("programs:fgd_agenda", pk=fgd.pk)


@require_http_methods(["GET", "POST"])
def agenda_edit(request, pk):
    fgd = fgd_for(request.user, pk, may="edit")
    items = list(fgd.agenda.all())
    initial = [{"id": item.pk, "urutan": item.urutan, "teks": item.teks} for item in items]
    formset = AgendaFormSet(request.POST or None, initial=initial, prefix="agenda")
    version = AgendaVersionForm(request.POST or None, initial={"versi": version_of(fgd)})
    if request.method == "POST":
        if formset.is_valid() and version.is_valid():
            rows = [
                {**row, "urutan": row.get("urutan") or 999}
                for row in formset.cleaned_data
                if row  # an untouched extra row cleans to {}
            ]
            try:
                fgd_services.agenda_save(actor=request.user, fgd=fgd, versi=version.cleaned_data["versi"], rows=rows)
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                messages.success(request, _("Agenda disimpan."))
                return redirect(f"{fgd.get_absolute_url()}#agenda")
        else:
            messages.error(request, _("Periksa isian agenda; tidak ada yang disimpan."))
    sources = {item.pk: item.get_sumber_display() for item in items}
    rows = [(form, sources.get(form.initial.get("id"))) for form in formset.forms]
    return render(
        request,
        "programs/fgd_agenda_form.html",
        {"fgd": fgd, "formset": formset, "version": version, "rows": rows},
    )


# ---------------------------------------------------------------- decisions (tindak lanjut)


@require_http_methods(["GET", "POST"])
@redirect_if_already_submitted
def tindak_lanjut_create(request, pk):
    fgd = fgd_for(request.user, pk, may="edit")
    form = TindakLanjutForm(request.POST or None, fgd=fgd)
    if request.method == "POST" and form.is_valid():
        data = {field: form.cleaned_data[field] for field in fgd_services.TINDAK_LANJUT_FIELDS}
        try:
            item = create_once(
                actor=request.user,
                token=form.cleaned_data["token"],
                create=lambda: fgd_services.tindak_lanjut_create(actor=request.user, fgd=fgd, data=data),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Tindak lanjut dicatat; petugas OPD penanggung jawab diberi tahu."))
            if "simpan_tambah" in request.POST:
                return redirect("programs:tindak_lanjut_create", pk=fgd.pk)
            return redirect(item)
    return render(request, "programs/tindak_lanjut_form.html", {"fgd": fgd, "form": form, "item": None})


@require_http_methods(["GET", "POST"])
def tindak_lanjut_update(request, pk):
    item = tindak_lanjut_for(request.user, pk, may="edit")
    form = TindakLanjutForm(request.POST or None, instance=item, fgd=item.fgd)
    if request.method == "POST" and form.is_valid():
        data = {field: form.cleaned_data[field] for field in fgd_services.TINDAK_LANJUT_FIELDS}
        try:
            item = fgd_services.tindak_lanjut_update(
                actor=request.user, item=item, data=data, versi=form.cleaned_data["versi"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Tindak lanjut disimpan."))
            return redirect(item)
    return render(
        request,
        "programs/tindak_lanjut_form.html",
        {"fgd": item.fgd, "form": form, "item": item, "history": readable_history(item)},
    )


@require_http_methods(["GET", "POST"])
def tindak_lanjut_status(request, pk):
    """An owner's officer reports the status, a note and evidence (Diskop may do it on their behalf)."""
    item = tindak_lanjut_for(request.user, pk, may="update")
    form = TindakLanjutStatusForm(request.POST or None, request.FILES or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            item = fgd_services.tindak_lanjut_report(
                actor=request.user, item=item, data=form.cleaned_data, versi=form.cleaned_data["versi"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Status tindak lanjut disimpan."))
            return redirect(item)
    return render(
        request,
        "programs/tindak_lanjut_status.html",
        {"fgd": item.fgd, "item": item, "form": form, "history": readable_history(item)},
    )


@require_GET
def tindak_lanjut_bukti(request, pk):
    """The evidence file (private storage) to whoever may see the decision; 404 for anyone else."""
    item = tindak_lanjut_bukti_for(request.user, pk)
    return stored_file_response(item.bukti, name=item.bukti_nama, fallback=f"bukti-tindak-lanjut-{item.pk}")
