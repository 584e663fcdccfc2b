"""OPD plans: each view reads input, looks objects up through the viewer's scope (404 when not theirs), checks the
role (403 when read-only), calls one selector or service, and renders or redirects with a message."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from opop.accounts.permissions import can_edit_plans, can_set_deadlines, can_verify_plans, predicate_required
from opop.common.confirm import confirmation_page, is_confirmed
from opop.common.formatting import rupiah
from opop.common.forms import add_service_errors
from opop.common.idempotency import create_once, redirect_if_already_submitted
from opop.common.reader_language import deferred
from opop.common.uploads import stored_file_response
from opop.common.years import FIRST_YEAR, LAST_YEAR
from opop.jobs.services import job_start
from programs import chasing, exports, selectors, services
from programs.access import bukti_for, kegiatan_for, kendala_for, rencana_actions, rencana_for
from programs.forms import (
    AlasanForm,
    BatasPelaporanForm,
    CatatanForm,
    KegiatanForm,
    KendalaAgendaForm,
    KendalaFilterForm,
    KomentarForm,
    RealisasiForm,
    RealisasiGridForm,
    RencanaFilterForm,
    RencanaForm,
    copy_warning,
    next_line_initial,
    year_choices,
)
from programs.importers import KegiatanImport
from programs.models import RENCANA, ROMAWI, Realisasi, Status, Triwulan, default_deadline


def _errors(request, error):
    for message in error.messages:
        messages.error(request, message)


def _year_param(request, default=None):
    try:
        year = int(request.GET.get("tahun", ""))
    except ValueError:
        return default
    return year if FIRST_YEAR <= year <= LAST_YEAR else default


def _default_year(user):
    years = selectors.rencana_years(user)
    return years[0] if years else timezone.localdate().year


def _quarter(triwulan):
    if triwulan not in Triwulan.values:
        raise Http404
    return triwulan


# ---------------------------------------------------------------- plans


@require_GET
def rencana_list(request):
    years = selectors.rencana_years(request.user)
    form = RencanaFilterForm(request.GET or None, user=request.user, years=years)
    filters = form.cleaned_data if form.is_valid() else {}
    plans = selectors.rencana_list(
        request.user, tahun=filters.get("tahun"), opd=filters.get("opd"), status=filters.get("status")
    )
    page = Paginator(plans, 50).get_page(request.GET.get("halaman"))
    return render(
        request,
        "programs/rencana_list.html",
        {"form": form, "page": page},
    )


@require_http_methods(["GET", "POST"])
@predicate_required(can_edit_plans)
def rencana_create(request):
    tahun = _year_param(request)  # the worklist's "rencana belum diajukan" opens the form on the year it counts
    form = RencanaForm(request.POST or None, user=request.user, initial={"tahun": tahun} if tahun else None)
    if request.method == "POST" and form.is_valid():
        try:
            rencana = services.rencana_create(
                actor=request.user,
                opd=form.cleaned_data["opd"],
                tahun=form.cleaned_data["tahun"],
                salin_sebelumnya=form.cleaned_data.get("salin_sebelumnya", False),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            copied = rencana.kegiatan.count()
            sumber = rencana.sumber_salinan
            if copied:
                messages.success(
                    request,
                    _(
                        "Rencana %(rencana)s dibuat dengan %(n)s kegiatan disalin dari rencana %(tahun)s. "
                        "Tinjau target dan pagu setiap kegiatan bertanda “tinjau target & pagu”."
                    )
                    % {"rencana": rencana, "n": copied, "tahun": sumber.tahun},
                )
            if sumber is not None and not sumber.pernah_diverifikasi:
                messages.warning(request, copy_warning(sumber.tahun))
            else:
                messages.success(
                    request, _("Rencana %(rencana)s dibuat. Tambahkan kegiatannya.") % {"rencana": rencana}
                )
            return redirect(rencana)
    return render(request, "programs/rencana_form.html", {"form": form})


@require_GET
def rencana_detail(request, pk):
    rencana = rencana_for(request.user, pk, related=("diajukan_oleh", "diverifikasi_oleh"))
    kegiatan_list = list(selectors.kegiatan_with_realisasi(rencana))
    quarters = selectors.rencana_quarters(rencana, kegiatan_list)
    threads = selectors.komentar_threads(rencana)
    selectors.line_review(rencana, kegiatan_list, threads)
    return render(
        request,
        "programs/rencana_detail.html",
        {
            "rencana": rencana,
            "kegiatan_list": kegiatan_list,
            "total_pagu": sum(kegiatan.pagu for kegiatan in kegiatan_list),
            "quarters": quarters,
            "show_quarters": rencana.status == Status.DIVERIFIKASI
            or any(q["terisi"] or q["laporan"] for q in quarters),
            "history": selectors.rencana_history(rencana),
            "threads": threads,
            "komentar_form": KomentarForm(rencana=rencana),
            "actions": rencana_actions(request.user, rencana, has_lines=bool(kegiatan_list)),
            "changes": selectors.changes_since_return(rencana, kegiatan_list)
            if rencana.status == Status.DIAJUKAN
            else None,
            "return_form": CatatanForm(),
            "reopen_form": AlasanForm(),
        },
    )


def _form_text(request, form_class, field):
    """A note or reason as the page's own form cleans it (required, length, control characters)."""
    form = form_class(request.POST)
    if not form.is_valid():
        raise ValidationError([message for errors in form.errors.values() for message in errors])
    return form.cleaned_data[field]


