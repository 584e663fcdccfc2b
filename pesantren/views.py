"""Registry pages: pesantren, santripreneur, sociopreneur.

Every view reads through a selector first (an object the viewer may not see answers 404), then checks the
write permission (403 for read-only roles), then calls one service. State changes are POST only and end with a
message and a redirect. Personal data (NIK, birth date, phone) is shown as `personal_data_visibility` allows and
is kept out of URLs and error reports."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.db.models import Count
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from opop.accounts.permissions import can_search_nik, can_write_registry, predicate_required
from opop.common.audit import history_entries
from opop.common.forms import add_service_errors
from opop.common.idempotency import create_once, redirect_if_already_submitted
from opop.imports.selectors import import_origin
from opop.jobs.exports import export_or_start_job
from pesantren import exports, services
from pesantren.access import (
    duplicate_pair_for,
    participation_for,
    pesantren_for,
    santripreneur_for,
    sociopreneur_for,
)
from pesantren.access_log import log_contact_data_access, log_personal_data_access
from pesantren.filters import PesantrenFilterForm, SantripreneurFilterForm, SociopreneurFilterForm
from pesantren.forms import (
    DeleteForm,
    KopontrenForm,
    MergeForm,
    NikSearchForm,
    ParticipationForm,
    PesantrenForm,
    SantripreneurForm,
    SociopreneurForm,
)
from pesantren.models import Person, PersonalDataAccess
from pesantren.pagination import capped_count, keyset_page
from pesantren.personal_data import Visibility, personal_data_visibility
from pesantren.selectors import (
    participation_visible_to,
    pesantren_stats,
    pesantren_visible_to,
    santripreneur_duplicate_group_members,
    santripreneur_duplicates_of,
    santripreneur_open_duplicate_groups,
    santripreneur_visible_to,
    sociopreneur_visible_to,
)

PER_PAGE = 25
MAX_DUPLICATE_PAGE = 1_000_000
DETAIL_PREVIEW = 10
PERSONAL_POST_FIELDS = ("nik", "tanggal_lahir", "telepon")


def _posted(request):
    """Form data for a POST (even an empty one, so it validates), None for a GET."""
    return request.POST if request.method == "POST" else None


def _export_format(request):
    fmt = request.GET.get("format", "")
    return fmt if fmt in exports.FORMATS else None


def _personal_export(request, name, sheet, fmt):
    log_personal_data_access(request, PersonalDataAccess.Action.EXPORT, rows=sheet.queryset.count())
    return export_or_start_job(request, name, sheet, fmt)


def _history(obj, user, label=""):
    redact = () if personal_data_visibility(user) == Visibility.FULL else Person.PERSONAL_FIELDS
    entries = history_entries(obj, redact=redact if isinstance(obj, Person) else ())
    origin = import_origin(obj, user)
    if origin is not None:  # created by an import: its batch is the creation's record (opop/imports/audit.py)
        entries = [entry for entry in entries if entry["record"].history_type != "+"]
        entries.append({"record": None, "changes": [], "origin": origin})
    for entry in entries:
        entry["label"] = label
    return entries


def _when(entry):
    return entry["origin"]["date"] if entry["record"] is None else entry["record"].history_date


def _save_edit(request, form, service, fields, **record):
    """An edit form's save: the record's fields, the version the form was loaded at and the reason, by `service`."""
    data = {**_data(form, fields), **record}
    return _call(
        form, service, actor=request.user, versi=form.cleaned_data["versi"], reason=form.cleaned_data["alasan"], **data
    )


def _call(form, service, **kwargs):
    """Run one service. Its ValidationError is shown on the form; a database conflict (two people saving the same
    NIK at the same moment) becomes a form error too, so the database's message, which quotes the value, is
    neither shown nor logged. Returns the service's result, or None when the form now has errors."""
    try:
        return service(**kwargs)
    except ValidationError as exc:
        add_service_errors(form, exc)
    except IntegrityError:
        form.add_error(
            None, _("Data bentrok dengan data lain yang baru saja disimpan. Periksa isian lalu simpan lagi.")
        )
    return None


def _once(request, form, service):
    """The create service, run at most once per form token: a form sent twice creates one row."""

    def save(**kwargs):
        return create_once(actor=request.user, token=form.cleaned_data["token"], create=lambda: service(**kwargs))

    return save


def _data(form, fields):
    return {name: form.cleaned_data[name] for name in fields}


