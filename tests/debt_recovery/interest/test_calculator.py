"""Statutory late payment interest, worked by hand against the rule on GOV.UK."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from debt_recovery.interest.calculator import (
    COMPENSATION_HIGH,
    COMPENSATION_LOW,
    COMPENSATION_MID,
    LatePaymentRates,
    compensation_code,
    late_payment_interest,
    reference_date,
)

RATES = LatePaymentRates(base_rate=Decimal("4.75"), uplift=Decimal("8"), compensation=Decimal("70.00"))


def test_a_debt_paid_late_carries_simple_daily_interest_and_the_fixed_sum():
    # £2,400 due 31 March 2025, paid 15 June 2025: late from 1 April, 76 days. Reference rate: base rate
    # on 31 December 2024 (4.75%), so 12.75% a year. 2400 x 0.1275 x 76 / 365 = 63.7150... -> £63.72.
    working = late_payment_interest(debt=Decimal("2400.00"), due_date=dt.date(2025, 3, 31),
                                    until=dt.date(2025, 6, 15), rates=RATES)
    assert working.interest_from == dt.date(2025, 4, 1)
    assert working.days_late == 76
    assert working.reference_date == dt.date(2024, 12, 31)
    assert working.yearly_rate == Decimal("12.75")
    assert working.interest == Decimal("63.72")
    assert working.daily_interest == Decimal("0.8384")
    assert working.compensation == Decimal("70.00") and working.compensation_code == COMPENSATION_MID
    assert working.total == Decimal("133.72")
    assert any("76 days" in line for line in working.lines)
    assert any("31 December 2024" in line for line in working.lines)


def test_interest_is_rounded_once_not_day_by_day():
    # £100 at 12% for 3 days: 100 x 0.12 x 3 / 365 = 0.0986 -> £0.10, where three daily roundings of
    # 0.0329 (£0.03 each) would give £0.09.
    working = late_payment_interest(debt=Decimal("100.00"), due_date=dt.date(2025, 9, 1), until=dt.date(2025, 9, 4),
                                    rates=LatePaymentRates(Decimal("4"), Decimal("8"), Decimal("40.00")))
    assert working.interest == Decimal("0.10")


@pytest.mark.parametrize(("late_from", "reference"), [
    (dt.date(2025, 1, 1), dt.date(2024, 12, 31)),
    (dt.date(2025, 6, 30), dt.date(2024, 12, 31)),
    (dt.date(2025, 7, 1), dt.date(2025, 6, 30)),
    (dt.date(2025, 12, 31), dt.date(2025, 6, 30)),
])
def test_the_reference_rate_is_fixed_on_the_30_june_or_31_december_before(late_from, reference):
    assert reference_date(late_from) == reference


@pytest.mark.parametrize(("debt", "code"), [
    ("0.01", COMPENSATION_LOW), ("999.99", COMPENSATION_LOW), ("1000.00", COMPENSATION_MID),
    ("9999.99", COMPENSATION_MID), ("10000.00", COMPENSATION_HIGH), ("250000.00", COMPENSATION_HIGH),
])
def test_the_fixed_compensation_follows_the_size_of_the_debt(debt, code):
    assert compensation_code(Decimal(debt)) == code


@pytest.mark.parametrize("days", [0, -5])
def test_nothing_is_owed_on_or_before_the_due_date(days):
    due = dt.date(2025, 5, 1)
    working = late_payment_interest(debt=Decimal("500.00"), due_date=due, until=due + dt.timedelta(days=days),
                                    rates=None)
    assert (working.interest, working.compensation, working.total, working.days_late) == (0, 0, 0, 0)
    assert "Not late" in working.lines[0]


def test_a_debt_of_nothing_is_refused():
    with pytest.raises(ValueError):
        late_payment_interest(debt=Decimal("0"), due_date=dt.date(2025, 1, 1), until=dt.date(2025, 2, 1), rates=RATES)
