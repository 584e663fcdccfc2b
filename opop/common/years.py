"""The programme's year bounds, one pair for every app: plans, targets, cohorts, registrations, designations."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone

FIRST_YEAR = 2019  # the first OPOP cohort; nothing of the programme is older
LAST_YEAR = 2045  # the end of the RPJPD 2025–2045 horizon; a later year is a typing error


def programme_year_validators():
    return [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]


def programme_years(*, ahead=1):
    """The years a picker offers, newest first: up to `ahead` years past this one (plans are made for next year),
    down to FIRST_YEAR."""
    return list(range(timezone.localdate().year + ahead, FIRST_YEAR - 1, -1))
