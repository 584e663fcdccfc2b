"""Reads of the registry, always narrowed to what the viewer may see."""

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Sum, Value
from django.db.models.functions import Coalesce

from opop.accounts.roles import Role
from pesantren.models import (
    Participation,
    ParticipationTally,
    Pesantren,
    Santripreneur,
    SantripreneurTally,
    Sociopreneur,
    StatusAktif,
    duplicate_key,
    normalize_name,
)


def _signed_in(user):
    return getattr(user, "is_authenticated", False) and user.role in Role.values


def pesantren_visible_to(user):
    """Every signed-in role reads the pesantren registry (it holds no personal data of santri)."""
    if not _signed_in(user):
        return Pesantren.objects.none()
    return Pesantren.objects.select_related("kabkota", "kecamatan")


def santripreneur_visible_to(user):
    if not _signed_in(user):
        return Santripreneur.objects.none()
    return Santripreneur.objects.select_related("pesantren", "pesantren__kabkota")


def sociopreneur_visible_to(user):
    if not _signed_in(user):
        return Sociopreneur.objects.none()
    return Sociopreneur.objects.select_related("pesantren_asal", "kabkota")


def participation_visible_to(user):
    if not _signed_in(user):
        return Participation.objects.none()
    return Participation.objects.select_related("opd", "santripreneur")


def santripreneur_duplicates_of(person, user):
    """Records sharing name + birth date + pesantren with `person` and not marked 'not a duplicate' (one lookup
    in the santri_kunci_duplikat index)."""
    if person.tanggal_lahir is None:
        return Santripreneur.objects.none()
    key = duplicate_key(normalize_name(person.nama or ""), person.tanggal_lahir, person.pesantren_id)
    return (
        santripreneur_visible_to(user)
        .filter(kunci_duplikat=key)
        .exclude(pk=person.pk)
        .exclude(pk__in=person.bukan_duplikat.values("pk"))
    )


def santripreneur_in_kabkota_by_pesantren(queryset, kabkota):
    """People of these kab/kota as their pesantren's ids (a few hundred), for when a name search narrows them too:
    PostgreSQL then ANDs the trigram index with the pesantren index instead of reading every person the name
    matches (a common "fauzi" in Jombang at 1 000 000 people: the count 437 ms -> 65 ms, measured with the machine
    loaded). `kabkota`: a list of kab/kota or their codes."""
    ids = Pesantren.objects.filter(kabkota__in=kabkota).order_by().values_list("pk", flat=True)
    return queryset.filter(pesantren_id__in=list(ids))


def pesantren_stats(pesantren):
    """Counts shown on a pesantren's page: two indexed queries (one join over both relations would multiply rows,
    and an aggregate named like the relation shadows it in the `filter=`)."""
    santri = Santripreneur.objects.filter(pesantren=pesantren).aggregate(
        total=Count("id"), aktif=Count("id", filter=Q(status="aktif"))
    )
    return {
        "santripreneur": santri["total"],
        "santripreneur_aktif": santri["aktif"],
        "sociopreneur": Sociopreneur.objects.filter(pesantren_asal=pesantren).count(),
    }


def santripreneur_open_duplicate_groups(user):
    """Groups of suspected duplicates (same normalised name, birth date, pesantren), largest first. A group
    counts only members that still have an undecided look-alike: two records a human marked 'bukan duplikat'
    no longer form a group; a third look-alike keeps it. Reads only records flagged `ada_kembaran` (the partial
    index santri_kembaran), and their twins through the duplicate-key index."""
    decided = Santripreneur.bukan_duplikat.through.objects.filter(from_santripreneur_id=OuterRef(OuterRef("pk")))
    undecided_twin = (
        Santripreneur.objects.filter(kunci_duplikat=OuterRef("kunci_duplikat"))
        .exclude(pk=OuterRef("pk"))
        .exclude(pk__in=decided.values("to_santripreneur_id"))
    )
    return (
        santripreneur_visible_to(user)
        .filter(ada_kembaran=True, tanggal_lahir__isnull=False)
        .filter(Exists(undecided_twin))
        .values(
            "nama_normal",
            "tanggal_lahir",
            "pesantren_id",
            "kunci_duplikat",
            "pesantren__nama",
            "pesantren__kabkota__nama",
        )
        .annotate(jumlah=Count("id"))
        .filter(jumlah__gt=1)
        .order_by("-jumlah", "nama_normal", "tanggal_lahir", "pesantren_id")
    )


def santripreneur_duplicate_group_members(user, groups):
    """The records of the given groups (dicts from the selector above), in one query, keyed by group."""
    groups = list(groups)
    if not groups:
        return {}
    members = {}
    rows = (
        santripreneur_visible_to(user)
        .filter(kunci_duplikat__in=[g["kunci_duplikat"] for g in groups])
        .annotate(jumlah_partisipasi=Count("partisipasi"))
    )
    for person in rows.order_by("dibuat_pada", "id"):
        members.setdefault((person.nama_normal, person.tanggal_lahir, person.pesantren_id), []).append(person)
    return members


# ---------------------------------------------------------------- counts for the dashboards (aggregates, never rows)