def _rencana_action(request, rencana, action, success):
    try:
        action(rencana)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, success)
    return redirect(rencana)


def _contents(rencana):
    """ "2 kegiatan, Rp 150 juta", "3 realisasi", "1 laporan triwulan": what a confirmation lists."""
    counts = selectors.rencana_contents(rencana)
    lines = [_("%(n)s kegiatan, total pagu %(pagu)s") % {"n": counts["kegiatan"], "pagu": rupiah(counts["pagu"])}]
    if counts["realisasi"]:
        lines.append(_("%(n)s realisasi triwulan") % {"n": counts["realisasi"]})
    if counts["laporan"]:
        lines.append(_("%(n)s laporan triwulan") % {"n": counts["laporan"]})
    return lines


# What the confirmation of a plan step says (its title takes the plan): consequences, the button, the message after.
CONFIRMATIONS = {
    "submit": (
        gettext_lazy("Ajukan rencana %(rencana)s ke Diskop?"),
        [
            gettext_lazy("Staf Diskop diberi tahu dan memeriksa rencana ini."),
            gettext_lazy("Selama diajukan, kegiatan tidak dapat diubah sampai Diskop mengembalikannya."),
        ],
        gettext_lazy("Ya, ajukan ke Diskop"),
        gettext_lazy("Rencana diajukan ke Diskop untuk diverifikasi."),
    ),
    "verify": (
        gettext_lazy("Verifikasi rencana %(rencana)s?"),
        [
            gettext_lazy("Rencana dikunci; hanya Admin yang dapat membukanya kembali."),
            gettext_lazy("Petugas OPD diberi tahu dan dapat mulai mengisi realisasi triwulan."),
        ],
        gettext_lazy("Ya, verifikasi dan kunci"),
        gettext_lazy("Rencana diverifikasi dan dikunci."),
    ),
}


def _confirmed_step(request, rencana, step, service):
    """A plan step that asks first: the confirmation page (what happens, what the plan holds), then the service."""
    title, consequences, button, success = CONFIRMATIONS[step]
    if not is_confirmed(request):
        return confirmation_page(
            request,
            title=title % {"rencana": rencana},
            consequences=[str(line) for line in consequences],
            goes_with=_contents(rencana),
            button=str(button),
            back=rencana.get_absolute_url(),
        )
    return _rencana_action(request, rencana, lambda r: service(actor=request.user, rencana=r), str(success))


@require_POST
def rencana_submit(request, pk):
    return _confirmed_step(request, rencana_for(request.user, pk, may="edit"), "submit", services.rencana_submit)


@require_POST
def rencana_verify(request, pk):
    return _confirmed_step(request, rencana_for(request.user, pk, may="verify"), "verify", services.rencana_verify)


