"""When a regular income or bill falls due. Pure: dates in, dates out.

Each schedule has a first date; its n-th date is that date plus n weeks, n times four weeks, n months
(the same day of the month, or the month's last day when it is shorter) or n years."""

from __future__ import annotations

import datetime as dt
from calendar import monthrange
from collections.abc import Iterator

#: Days between two dates of each frequency, for the ones that are a fixed number of days.
FIXED_DAYS = {"weekly": 7, "four_weekly": 28}
#: The shortest gap between two dates of each frequency.
SHORTEST_GAP_DAYS = {"weekly": 7, "four_weekly": 28, "monthly": 28, "yearly": 365}


def _add_months(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    return dt.date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def nth(first: dt.date, frequency: str, n: int) -> dt.date:
    if frequency in FIXED_DAYS:
        return first + dt.timedelta(days=FIXED_DAYS[frequency] * n)
    if frequency == "monthly":
        return _add_months(first, n)
    if frequency == "yearly":
        return _add_months(first, 12 * n)
    raise ValueError(f"Unknown frequency {frequency!r}")


def dates_between(first: dt.date, frequency: str, start: dt.date, end: dt.date,
                  until: dt.date | None = None) -> Iterator[dt.date]:
    """The schedule's dates from ``start`` to ``end`` (both included), none after ``until``."""
    if frequency in FIXED_DAYS and start > first:
        n = (start - first).days // FIXED_DAYS[frequency]
    elif frequency == "monthly" and start > first:
        n = max(0, (start.year - first.year) * 12 + start.month - first.month - 1)
    elif frequency == "yearly" and start > first:
        n = max(0, start.year - first.year - 1)
    else:
        n = 0
    while True:
        day = nth(first, frequency, n)
        if day > end or (until is not None and day > until):
            return
        if day >= start:
            yield day
        n += 1


def next_on_or_after(first: dt.date, frequency: str, day: dt.date, until: dt.date | None = None) -> dt.date | None:
    return next(dates_between(first, frequency, day, dt.date.max - dt.timedelta(days=400), until), None)
