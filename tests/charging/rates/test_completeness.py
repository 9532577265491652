"""Every national figure the calculator can ask for has a rate in force on every day from 2023/24 to
the end of the current year, and the uplift page warns a team leader, weeks ahead, of next April's
figures not yet entered.

The completeness test reads the table as the migrations seed it (charging/fixtures/rates.json): a gap
fails the build here instead of refusing an officer's assessment.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from charging.assessments.calculator import NATIONAL_RATE_CODES
from charging.rates.codes import RATE_CODES
from charging.rates.known_gaps import NOT_YET_SOURCED
from charging.rates.selectors import (
    UPRATED_EACH_APRIL,
    next_april_gaps,
    next_uprating_day,
    rates_in_force,
    uprating_day,
)
from charging.services import rate_add
from people.selectors import today

pytestmark = pytest.mark.django_db

FIRST_YEAR = 2023


def charging_years() -> list[int]:
    """2023/24 to the current year (a year starts on its uprating day)."""
    now = today()
    last = now.year if now >= uprating_day(now.year) else now.year - 1
    return list(range(FIRST_YEAR, last + 1))


def test_the_uprating_days_are_the_first_monday_from_6_april():
    assert [uprating_day(y) for y in (2023, 2024, 2025, 2026, 2027)] == [
        dt.date(2023, 4, 10), dt.date(2024, 4, 8), dt.date(2025, 4, 7), dt.date(2026, 4, 6), dt.date(2027, 4, 12)]


def test_every_code_the_calculator_asks_for_is_a_known_rate():
    assert set(NATIONAL_RATE_CODES) <= set(RATE_CODES)
    assert set(UPRATED_EACH_APRIL) <= set(NATIONAL_RATE_CODES)


def national_gaps() -> dict[int, set[str]]:
    """Charging year -> the national codes with no figure in force on some day of that year."""
    gaps: dict[int, set[str]] = {}
    for year in charging_years():
        day, end = uprating_day(year), uprating_day(year + 1)
        while day < end:
            values = rates_in_force(day).values
            for code in NATIONAL_RATE_CODES:
                if code not in values:
                    gaps.setdefault(year, set()).add(code)
            day += dt.timedelta(days=7)  # every week: a figure ends or starts on a day, caught within 7
    return gaps


def test_every_national_figure_is_in_force_every_day_from_2023_24():
    """No gap but those reported as not yet sourced (charging/rates/known_gaps.py)."""
    gaps = national_gaps()
    unexpected = {year: sorted(codes - NOT_YET_SOURCED.get(year, frozenset())) for year, codes in gaps.items()}
    assert {year: codes for year, codes in unexpected.items() if codes} == {}, f"No figure in force: {unexpected}"


def test_a_figure_entered_is_taken_off_the_not_yet_sourced_register():
    gaps = national_gaps()
    filled = {year: sorted(codes - gaps.get(year, set())) for year, codes in NOT_YET_SOURCED.items()
              if year in charging_years()}
    assert {year: codes for year, codes in filled.items() if codes} == {}, (
        f"These figures are now in the rates table: remove them from charging/rates/known_gaps.py: {filled}")


def test_figures_that_change_each_april_have_one_for_every_year():
    stale = {}
    for year in charging_years():
        values = rates_in_force(uprating_day(year)).values
        old = [code for code in UPRATED_EACH_APRIL if code in values and values[code].effective_from.year < year]
        if old:
            stale[year] = old
    assert stale == {}, f"Last year's figure still in force: {stale}"


# --- the uplift page's warning -------------------------------------------------------------------------

def test_no_warning_when_april_is_further_off_than_sixteen_weeks():
    assert next_april_gaps(dt.date(2026, 12, 1)) is None  # 2027's figures start 12 April 2027: 19 weeks


def test_a_warning_lists_the_figures_not_entered_for_next_april():
    on = dt.date(2027, 2, 1)  # ten weeks before 12 April 2027
    assert next_uprating_day(on) == dt.date(2027, 4, 12)
    gaps = next_april_gaps(on)
    assert gaps is not None and gaps["day"] == dt.date(2027, 4, 12)
    assert "PEA" in {rate["code"] for rate in gaps["stale"]} | {rate["code"] for rate in gaps["missing"]}


def test_the_warning_goes_once_every_figure_is_entered(charging_leader):
    on = dt.date(2027, 2, 1)
    day = next_uprating_day(on)
    in_force = rates_in_force(day).values
    for code in NATIONAL_RATE_CODES:
        current = in_force.get(code)
        if current is None or (code in UPRATED_EACH_APRIL and current.effective_from < day):
            rate_add(acting_user=charging_leader, code=code, amount=str(current.amount if current else "1.00"),
                     effective_from=day, source="Test: the new year's figure", reason="Test")
    assert next_april_gaps(on) is None


def test_the_uplift_page_warns_a_team_leader(client_as, charging_leader, monkeypatch):
    monkeypatch.setattr("charging.uplift.views.today", lambda: dt.date(2027, 2, 1))
    page = client_as(charging_leader).get(reverse("charging:uplifts")).content.decode()
    assert 'data-testid="april-gaps"' in page
    assert "From 12 April 2027" in page
    monkeypatch.setattr("charging.uplift.views.today", lambda: dt.date(2026, 12, 1))
    page = client_as(charging_leader).get(reverse("charging:uplifts")).content.decode()
    assert 'data-testid="april-gaps"' not in page
