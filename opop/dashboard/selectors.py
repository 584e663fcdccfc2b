from django.db.models import Prefetch

from opop.dashboard.models import Indicator, Target


def indicators_with_targets(user):
    """The dictionary with each indicator's current targets and its restated (historic) ones."""
    return Indicator.objects.prefetch_related(
        Prefetch("targets", queryset=Target.objects.filter(berlaku=True).order_by("tahun"), to_attr="current"),
        Prefetch(
            "targets",
            queryset=Target.objects.filter(berlaku=False).select_related("dicatat_oleh"),
            to_attr="superseded",
        ),
    )


def headline_targets(user, year=2024):
    """The target of each indicator for the deadline year, for the home and public cards."""
    return Target.objects.filter(berlaku=True, tahun=year).select_related("indikator")
