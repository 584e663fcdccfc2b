"""Queryset helpers every app's selectors share."""


def filter_given(queryset, **lookups):
    """Narrow `queryset` by each lookup whose value was given: a list filter left empty (None, "") narrows nothing."""
    given = {lookup: value for lookup, value in lookups.items() if value}
    return queryset.filter(**given) if given else queryset