def pesantren_counted_for(user, *, public=False):
    """The pesantren a dashboard counts: the viewer's, or for the public page every one (counts only, never rows)."""
    return Pesantren.objects.all() if public else pesantren_visible_to(user)


def sociopreneur_counted_for(user, *, public=False):
    return Sociopreneur.objects.all() if public else sociopreneur_visible_to(user)


def santripreneur_added_per_year():
    """{year: active santripreneur first recorded that year}, from the tallies (one small GROUP BY at any size)."""
    rows = SantripreneurTally.objects.filter(aktif=True).order_by().values("tahun").annotate(n=Sum("jumlah"))
    return {row["tahun"]: row["n"] for row in rows}


def santripreneur_per_kabkota(baseline_year, tahun):
    """{kab/kota id: (active santripreneur up to baseline_year, up to tahun)}, from the tallies."""
    zero = Value(0)
    rows = (
        SantripreneurTally.objects.filter(aktif=True)
        .order_by()
        .values("kabkota_id")
        .annotate(
            base=Coalesce(Sum("jumlah", filter=Q(tahun__lte=baseline_year)), zero),
            now=Coalesce(Sum("jumlah", filter=Q(tahun__lte=tahun)), zero),
        )
    )
    return {row["kabkota_id"]: (row["base"], row["now"]) for row in rows}


def sociopreneur_active_per_year(queryset):
    rows = queryset.filter(status=StatusAktif.AKTIF).order_by().values("tahun_mulai").annotate(n=Count("id"))
    return {row["tahun_mulai"]: row["n"] for row in rows}


def sociopreneur_active_per_kabkota(queryset, baseline_year, tahun):
    """{kab/kota id: (active sociopreneur started up to baseline_year, up to tahun)}."""
    rows = (
        queryset.filter(status=StatusAktif.AKTIF)
        .order_by()
        .values("kabkota_id")
        .annotate(
            base=Count("id", filter=Q(tahun_mulai__lte=baseline_year)),
            now=Count("id", filter=Q(tahun_mulai__lte=tahun)),
        )
    )
    return {row["kabkota_id"]: (row["base"], row["now"]) for row in rows}


def participation_per_opd(opds, tahun):
    """Participations of one year per OPD (of `opds`), from the tally, largest first."""
    return list(
        ParticipationTally.objects.filter(tahun=tahun, jumlah__gt=0, opd__in=opds)
        .values("opd_id", "opd__singkatan", "opd__nama", "jumlah")
        .order_by("-jumlah", "opd__singkatan")
    )


def participation_up_to(opds, tahun):
    return ParticipationTally.objects.filter(tahun__lte=tahun, opd__in=opds).aggregate(
        n=Coalesce(Sum("jumlah"), Value(0), output_field=IntegerField())
    )["n"]


def santripreneur_duplicate_group_count(user, *, at_most=100):
    """How many open duplicate groups await review, counted up to `at_most` (the home page then says "100+").
    One query over the records flagged as having a twin (the partial index santri_kembaran)."""
    return len(santripreneur_open_duplicate_groups(user).order_by().values_list("nama_normal")[:at_most])


# ---------------------------------------------------------------- which OPDs reached each pesantren (peta sinergi)

PESANTREN_OF_PARTICIPATION = "santripreneur__pesantren_id"


def participation_reach(user, opds, tahun, *, kabkota=None):
    """Per pesantren, the participations of `tahun` by the OPDs `opds`: how many OPDs reached it and how many
    participations, most OPDs first. A queryset of dicts (page it; one GROUP BY over the year's participations)."""
    rows = participation_visible_to(user).filter(tahun=tahun, opd__in=opds)
    if kabkota:
        rows = rows.filter(santripreneur__pesantren__kabkota_id=kabkota)
    return (
        rows.order_by()
        .values(
            pesantren_id=F(PESANTREN_OF_PARTICIPATION),
            nama=F("santripreneur__pesantren__nama"),
            kabkota=F("santripreneur__pesantren__kabkota__nama"),
            tahun_kohort=F("santripreneur__pesantren__tahun_kohort"),
        )
        .annotate(jumlah_opd=Count("opd", distinct=True), jumlah=Count("id"))
        .order_by("-jumlah_opd", "-jumlah", "nama", "pesantren_id")
    )


def participation_per_opd_of(user, opds, tahun, pesantren_ids):
    """{pesantren id: [(OPD short name, participations)]} for the given pesantren (one page of the list above),
    largest first, in one query."""
    rows = (
        participation_visible_to(user)
        .filter(tahun=tahun, opd__in=opds, **{f"{PESANTREN_OF_PARTICIPATION}__in": list(pesantren_ids)})
        .order_by()
        .values(PESANTREN_OF_PARTICIPATION, "opd__singkatan")
        .annotate(jumlah=Count("id"))
        .order_by(PESANTREN_OF_PARTICIPATION, "-jumlah", "opd__singkatan")
    )
    reach = {}
    for row in rows:
        reach.setdefault(row[PESANTREN_OF_PARTICIPATION], []).append((row["opd__singkatan"], row["jumlah"]))
    return reach