# ---------------------------------------------------------------- pesantren


@require_GET
def pesantren_list(request):
    fmt = _export_format(request)
    if fmt:
        sheet = exports.pesantren_sheet(request.user, request.GET)
        log_contact_data_access(request, PersonalDataAccess.Action.EXPORT, rows=sheet.queryset.count())
        return export_or_start_job(request, "pesantren", sheet, fmt)
    form = PesantrenFilterForm(request.GET, user=request.user)
    queryset = form.filter(pesantren_visible_to(request.user)).order_by(*form.ordering())
    page = Paginator(queryset, PER_PAGE).get_page(request.GET.get("halaman"))
    ids = [p.pk for p in page]
    counts = dict(
        santripreneur_visible_to(request.user)
        .filter(pesantren_id__in=ids)
        .order_by()
        .values_list("pesantren_id")
        .annotate(n=Count("id"))
    )
    for p in page:
        p.jumlah_santripreneur = counts.get(p.pk, 0)
    return render(request, "pesantren/pesantren_list.html", {"form": form, "page": page})


@require_GET
def pesantren_detail(request, pk):
    pesantren = pesantren_for(request.user, pk, related=("kopontren",))
    kopontren = getattr(pesantren, "kopontren", None)
    log_contact_data_access(request, PersonalDataAccess.Action.DETAIL, obj=pesantren)
    history = _history(pesantren, request.user)
    if kopontren:
        history = sorted(
            history + _history(kopontren, request.user, label=_("Kopontren")),
            key=_when,
            reverse=True,
        )
    context = {
        "pesantren": pesantren,
        "kopontren": kopontren,
        "stats": pesantren_stats(pesantren),
        "santripreneur_list": santripreneur_visible_to(request.user)
        .filter(pesantren=pesantren)
        .select_related(None)
        .order_by("nama", "id")[:DETAIL_PREVIEW],
        "sociopreneur_list": sociopreneur_visible_to(request.user)
        .filter(pesantren_asal=pesantren)
        .select_related("kabkota")
        .order_by("nama", "id")[:DETAIL_PREVIEW],
        "history": history,
    }
    return render(request, "pesantren/pesantren_detail.html", context)


