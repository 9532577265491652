"""When regular income and bills fall due."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from deputyship.schedule.periods import dates_between, nth


def test_monthly_keeps_the_day_or_takes_the_month_end():
    first = dt.date(2026, 1, 31)
    assert [nth(first, "monthly", n) for n in range(4)] == [
        dt.date(2026, 1, 31), dt.date(2026, 2, 28), dt.date(2026, 3, 31), dt.date(2026, 4, 30)]


def test_four_weekly_and_yearly():
    first = dt.date(2026, 11, 2)
    assert nth(first, "four_weekly", 2) == dt.date(2026, 12, 28)
    assert nth(dt.date(2024, 2, 29), "yearly", 1) == dt.date(2025, 2, 28)


def test_dates_between_stops_at_the_end_and_at_until():
    first = dt.date(2026, 11, 2)
    assert list(dates_between(first, "weekly", dt.date(2026, 11, 10), dt.date(2026, 11, 30))) == [
        dt.date(2026, 11, 16), dt.date(2026, 11, 23), dt.date(2026, 11, 30)]
    assert list(dates_between(first, "weekly", first, dt.date(2026, 11, 30), until=dt.date(2026, 11, 15))) == [
        dt.date(2026, 11, 2), dt.date(2026, 11, 9)]


@given(first=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 1, 1)),
       frequency=st.sampled_from(["weekly", "four_weekly", "monthly", "yearly"]),
       offset=st.integers(min_value=0, max_value=800), span=st.integers(min_value=0, max_value=400))
def test_dates_between_are_exactly_the_schedule_dates_in_the_range(first, frequency, offset, span):
    start = first + dt.timedelta(days=offset)
    end = start + dt.timedelta(days=span)
    every = [nth(first, frequency, n) for n in range(0, 1200)]
    assert list(dates_between(first, frequency, start, end)) == [d for d in every if start <= d <= end]