def _noted_step(request, pk, may, form_class, field, service, success):
    """A plan step that carries a note (a return's catatan, a reopening's alasan), cleaned by the page's own form."""

    def take(rencana):
        service(actor=request.user, rencana=rencana, **{field: _form_text(request, form_class, field)})

    return _rencana_action(request, rencana_for(request.user, pk, may=may), take, success)


@require_POST
def rencana_return(request, pk):
    success = _("Rencana dikembalikan ke OPD dengan catatan.")
    return _noted_step(request, pk, "verify", CatatanForm, "catatan", services.rencana_return, success)


@require_POST
def rencana_reopen(request, pk):
    success = _("Rencana dibuka kembali dan dapat diubah oleh OPD.")
    return _noted_step(request, pk, "reopen", AlasanForm, "alasan", services.rencana_reopen, success)


def _delete_confirmed(request, obj, delete, *, title, consequence, goes_with, button, done, then, back_on_error):
    """Ask first (what goes with it, in red), then `delete()`; a refusal is shown where the user came from."""
    if not is_confirmed(request):
        return confirmation_page(
            request,
            title=title,
            consequences=[consequence],
            goes_with=goes_with,
            button=button,
            back=obj.get_absolute_url(),
            danger=True,
        )
    try:
        delete()
    except ValidationError as error:
        _errors(request, error)
        return redirect(back_on_error)
    messages.success(request, done)
    return redirect(then)


@require_POST
def rencana_delete(request, pk):
    rencana = rencana_for(request.user, pk, may="edit")
    return _delete_confirmed(
        request,
        rencana,
        lambda: services.rencana_delete(actor=request.user, rencana=rencana),
        title=_("Hapus rencana %(rencana)s?") % {"rencana": rencana},
        consequence=_("Rencana dan semua kegiatannya dihapus. Riwayat perubahan tetap tersimpan."),
        goes_with=_contents(rencana),
        button=_("Ya, hapus rencana"),
        done=_("Rencana %(rencana)s dihapus.") % {"rencana": rencana},
        then="programs:list",
        back_on_error=rencana,
    )


@require_GET
def rencana_export(request, pk):
    rencana = rencana_for(request.user, pk)
    kegiatan_list = list(selectors.kegiatan_with_realisasi(rencana))
    return exports.rencana_xlsx(rencana, kegiatan_list)


# ---------------------------------------------------------------- kegiatan


def _kegiatan_form_page(request, rencana, kegiatan, form, dari=None):
    history = selectors.readable_history(kegiatan) if kegiatan is not None else []
    return render(
        request,
        "programs/kegiatan_form.html",
        {
            "rencana": rencana,
            "kegiatan": kegiatan,
            "form": form,
            "history": history,
            "nomor": selectors.kegiatan_number(rencana, kegiatan),
            "dari": dari,
        },
    )


def _line_kept_from(request, rencana):
    """The line "Simpan & tambah lagi" just saved (`?dari=<id>`), looked up among this plan's own lines only."""
    dari = request.GET.get("dari", "")
    if not dari.isdigit():
        return None
    return rencana.kegiatan.select_related(None).prefetch_related("lokasi").filter(pk=int(dari)).first()


