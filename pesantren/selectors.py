"""Reads of the registry, always narrowed to what the viewer may see."""

from django.db.models import Count, Exists, OuterRef, Q

from opop.accounts.roles import Role
from pesantren.models import Participation, Pesantren, Santripreneur, Sociopreneur


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
    """Records sharing name + birth date + pesantren with `person` and not marked 'not a duplicate'."""
    if person.tanggal_lahir is None:
        return Santripreneur.objects.none()
    return (
        santripreneur_visible_to(user)
        .filter(nama_normal=person.nama_normal, tanggal_lahir=person.tanggal_lahir, pesantren_id=person.pesantren_id)
        .exclude(pk=person.pk)
        .exclude(pk__in=person.bukan_duplikat.values("pk"))
    )


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
    no longer form a group; a third look-alike keeps it."""
    decided = Santripreneur.bukan_duplikat.through.objects.filter(from_santripreneur_id=OuterRef(OuterRef("pk")))
    undecided_twin = (
        Santripreneur.objects.filter(
            nama_normal=OuterRef("nama_normal"),
            tanggal_lahir=OuterRef("tanggal_lahir"),
            pesantren_id=OuterRef("pesantren_id"),
        )
        .exclude(pk=OuterRef("pk"))
        .exclude(pk__in=decided.values("to_santripreneur_id"))
    )
    return (
        santripreneur_visible_to(user)
        .filter(tanggal_lahir__isnull=False)
        .filter(Exists(undecided_twin))
        .values("nama_normal", "tanggal_lahir", "pesantren_id", "pesantren__nama", "pesantren__kabkota__nama")
        .annotate(jumlah=Count("id"))
        .filter(jumlah__gt=1)
        .order_by("-jumlah", "nama_normal", "tanggal_lahir", "pesantren_id")
    )


def santripreneur_duplicate_group_members(user, groups):
    """The records of the given groups (dicts from the selector above), in one query, keyed by group."""
    groups = list(groups)
    if not groups:
        return {}
    condition = Q()
    for g in groups:
        condition |= Q(nama_normal=g["nama_normal"], tanggal_lahir=g["tanggal_lahir"], pesantren_id=g["pesantren_id"])
    members = {}
    rows = santripreneur_visible_to(user).filter(condition).annotate(jumlah_partisipasi=Count("partisipasi"))
    for person in rows.order_by("dibuat_pada", "id"):
        members.setdefault((person.nama_normal, person.tanggal_lahir, person.pesantren_id), []).append(person)
    return members