@require_http_methods(["GET", "POST"])
@predicate_required(can_write_registry)
@redirect_if_already_submitted
def pesantren_create(request):
    form = PesantrenForm(_posted(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        pesantren = _call(
            form,
            _once(request, form, services.pesantren_save),
            actor=request.user,
            reason=form.cleaned_data["alasan"],
            **_data(form, services.PESANTREN_FIELDS),
        )
        if pesantren is not None:
            messages.success(request, _("Pesantren %(nama)s ditambahkan.") % {"nama": pesantren.nama})
            _warn_nspp(request, pesantren)
            return redirect(pesantren)
    return render(request, "pesantren/pesantren_form.html", {"form": form})


def _warn_nspp(request, pesantren):
    if pesantren.nspp_region_mismatch:
        messages.warning(
            request,
            _(
                "Digit ke-5 sampai ke-8 NSPP (%(digits)s) tidak sama dengan kode %(kabkota)s (%(kode)s). "
                "Periksa kembali."
            )
            % {"digits": pesantren.nspp[4:8], "kabkota": pesantren.kabkota.nama, "kode": pesantren.kabkota.kode_bps},
        )


@require_http_methods(["GET", "POST"])
def pesantren_edit(request, pk):
    pesantren = pesantren_for(request.user, pk, may="write")
    form = PesantrenForm(_posted(request), instance=pesantren, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = _save_edit(request, form, services.pesantren_save, services.PESANTREN_FIELDS, pesantren=pesantren)
        if saved is not None:
            messages.success(request, _("Perubahan pada %(nama)s disimpan.") % {"nama": pesantren.nama})
            _warn_nspp(request, pesantren)
            return redirect(pesantren)
    return render(request, "pesantren/pesantren_form.html", {"form": form, "pesantren": pesantren})


@require_http_methods(["GET", "POST"])
def pesantren_delete(request, pk):
    pesantren = pesantren_for(request.user, pk, may="write")
    form = DeleteForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.record_delete(actor=request.user, obj=pesantren, reason=form.cleaned_data["alasan"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(pesantren)
        messages.success(request, _("Pesantren %(nama)s dihapus.") % {"nama": pesantren.nama})
        return redirect("pesantren:list")
    context = {"object": pesantren, "form": form, "stats": pesantren_stats(pesantren), "kind": "pesantren"}
    return render(request, "pesantren/confirm_delete.html", context)


@require_http_methods(["GET", "POST"])
def kopontren_edit(request, pk):
    pesantren = pesantren_for(request.user, pk, may="write", related=("kopontren",))
    kopontren = getattr(pesantren, "kopontren", None)
    form = KopontrenForm(_posted(request), instance=kopontren, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = _save_edit(request, form, services.kopontren_save, services.KOPONTREN_FIELDS, pesantren=pesantren)
        if saved is not None:
            messages.success(request, _("Data kopontren %(nama)s disimpan.") % {"nama": pesantren.nama})
            return redirect(f"{pesantren.get_absolute_url()}#kopontren")
    return render(request, "pesantren/kopontren_form.html", {"form": form, "pesantren": pesantren})


@require_GET
def pesantren_options(request):
    """The pesantren of one kab/kota for the person forms' select (JSON; no personal data)."""
    kabkota = request.GET.get("kabkota", "")
    rows = (
        pesantren_visible_to(request.user)
        .select_related(None)
        .filter(kabkota_id=kabkota)
        .order_by("nama", "id")
        .values_list("id", "nama", "nspp")
    )
    return JsonResponse({"results": [{"id": pk, "label": f"{nama} ({nspp})"} for pk, nama, nspp in rows]})


# ---------------------------------------------------------------- santripreneur


@require_GET
def santripreneur_list(request):
    form = SantripreneurFilterForm(request.GET, user=request.user)
    queryset = form.filter(santripreneur_visible_to(request.user))
    field, descending = form.keyset()
    fmt = _export_format(request)
    if fmt:
        return _personal_export(request, "santripreneur", exports.santripreneur_sheet(request.user, request.GET), fmt)
    page = keyset_page(
        queryset, field=field, descending=descending, cursor=request.GET.get("kursor"), per_page=PER_PAGE
    )
    total, more = capped_count(queryset)
    context = {
        "form": form,
        "page": page,
        "total": total,
        "total_more": more,
        "nik_form": NikSearchForm() if can_search_nik(request.user) else None,
    }
    return render(request, "pesantren/santripreneur_list.html", context)


def _nik_search(request, queryset, list_url):
    form = NikSearchForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("NIK harus tepat 16 digit angka."))
        return redirect(list_url)
    person = queryset.filter(nik=form.cleaned_data["nik"]).first()
    log_personal_data_access(request, PersonalDataAccess.Action.NIK_SEARCH, obj=person, rows=int(person is not None))
    if person is None:
        messages.info(request, _("Tidak ada data dengan NIK tersebut."))
        return redirect(list_url)
    return redirect(person)


@require_POST
@sensitive_post_parameters("nik")
@predicate_required(can_search_nik)
def santripreneur_nik_search(request):
    return _nik_search(request, santripreneur_visible_to(request.user), "pesantren:santripreneur_list")


@require_GET
def santripreneur_detail(request, pk):
    person = santripreneur_for(request.user, pk)
    log_personal_data_access(request, PersonalDataAccess.Action.DETAIL, obj=person)
    context = {
        "person": person,
        "participations": participation_visible_to(request.user)
        .filter(santripreneur=person)
        .select_related(None)
        .select_related("opd"),
        "duplicates": santripreneur_duplicates_of(person, request.user).annotate(
            jumlah_partisipasi=Count("partisipasi")
        ),
        "history": _history(person, request.user),
    }
    return render(request, "pesantren/santripreneur_detail.html", context)


@dataclass(frozen=True)
class PersonKind:
    """What differs between the santripreneur and the sociopreneur pages; the create/edit/delete views are shared."""

    kind: str
    form: type
    save: str  # the service's name in pesantren.services
    fields: tuple
    pesantren_field: str  # the form field a `?pesantren=` link fills in
    list_url: str
    added: str
    deleted: str
    checks_duplicates: bool


SANTRIPRENEUR = PersonKind(
    kind="santripreneur",
    form=SantripreneurForm,
    save="santripreneur_save",
    fields=services.SANTRIPRENEUR_FIELDS,
    pesantren_field="pesantren",
    list_url="pesantren:santripreneur_list",
    added=gettext_lazy("Santripreneur %(nama)s ditambahkan."),
    deleted=gettext_lazy("Santripreneur %(nama)s dihapus."),
    checks_duplicates=True,
)
SOCIOPRENEUR = PersonKind(
    kind="sociopreneur",
    form=SociopreneurForm,
    save="sociopreneur_save",
    fields=services.SOCIOPRENEUR_FIELDS,
    pesantren_field="pesantren_asal",
    list_url="pesantren:sociopreneur_list",
    added=gettext_lazy("Sociopreneur %(nama)s ditambahkan."),
    deleted=gettext_lazy("Sociopreneur %(nama)s dihapus."),
    checks_duplicates=False,
)


def _person_create(request, kind):
    initial = {}
    if request.GET.get("pesantren", "").isdigit():
        initial[kind.pesantren_field] = request.GET["pesantren"]
    form = kind.form(_posted(request), initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        person = _call(
            form,
            _once(request, form, getattr(services, kind.save)),
            actor=request.user,
            reason=form.cleaned_data["alasan"],
            **_data(form, kind.fields),
        )
        if person is not None:
            messages.success(request, str(kind.added) % {"nama": person.nama})
            if kind.checks_duplicates:
                _warn_duplicates(request, person)
            return redirect(person)
    return render(request, "pesantren/person_form.html", {"form": form, "kind": kind.kind})


def _person_edit(request, kind, person):
    form = kind.form(_posted(request), instance=person, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = _save_edit(request, form, getattr(services, kind.save), kind.fields, person=person)
        if saved is not None:
            messages.success(request, _("Perubahan pada %(nama)s disimpan.") % {"nama": person.nama})
            if kind.checks_duplicates:
                _warn_duplicates(request, person)
            return redirect(person)
    return render(request, "pesantren/person_form.html", {"form": form, "kind": kind.kind, "person": person})


def _person_delete(request, kind, person, **context):
    form = DeleteForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        services.record_delete(actor=request.user, obj=person, reason=form.cleaned_data["alasan"])
        messages.success(request, str(kind.deleted) % {"nama": person.nama})
        return redirect(kind.list_url)
    context |= {"object": person, "form": form, "kind": kind.kind}
    return render(request, "pesantren/confirm_delete.html", context)


@require_http_methods(["GET", "POST"])
@sensitive_post_parameters(*PERSONAL_POST_FIELDS)
@predicate_required(can_write_registry)
@redirect_if_already_submitted
def santripreneur_create(request):
    return _person_create(request, SANTRIPRENEUR)


def _warn_duplicates(request, person):
    n = santripreneur_duplicates_of(person, request.user).count()
    if n:
        messages.warning(
            request,
            _(
                "Ada %(n)d data lain dengan nama, tanggal lahir, dan pesantren yang sama. "
                "Periksa bagian Dugaan duplikat."
            )
            % {"n": n},
        )


@require_http_methods(["GET", "POST"])
@sensitive_post_parameters(*PERSONAL_POST_FIELDS)
def santripreneur_edit(request, pk):
    return _person_edit(request, SANTRIPRENEUR, santripreneur_for(request.user, pk, may="write"))


@require_http_methods(["GET", "POST"])
def santripreneur_delete(request, pk):
    person = santripreneur_for(request.user, pk, may="write")
    return _person_delete(request, SANTRIPRENEUR, person, participation_count=person.partisipasi.count())


@require_http_methods(["GET", "POST"])
def participation_create(request, pk):
    person = santripreneur_for(request.user, pk, may="write")
    form = ParticipationForm(_posted(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = _call(
            form,
            services.participation_add,
            actor=request.user,
            santripreneur=person,
            reason=form.cleaned_data["alasan"],
            **_data(form, ("kegiatan", "opd", "tahun")),
        )
        if saved is not None:
            messages.success(request, _("Partisipasi dicatat."))
            return redirect(f"{person.get_absolute_url()}#partisipasi")
    return render(request, "pesantren/participation_form.html", {"form": form, "person": person})


@require_POST
def participation_delete(request, pk, participation_pk):
    person, participation = participation_for(request.user, pk, participation_pk, may="write")
    services.record_delete(actor=request.user, obj=participation, reason=_("Dihapus dari halaman santripreneur"))
    messages.success(request, _("Partisipasi %(kegiatan)s dihapus.") % {"kegiatan": participation.kegiatan})
    return redirect(f"{person.get_absolute_url()}#partisipasi")


@require_http_methods(["GET", "POST"])
def santripreneur_merge(request, pk, other_pk):
    keep, drop = duplicate_pair_for(request.user, pk, other_pk, may="write")
    form = MergeForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        moved = drop.partisipasi.count()
        saved = _call(
            form,
            services.santripreneur_merge,
            actor=request.user,
            keep=keep,
            drop=drop,
            reason=form.cleaned_data["alasan"],
        )
        if saved is not None:
            messages.success(
                request,
                _("Data #%(drop)s digabung ke %(nama)s; %(n)d partisipasi ikut dipindahkan.")
                % {"drop": other_pk, "nama": keep.nama, "n": moved},
            )
            return redirect(keep)
    context = {
        "keep": keep,
        "drop": drop,
        "form": form,
        "keep_participations": keep.partisipasi.select_related("opd"),
        "drop_participations": drop.partisipasi.select_related("opd"),
        "nik_conflict": bool(keep.nik and drop.nik and keep.nik != drop.nik),
    }
    return render(request, "pesantren/santripreneur_merge.html", context)


@require_POST
def santripreneur_not_duplicate(request, pk, other_pk):
    person, other = duplicate_pair_for(request.user, pk, other_pk, may="write")
    services.santripreneur_mark_not_duplicate(actor=request.user, person=person, other=other)
    messages.success(
        request, _("%(nama)s #%(other)s dicatat bukan duplikat data ini.") % {"nama": other.nama, "other": other.pk}
    )
    return redirect(person)


@require_GET
def santripreneur_duplicates(request):
    """Groups of suspected duplicates, read from the records flagged as having a twin (a partial index); the page
    still never counts the groups: previous/next only."""
    number = int(request.GET["halaman"]) if request.GET.get("halaman", "").isdigit() else 1
    number = max(number, 1)
    if number > MAX_DUPLICATE_PAGE:  # an OFFSET PostgreSQL refuses; no registry has that many groups
        raise Http404
    start = (number - 1) * PER_PAGE
    rows = list(santripreneur_open_duplicate_groups(request.user)[start : start + PER_PAGE + 1])
    page = {"number": number, "has_previous": number > 1, "has_next": len(rows) > PER_PAGE}
    rows = rows[:PER_PAGE]
    members = santripreneur_duplicate_group_members(request.user, rows)
    groups = [
        {**g, "members": members.get((g["nama_normal"], g["tanggal_lahir"], g["pesantren_id"]), [])} for g in rows
    ]
    return render(request, "pesantren/santripreneur_duplicates.html", {"page": page, "groups": groups})


# ---------------------------------------------------------------- sociopreneur


@require_GET
def sociopreneur_list(request):
    form = SociopreneurFilterForm(request.GET, user=request.user)
    queryset = form.filter(sociopreneur_visible_to(request.user)).order_by(*form.ordering())
    fmt = _export_format(request)
    if fmt:
        return _personal_export(request, "sociopreneur", exports.sociopreneur_sheet(request.user, request.GET), fmt)
    page = Paginator(queryset, PER_PAGE).get_page(request.GET.get("halaman"))
    context = {
        "form": form,
        "page": page,
        "nik_form": NikSearchForm() if can_search_nik(request.user) else None,
    }
    return render(request, "pesantren/sociopreneur_list.html", context)


@require_POST
@sensitive_post_parameters("nik")
@predicate_required(can_search_nik)
def sociopreneur_nik_search(request):
    return _nik_search(request, sociopreneur_visible_to(request.user), "pesantren:sociopreneur_list")


@require_GET
def sociopreneur_detail(request, pk):
    person = sociopreneur_for(request.user, pk)
    log_personal_data_access(request, PersonalDataAccess.Action.DETAIL, obj=person)
    context = {"person": person, "history": _history(person, request.user)}
    return render(request, "pesantren/sociopreneur_detail.html", context)


@require_http_methods(["GET", "POST"])
@sensitive_post_parameters(*PERSONAL_POST_FIELDS)
@predicate_required(can_write_registry)
@redirect_if_already_submitted
def sociopreneur_create(request):
    return _person_create(request, SOCIOPRENEUR)


@require_http_methods(["GET", "POST"])
@sensitive_post_parameters(*PERSONAL_POST_FIELDS)
def sociopreneur_edit(request, pk):
    return _person_edit(request, SOCIOPRENEUR, sociopreneur_for(request.user, pk, may="write"))


@require_http_methods(["GET", "POST"])
def sociopreneur_delete(request, pk):
    return _person_delete(request, SOCIOPRENEUR, sociopreneur_for(request.user, pk, may="write"))
