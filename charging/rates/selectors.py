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