@require_http_methods(["GET", "POST"])
@redirect_if_already_submitted
def kegiatan_create(request, pk):
    rencana = rencana_for(request.user, pk, may="edit")
    if not rencana.is_editable:
        messages.error(request, _("Rencana berstatus %(s)s tidak dapat diubah.") % {"s": rencana.get_status_display()})
        return redirect(rencana)
    dari = _line_kept_from(request, rencana)  # also on POST: "sama seperti kegiatan sebelumnya" reads its places
    initial = next_line_initial(dari) if dari is not None else None
    form = KegiatanForm(request.POST or None, initial=initial, user=request.user, rencana=rencana, previous=dari)
    if request.method == "POST" and form.is_valid():
        try:
            kegiatan = create_once(
                actor=request.user,
                token=form.cleaned_data["token"],
                create=lambda: services.kegiatan_create(actor=request.user, rencana=rencana, data=form.cleaned_data),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Kegiatan ditambahkan."))
            if kegiatan.pilar_mismatch:
                messages.warning(request, kegiatan.pilar_mismatch)
            if "simpan_tambah" in request.POST:
                return redirect(f"{reverse('programs:kegiatan_create', args=[rencana.pk])}?dari={kegiatan.pk}")
            return redirect(kegiatan)
    return _kegiatan_form_page(request, rencana, None, form, dari=dari)


@require_http_methods(["GET", "POST"])
def kegiatan_update(request, pk):
    kegiatan = kegiatan_for(request.user, pk, may="edit")
    rencana = kegiatan.rencana
    if not rencana.is_editable:
        messages.error(request, _("Rencana berstatus %(s)s tidak dapat diubah.") % {"s": rencana.get_status_display()})
        return redirect(rencana)
    form = KegiatanForm(request.POST or None, instance=kegiatan, user=request.user, rencana=rencana)
    if request.method == "POST" and form.is_valid():
        try:
            kegiatan = services.kegiatan_update(
                actor=request.user, kegiatan=kegiatan, data=form.cleaned_data, versi=form.cleaned_data["versi"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Kegiatan disimpan."))
            if kegiatan.pilar_mismatch:
                messages.warning(request, kegiatan.pilar_mismatch)
            return redirect(kegiatan)
    return _kegiatan_form_page(request, rencana, kegiatan, form)


@require_POST
def kegiatan_delete(request, pk):
    kegiatan = kegiatan_for(request.user, pk, may="edit")
    realisasi = kegiatan.realisasi.count()
    return _delete_confirmed(
        request,
        kegiatan,
        lambda: services.kegiatan_delete(actor=request.user, kegiatan=kegiatan),
        title=_("Hapus kegiatan “%(kegiatan)s”?") % {"kegiatan": kegiatan.uraian},
        consequence=_("Kegiatan ini dihapus dari rencana %(rencana)s. Riwayat perubahan tetap tersimpan.")
        % {"rencana": kegiatan.rencana},
        goes_with=[
            _("target %(target)s %(satuan)s, pagu %(pagu)s")
            % {"target": kegiatan.target, "satuan": kegiatan.get_satuan_display(), "pagu": rupiah(kegiatan.pagu)},
            *([_("%(n)s realisasi triwulan") % {"n": realisasi}] if realisasi else []),
        ],
        button=_("Ya, hapus kegiatan"),
        done=_("Kegiatan dihapus."),
        then=kegiatan.rencana,
        back_on_error=kegiatan.rencana,
    )


# ---------------------------------------------------------------- upload of plan lines: the import pages' flow


@require_GET
def kegiatan_upload(request, pk):
    """The plan page's "Unggah kegiatan": the import pages' upload of plan lines, this plan preselected."""
    rencana = rencana_for(request.user, pk, may="upload")
    if not rencana.is_editable:
        messages.error(
            request,
            _("Rencana berstatus %(s)s tidak dapat diubah; kegiatan hanya diunggah ke rencana draf atau dikembalikan.")
            % {"s": rencana.get_status_display()},
        )
        return redirect(rencana)
    url = reverse("imports:upload", args=[KegiatanImport.kind])
    return redirect(f"{url}?{urlencode({'rencana': rencana.pk})}")


# ---------------------------------------------------------------- quarterly realisation


@require_http_methods(["GET", "POST"])
def realisasi_update(request, pk, triwulan):
    triwulan = _quarter(triwulan)
    kegiatan = kegiatan_for(request.user, pk, may="edit")
    rencana = kegiatan.rencana
    laporan = selectors.laporan_of(rencana, triwulan)
    if closed := _reporting_closed(request, rencana, triwulan, laporan):
        return closed
    realisasi, previous = selectors.realisasi_and_previous(kegiatan, triwulan)
    form = RealisasiForm(
        request.POST or None,
        request.FILES or None,
        instance=realisasi or Realisasi(kegiatan=kegiatan, triwulan=triwulan),
        kegiatan=kegiatan,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.realisasi_save(
                actor=request.user,
                kegiatan=kegiatan,
                triwulan=triwulan,
                data=form.cleaned_data,
                versi=form.cleaned_data["versi"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Realisasi TW %(tw)s disimpan.") % {"tw": ROMAWI[triwulan]})
            return redirect(f"{rencana.get_absolute_url()}#tw-{triwulan}")
    return render(
        request,
        "programs/realisasi_form.html",
        {
            "rencana": rencana,
            "kegiatan": kegiatan,
            "triwulan": triwulan,
            "triwulan_label": Triwulan(triwulan).label,
            "realisasi": realisasi,
            "previous": previous,
            "form": form,
            "history": selectors.readable_history(realisasi) if realisasi else [],
        },
    )


def _reporting_closed(request, rencana, triwulan, laporan):
    if rencana.status != Status.DIVERIFIKASI or (laporan is not None and not laporan.is_editable):
        messages.error(request, _("Realisasi TW %(tw)s tidak dapat diubah saat ini.") % {"tw": ROMAWI[triwulan]})
        return redirect(f"{rencana.get_absolute_url()}#tw-{triwulan}")
    return None


@require_http_methods(["GET", "POST"])
def realisasi_grid(request, pk, triwulan):
    """Every line of the plan for one quarter on one page, saved together; each line is validated on its own, the
    valid ones are saved and an invalid one keeps what was typed, with its errors, unsaved."""
    triwulan = _quarter(triwulan)
    rencana = rencana_for(request.user, pk, may="edit")
    laporan = selectors.laporan_of(rencana, triwulan)
    if closed := _reporting_closed(request, rencana, triwulan, laporan):
        return closed
    rows = selectors.quarter_grid(list(selectors.kegiatan_with_realisasi(rencana)), triwulan)
    kategori = selectors.kategori_kendala_choices()
    for row in rows:
        row["form"] = RealisasiGridForm(
            request.POST or None,
            request.FILES or None,
            instance=row["realisasi"] or Realisasi(kegiatan=row["kegiatan"], triwulan=triwulan),
            kegiatan=row["kegiatan"],
            kategori=kategori,
        )
    if request.method == "POST":
        filled = [row for row in rows if not row["form"].is_untouched()]
        valid = [row for row in filled if row["form"].is_valid()]
        entries = [(r["kegiatan"].pk, r["form"].cleaned_data, r["form"].cleaned_data["versi"]) for r in valid]
        try:
            saved, errors = services.realisasi_save_quarter(
                actor=request.user, rencana=rencana, triwulan=triwulan, entries=entries
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(f"{rencana.get_absolute_url()}#tw-{triwulan}")
        for row in rows:
            kegiatan = row["kegiatan"]
            if kegiatan.pk in errors:
                add_service_errors(row["form"], errors[kegiatan.pk])
            elif kegiatan.pk in saved:  # shown again as saved, with its new version
                row["realisasi"], row["saved"] = saved[kegiatan.pk], True
                row["form"] = RealisasiGridForm(instance=saved[kegiatan.pk], kegiatan=kegiatan, kategori=kategori)
        unsaved = [row for row in filled if not row.get("saved")]
        if not filled:
            messages.info(request, _("Tidak ada perubahan untuk disimpan."))
            return redirect(f"{rencana.get_absolute_url()}#tw-{triwulan}")
        if not unsaved:
            messages.success(
                request,
                ngettext(
                    "Realisasi TW %(tw)s disimpan untuk %(n)s kegiatan.",
                    "Realisasi TW %(tw)s disimpan untuk %(n)s kegiatan.",
                    len(saved),
                )
                % {"tw": ROMAWI[triwulan], "n": len(saved)},
            )
            return redirect(f"{rencana.get_absolute_url()}#tw-{triwulan}")
        messages.warning(
            request,
            _(
                "%(saved)s kegiatan disimpan. %(bad)s kegiatan belum disimpan karena perlu diperbaiki: No. %(nomor)s. "
                "Isian Anda tetap di halaman ini; berkas bukti yang dipilih untuk kegiatan itu perlu dipilih ulang."
            )
            % {
                "saved": len(saved),
                "bad": len(unsaved),
                "nomor": ", ".join(str(row["kegiatan"].nomor) for row in unsaved),
            },
        )
        return render(
            request,
            "programs/realisasi_grid.html",
            {"rencana": rencana, "triwulan": triwulan, "rows": rows, "unsaved": unsaved},
            status=200,
        )
    return render(request, "programs/realisasi_grid.html", {"rencana": rencana, "triwulan": triwulan, "rows": rows})


@require_GET
def bukti_download(request, pk):
    """The evidence file (private storage) to whoever may see the realisation; 404 for anyone else."""
    realisasi = bukti_for(request.user, pk)
    return stored_file_response(realisasi.bukti, name=realisasi.bukti_nama, fallback=f"bukti-{realisasi.pk}")


def _laporan_action(request, pk, triwulan, may, action, success):
    triwulan = _quarter(triwulan)
    rencana = rencana_for(request.user, pk, may=may)
    try:
        action(rencana, triwulan)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, success % {"tw": ROMAWI[triwulan]})
    return redirect(f"{rencana.get_absolute_url()}#tw-{triwulan}")


@require_POST
def laporan_submit(request, pk, triwulan):
    def submit(rencana, tw):
        services.laporan_submit(actor=request.user, rencana=rencana, triwulan=tw)

    return _laporan_action(request, pk, triwulan, "edit", submit, _("Laporan TW %(tw)s diajukan ke Diskop."))


@require_POST
def laporan_verify(request, pk, triwulan):
    def verify(rencana, tw):
        services.laporan_verify(actor=request.user, rencana=rencana, triwulan=tw)

    return _laporan_action(request, pk, triwulan, "verify", verify, _("Laporan TW %(tw)s diverifikasi."))


@require_POST
def laporan_return(request, pk, triwulan):
    def send_back(rencana, tw):
        catatan = _form_text(request, CatatanForm, "catatan")
        services.laporan_return(actor=request.user, rencana=rencana, triwulan=tw, catatan=catatan)

    return _laporan_action(request, pk, triwulan, "verify", send_back, _("Laporan TW %(tw)s dikembalikan ke OPD."))


# ---------------------------------------------------------------- compliance and deadlines


@require_GET
def kepatuhan(request):
    tahun = _year_param(request) or _default_year(request.user)
    board = selectors.kepatuhan_by_opd(request.user, tahun)
    if can_verify_plans(request.user):
        chasing.chase_rows(board, tahun)  # "Kirim pengingat" and the WhatsApp text, per row
    return render(
        request,
        "programs/kepatuhan.html",
        {
            "tahun": tahun,
            "chase": can_verify_plans(request.user),
            "pelaporan": selectors.reporting_rates(request.user, tahun),
            "years": [y for y, _label in year_choices()],
            "board": board,
            "quarters": [
                (q, Triwulan(q).label, board["deadlines"].get(q), board["summary"][q]) for q in Triwulan.values
            ],
        },
    )


@require_http_methods(["GET", "POST"])
@predicate_required(can_set_deadlines)
def batas_pelaporan(request):
    tahun = _year_param(request) or timezone.localdate().year
    chosen = selectors.batas_pelaporan_for_year(tahun)
    current = selectors.deadlines_for_year(tahun, chosen=chosen)
    current[RENCANA] = selectors.plan_deadline_for_year(tahun, chosen=chosen)
    form = BatasPelaporanForm(request.POST or None, tahun=tahun, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.batas_set_year(actor=request.user, tahun=tahun, deadlines=form.deadlines())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Batas pelaporan %(tahun)s disimpan.") % {"tahun": tahun})
            return redirect(f"{request.path}?tahun={tahun}")
    rows = [
        (label, current[q], chosen.get(q), default_deadline(tahun, q))
        for q, label in [(RENCANA, _("Rencana tahunan")), *Triwulan.choices]
    ]
    return render(
        request,
        "programs/batas_pelaporan.html",
        {
            "tahun": tahun,
            "years": [y for y, _label in year_choices()],
            "form": form,
            "rows": rows,
        },
    )


# ---------------------------------------------------------------- FGD recap


@require_GET
def rekap_fgd(request):
    tahun = _year_param(request) or _default_year(request.user)
    verified_only = request.GET.get("terverifikasi") == "1"
    return render(
        request,
        "programs/rekap_fgd.html",
        {
            "recap": selectors.rekap_fgd(request.user, tahun, verified_only=verified_only),
            "years": [y for y, _label in year_choices()],
            "dicetak_pada": timezone.now(),
        },
    )


@require_GET
def rekap_fgd_xlsx(request):
    tahun = _year_param(request) or _default_year(request.user)
    verified_only = request.GET.get("terverifikasi") == "1"
    return exports.rekap_fgd_xlsx(selectors.rekap_fgd(request.user, tahun, verified_only=verified_only))


@require_POST
def rekap_fgd_job(request):
    """The recap XLSX built by a background job, kept in "Pekerjaan saya"."""
    tahun = _year_param(request) or _default_year(request.user)
    params = {"tahun": tahun, "terverifikasi": request.GET.get("terverifikasi") == "1"}
    label = deferred("Rekap FGD %(tahun)s (XLSX)") % {"tahun": tahun}
    job = job_start(actor=request.user, kind="rekap_fgd", label=label, params=params)
    return redirect(job)


# ---------------------------------------------------------------- kendala digest

KENDALA_FILTERS = ("kategori", "opd", "triwulan", "kelompok")


@require_GET
def kendala(request):
    """A year's reported problems, filtered and grouped by category or by OPD; Diskop marks those for the FGD."""
    years = selectors.kendala_years(request.user)
    tahun = _year_param(request) or (years[0] if years else timezone.localdate().year)
    form = KendalaFilterForm(request.GET or None, user=request.user)
    filters = form.cleaned_data if form.is_valid() else {}
    digest = selectors.kendala_digest(
        request.user,
        tahun,
        kategori=filters.get("kategori"),
        opd=filters.get("opd"),
        triwulan=filters.get("triwulan"),
    )
    kelompok = filters.get("kelompok") or "kategori"
    return render(
        request,
        "programs/kendala.html",
        {
            "tahun": tahun,
            "years": [y for y, _label in year_choices()],
            "form": form,
            "digest": digest,
            "kelompok": kelompok,
            "groups": digest.per_opd if kelompok == "opd" else digest.per_kategori,
            "kembali": request.GET.urlencode(),
        },
    )


def _kendala_return(realisasi, kembali):
    """The digest again, with the filters it was showing (only the digest's own parameters)."""
    shown = QueryDict(kembali or "", mutable=True)
    query = QueryDict(mutable=True)
    query["tahun"] = realisasi.kegiatan.rencana.tahun
    for key in KENDALA_FILTERS:
        if shown.get(key):
            query[key] = shown[key]
    return f"{reverse('programs:kendala')}?{query.urlencode()}#kendala-{realisasi.pk}"


@require_POST
def kendala_agenda(request, pk):
    realisasi = kendala_for(request.user, pk, may="mark")
    form = KendalaAgendaForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tanda agenda FGD tidak dikenali; tidak ada yang disimpan."))
        return redirect(_kendala_return(realisasi, request.POST.get("kembali", "")))
    try:
        services.kendala_mark(
            actor=request.user,
            realisasi=realisasi,
            masuk_agenda=form.cleaned_data["masuk_agenda"],
            versi=form.cleaned_data["versi"],
        )
    except ValidationError as error:
        _errors(request, error)
    else:
        if form.cleaned_data["masuk_agenda"]:
            messages.success(request, _("Kendala dimasukkan ke agenda FGD."))
        else:
            messages.success(request, _("Kendala dikeluarkan dari agenda FGD."))
    return redirect(_kendala_return(realisasi, form.cleaned_data["kembali"]))


# ---------------------------------------------------------------- comments


@require_POST
def komentar_create(request, pk):
    rencana = rencana_for(request.user, pk, may="comment")
    form = KomentarForm(request.POST, rencana=rencana)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect(f"{rencana.get_absolute_url()}#komentar")
    try:
        komentar = services.komentar_add(
            actor=request.user,
            rencana=rencana,
            isi=form.cleaned_data["isi"],
            kegiatan=form.cleaned_data["kegiatan"],
            induk=form.cleaned_data["induk"],
        )
    except ValidationError as error:
        _errors(request, error)
        return redirect(f"{rencana.get_absolute_url()}#komentar")
    messages.success(request, _("Komentar dikirim."))
    return redirect(komentar)
