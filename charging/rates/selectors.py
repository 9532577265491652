"""Reads of the rates: a rate's history, and every rate in force on a day for the calculator."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from charging.assessments.calculator import Rates, RateValue
from charging.rates.models import Rate


def rate_history(*, code: str) -> QuerySet[Rate]:
    """Every figure a rate has had, oldest first."""
    return Rate.objects.filter(code=code).order_by("effective_from")


def rates_in_force(on: dt.date) -> Rates:
    """Every rate in force on ``on``, for the calculator.

    For each code the row with the latest ``effective_from`` on or before ``on`` applies, unless its
    ``effective_to`` has passed: then the code has no rate that day (a later figure was not
    confirmed), and the calculator refuses to use it rather than carry an old figure forward.
    One query.
    """
    latest = (
        Rate.objects.filter(effective_from__lte=on)
        .order_by("code", "-effective_from")
        .distinct("code")
        .values_list("code", "value", "unit", "effective_from", "effective_to", "source")
    )
    values = {}
    for code, value, unit, effective_from, effective_to, source in latest:
        if effective_to is not None and effective_to < on:
            continue
        rate = Rate(value=value, unit=unit)
        values[code] = RateValue(code=code, amount=rate.amount, effective_from=effective_from, source=source)
    return Rates(on=on, values=values)


#: National figures that change every April (DWP's uprating and DHSC's circular): a figure for the new
#: year must be entered before the uplift. (Capital limits, the tariff step and the savings credit
#: disregards have been frozen for years and are checked only for being in force.)
UPRATED_EACH_APRIL: tuple[str, ...] = (
    "PEA", "AA_HIGHER", "AA_LOWER", "MIG_SINGLE_18_24", "MIG_SINGLE_25_TO_PCA", "MIG_SINGLE_PCA",
    "MIG_COUPLE_18_PLUS", "MIG_COUPLE_PCA", "MIG_DISABILITY_PREMIUM_SINGLE", "MIG_DISABILITY_PREMIUM_COUPLE",
    "MIG_ENHANCED_DISABILITY_PREMIUM_SINGLE", "MIG_ENHANCED_DISABILITY_PREMIUM_COUPLE", "MIG_CARER_PREMIUM",
    "MIG_DEPENDENT_CHILD",
)
#: How far ahead of next April the uplift page warns of figures not yet entered.
WARN_WEEKS_BEFORE_APRIL = 16


def uprating_day(year: int) -> dt.date:
    """The day the year's benefit rates take effect: the first Monday on or after 6 April (DWP's
    uprating week; 10 April 2023, 8 April 2024, 7 April 2025, 6 April 2026)."""
    day = dt.date(year, 4, 6)
    return day + dt.timedelta(days=(7 - day.weekday()) % 7)


def next_uprating_day(on: dt.date) -> dt.date:
    day = uprating_day(on.year)
    return day if day > on else uprating_day(on.year + 1)


def next_april_gaps(on: dt.date) -> dict | None:
    """Within :data:`WARN_WEEKS_BEFORE_APRIL` weeks of next April: the national figures with nothing
    in force that day, and those that change every April with no figure entered for the new year.
    ``None`` when April is further off or nothing is missing."""
    from charging.assessments.calculator import NATIONAL_RATE_CODES
    from charging.rates.codes import rate_name

    day = next_uprating_day(on)
    if (day - on).days > WARN_WEEKS_BEFORE_APRIL * 7:
        return None
    rates = rates_in_force(day).values
    year_start = uprating_day(day.year)
    missing = [code for code in NATIONAL_RATE_CODES if code not in rates]
    stale = [code for code in UPRATED_EACH_APRIL if code in rates and rates[code].effective_from < year_start]
    if not missing and not stale:
        return None
    return {"day": day, "missing": [{"code": c, "name": rate_name(c)} for c in missing],
            "stale": [{"code": c, "name": rate_name(c), "amount": rates[c].amount,
                       "effective_from": rates[c].effective_from} for c in stale]}
