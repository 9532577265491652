"""The working reads as the facts are: a full-cost result never says the income is below the
allowances, and from day 85 the working says the 12-week property disregard has ended."""

from __future__ import annotations

import datetime as dt

from charging.assessments.calculator import CapitalItem, CapitalKind, PropertyDisregardFacts, assess
from tests.charging.helpers import D, person, rates, resident

ADMITTED = dt.date(2024, 4, 1)


def labels(result) -> list[str]:
    return [line.label for line in result.lines]


def test_full_cost_does_not_say_the_income_is_below_the_allowances():
    # No income at all, capital above the upper limit: the full cost, and nothing about allowances.
    result = assess(person(capital=(CapitalItem("Savings", D("30000.00")),)), rates())
    assert result.full_cost
    assert "Income is below the allowances" not in labels(result)
    assert "Full cost of care" in labels(result)


def test_below_the_allowances_is_still_said_when_assessed():
    result = assess(person(), rates())
    assert not result.full_cost
    assert "Income is below the allowances" in labels(result)


def _home_line(on, facts):
    inp = resident(assessment_date=on, capital=(CapitalItem("Home", D("200000.00"), kind=CapitalKind.MAIN_HOME),),
                   property_disregard=facts)
    return assess(inp, rates(on)).lines_in("capital")[0]


def test_from_day_85_the_working_says_the_disregard_has_ended():
    line = _home_line(ADMITTED + dt.timedelta(days=84), PropertyDisregardFacts(admission_date=ADMITTED))
    assert line.amount == D("200000.00")
    assert line.rule.startswith("The 12-week property disregard ended on 23 June 2024")


def test_on_day_84_the_disregard_still_applies():
    line = _home_line(ADMITTED + dt.timedelta(days=83), PropertyDisregardFacts(admission_date=ADMITTED))
    assert line.amount == D("0.00")
    assert "ended" not in line.rule
    assert line.rule.startswith("12-week property disregard: 84 days")


def test_a_disregard_used_up_before_re_entry_is_said():
    facts = PropertyDisregardFacts(admission_date=ADMITTED, previous_disregard_days_used=84,
                                   previous_disregard_ended=ADMITTED - dt.timedelta(days=10))
    line = _home_line(ADMITTED, facts)
    assert "was used up before this admission" in line.rule


def test_before_the_admission_nothing_is_said_of_the_disregard():
    line = _home_line(ADMITTED - dt.timedelta(days=1), PropertyDisregardFacts(admission_date=ADMITTED))
    assert "12-week" not in line.rule
