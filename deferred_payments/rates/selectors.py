"""Reading the national maximum interest rates."""

from __future__ import annotations

import datetime as dt

from deferred_payments.interest.calculator import RatePeriod
from deferred_payments.rates.models import NationalRate


def half_year_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """The six-month rate period ``day`` falls in: (1 Jan, 30 Jun) or (1 Jul, 31 Dec)."""
    if day.month <= 6:
        return dt.date(day.year, 1, 1), dt.date(day.year, 6, 30)
    return dt.date(day.year, 7, 1), dt.date(day.year, 12, 31)


def rates_between(start: dt.date, end: dt.date) -> list[RatePeriod]:
    """Every published national rate period touching [start, end], in order (a gap means no rate was entered)."""
    return [RatePeriod(r.starts_on, r.ends_on, r.annual_rate)
            for r in NationalRate.objects.filter(starts_on__lte=end, ends_on__gte=start).order_by("starts_on")]


def national_rates():
    return NationalRate.objects.select_related("entered_by").order_by("-starts_on")


def first_missing_period(*, on: dt.date) -> dt.date | None:
    """The start of the first six-month period up to ``on`` (from the first one entered) with no rate."""
    first = NationalRate.objects.order_by("starts_on").values_list("starts_on", flat=True).first()
    if first is None:
        return half_year_of(on)[0]
    have = set(NationalRate.objects.values_list("starts_on", flat=True))
    start = first
    while start <= on:
        if start not in have:
            return start
        start = dt.date(start.year, 7, 1) if start.month == 1 else dt.date(start.year + 1, 1, 1)
    return None
