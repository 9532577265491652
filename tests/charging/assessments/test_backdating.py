"""The backdating rule on its own (a pure function: no database, no clock)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from charging.assessments.backdating import backdating_for, monday_on_or_after, weeks_and_days
from charging.assessments.choices import BackdatingRule

D = Decimal
TUESDAY = dt.date(2026, 11, 24)


def timing(**overrides):
    fields = dict(new_charge=D("143.85"), previous_charge=None, previous_effective_from=None,
                  care_started=dt.date(2026, 8, 3), assessment_date=dt.date(2026, 8, 10),
                  approved_on=dt.date(2026, 11, 23))
    fields.update(overrides)
    return backdating_for(**fields)


def test_a_first_assessment_is_charged_from_the_start_of_care_with_the_weeks_on_the_first_invoice():
    result = timing()
    assert result.rule == BackdatingRule.FIRST
    assert result.effective_from == dt.date(2026, 8, 3)
    assert result.days == 112 and result.weeks == D("16")
    assert result.amount == D("2301.60")
    assert result.explanation == (
        "This charge applies from 3 August 2026, when your care started: 16 weeks before this letter. "
        "The charge for those weeks, £2,301.60, will be on your first invoice."
    )


def test_part_weeks_are_charged_by_the_day():
    result = timing(approved_on=dt.date(2026, 11, 26))  # 115 days
    assert result.amount == D("2363.25")  # 143.85 x 115 / 7 = 2363.2500
    assert result.weeks == D("16.4286")
    assert "16 weeks and 3 days before this letter" in result.explanation


def test_a_first_assessment_for_care_that_has_not_started_is_not_backdated():
    result = timing(care_started=dt.date(2026, 12, 7))
    assert result.effective_from == dt.date(2026, 12, 7)
    assert result.amount is None and result.weeks is None
    assert result.explanation == "This charge applies from 7 December 2026, when your care starts."


def test_a_nil_first_charge_says_there_is_nothing_to_pay():
    result = timing(new_charge=D("0.00"))
    assert result.amount == D("0.00")
    assert "there is nothing to pay for those weeks" in result.explanation


def test_a_lower_charge_is_backdated_to_the_change_and_the_difference_credited():
    result = timing(new_charge=D("100.00"), previous_charge=D("143.85"), previous_effective_from=dt.date(2026, 8, 3),
                    assessment_date=dt.date(2026, 10, 5))
    assert result.rule == BackdatingRule.DECREASE
    assert result.effective_from == dt.date(2026, 10, 5)
    assert result.amount == D("306.95")  # 43.85 x 7 weeks
    assert result.explanation == (
        "Your new charge applies from 5 October 2026, when your circumstances changed: 7 weeks before this "
        "letter. For those weeks you have been charged £306.95 more than your new charge. We will take this off "
        "your next invoice, or refund it if there is nothing left to pay."
    )


def test_a_lower_charge_never_starts_before_the_assessment_it_replaces():
    result = timing(new_charge=D("100.00"), previous_charge=D("143.85"), previous_effective_from=dt.date(2026, 9, 7),
                    assessment_date=dt.date(2026, 8, 20))
    assert result.effective_from == dt.date(2026, 9, 7)
    assert "when your previous assessment took effect" in result.explanation


@pytest.mark.parametrize("approved_on, monday", [
    (dt.date(2026, 11, 23), dt.date(2026, 11, 23)),  # a Monday: that Monday
    (TUESDAY, dt.date(2026, 11, 30)),
    (dt.date(2026, 11, 29), dt.date(2026, 11, 30)),  # a Sunday
])
def test_a_higher_charge_is_never_backdated(approved_on, monday):
    result = timing(new_charge=D("160.00"), previous_charge=D("143.85"), previous_effective_from=dt.date(2026, 8, 3),
                    assessment_date=dt.date(2026, 9, 1), approved_on=approved_on)
    assert result.rule == BackdatingRule.INCREASE
    assert result.effective_from == monday
    assert result.amount is None and result.weeks is None and result.days == 0
    assert f"Monday {monday.day} November 2026" in result.explanation
    assert "until then you pay your previous charge of £143.85 a week" in result.explanation


def test_the_same_charge_applies_from_the_change_with_nothing_to_settle():
    result = timing(previous_charge=D("143.85"), previous_effective_from=dt.date(2026, 8, 3),
                    assessment_date=dt.date(2026, 10, 5))
    assert result.rule == BackdatingRule.UNCHANGED
    assert result.effective_from == dt.date(2026, 10, 5)
    assert result.amount is None and result.weeks is None
    assert result.explanation.startswith("Your weekly charge has not changed.")


def test_helpers():
    assert monday_on_or_after(TUESDAY) == dt.date(2026, 11, 30)
    assert weeks_and_days(7) == "1 week" and weeks_and_days(9) == "1 week and 2 days"
    assert weeks_and_days(1) == "1 day" and weeks_and_days(0) == "0 days"
