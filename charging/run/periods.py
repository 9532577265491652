"""The charging calendar: four-weekly periods, charged in arrears.

Every period is 28 days, Monday to Sunday four weeks later. The calendar is anchored on Monday
6 April 2026 (period 1 of the 2026 charging year): period ``n`` (counted from the anchor, negative
before it) starts on ``ANCHOR + 28 n``. A charging year is 13 periods (364 days); the year's label is
the calendar year its first period starts in, so ``2026-P01`` is 6 April - 3 May 2026, ``2026-P13``
is 8 March - 4 April 2027 and ``2027-P01`` starts on Monday 5 April 2027.

Because 13 x 28 = 364 days, the start of the charging year moves a day earlier each year (two after a
29 February). That is the usual "4-4-5 / four-weekly" drift; the council re-anchors (a 14-period year)
when it chooses, by changing ``ANCHOR`` with a decision recorded in ``docs/decisions.md``.

Pure functions: no database, no clock.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

ANCHOR = dt.date(2026, 4, 6)  # a Monday
PERIOD_DAYS = 28
PERIODS_A_YEAR = 13

_LABEL = re.compile(r"^(\d{4})-P(\d{2})$")


@dataclass(frozen=True, order=True)
class Period:
    """One four-weekly charging period: ``index`` counts periods from the anchor."""

    index: int

    @property
    def start(self) -> dt.date:
        return ANCHOR + dt.timedelta(days=PERIOD_DAYS * self.index)

    @property
    def end(self) -> dt.date:
        """The last day of the period (inclusive)."""
        return self.start + dt.timedelta(days=PERIOD_DAYS - 1)

    @property
    def year(self) -> int:
        return (ANCHOR + dt.timedelta(days=PERIOD_DAYS * PERIODS_A_YEAR * (self.index // PERIODS_A_YEAR))).year

    @property
    def number(self) -> int:
        """1 to 13 within its charging year."""
        return self.index % PERIODS_A_YEAR + 1

    @property
    def label(self) -> str:
        """``2026-P08``: the period string a ``JobRun`` records and ledger keys carry."""
        return f"{self.year}-P{self.number:02d}"

    @property
    def days(self) -> list[dt.date]:
        return [self.start + dt.timedelta(days=i) for i in range(PERIOD_DAYS)]

    def describe(self) -> str:
        return f"{day_month(self.start)} to {day_month(self.end)} {self.end.year}"

    def next(self) -> Period:
        return Period(self.index + 1)

    def previous(self) -> Period:
        return Period(self.index - 1)

    def __str__(self) -> str:
        return self.label


def period_containing(day: dt.date) -> Period:
    return Period((day - ANCHOR).days // PERIOD_DAYS)


def period_from_label(label: str) -> Period:
    """The period a ``2026-P08`` label names; ``ValueError`` for anything else."""
    match = _LABEL.match(label or "")
    if not match or not 1 <= int(match.group(2)) <= PERIODS_A_YEAR:
        raise ValueError(f"{label!r} is not a charging period such as 2026-P08.")
    year, number = int(match.group(1)), int(match.group(2))
    # The charging year that starts in ``year``: years are counted from the anchor's.
    for year_index in range(year - ANCHOR.year - 1, year - ANCHOR.year + 2):
        period = Period(year_index * PERIODS_A_YEAR + number - 1)
        if period.year == year:
            return period
    raise ValueError(f"{label!r} is not a charging period.")  # pragma: no cover


def periods_between(first: dt.date, last: dt.date) -> list[Period]:
    """Every period containing a day from ``first`` to ``last`` (inclusive), oldest first."""
    if last < first:
        return []
    return [Period(i) for i in range(period_containing(first).index, period_containing(last).index + 1)]


def periods_ended_by(on: dt.date, *, since: dt.date) -> list[Period]:
    """The periods that have ended on or before ``on`` (their last day is ``on`` or earlier), from the
    one containing ``since``, oldest first."""
    last = period_containing(on)
    if last.end > on:
        last = last.previous()
    return [Period(i) for i in range(period_containing(since).index, last.index + 1)]


def day_month(day: dt.date) -> str:
    return f"{day.day} {day:%b}"
