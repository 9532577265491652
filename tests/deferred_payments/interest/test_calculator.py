"""The interest calculator against an independent calculation.

The reference below works in exact fractions (``fractions.Fraction``), day by day, with its own
calendar arithmetic (ordinal day numbers, its own leap-year rule) and its own rate lookup, and only
shares the written convention with the calculator (docs/deferred-payment-interest.md). The two must
agree to the penny for every convention across a change of rate.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deferred_payments.interest.calculator import (
    Convention,
    MissingRate,
    Movement,
    RatePeriod,
    accrue,
    equity_limit,
    limit_reached_week,
)

D = Decimal

# The national maximum rates (../shared/domain/deferred_payments.md; DP Regulations reg 9).
NATIONAL = [
    RatePeriod(dt.date(2023, 1, 1), dt.date(2023, 6, 30), D("3.18")),
    RatePeriod(dt.date(2023, 7, 1), dt.date(2023, 12, 31), D("3.43")),
    RatePeriod(dt.date(2024, 1, 1), dt.date(2024, 6, 30), D("4.65")),
    RatePeriod(dt.date(2024, 7, 1), dt.date(2024, 12, 31), D("4.05")),
    RatePeriod(dt.date(2025, 1, 1), dt.date(2025, 6, 30), D("4.25")),
]
CONVENTIONS = [Convention(c, b) for c in ("simple", "daily", "monthly", "six_monthly") for b in ("365", "actual")]


# --- the independent reference -------------------------------------------------------------------


def _leap(year: int) -> bool:
    return year % 400 == 0 or (year % 4 == 0 and year % 100 != 0)


def _half_rate(rates, ordinal: int) -> Fraction:
    for period in rates:
        if period.starts_on.toordinal() <= ordinal <= period.ends_on.toordinal():
            return Fraction(str(period.annual_rate)) / 100
    raise LookupError(ordinal)


def _penny(value: Fraction) -> Fraction:
    """Half up (away from zero) to the penny, exactly."""
    pence = value * 100
    sign = 1 if pence >= 0 else -1
    whole = (abs(pence) * 2 + 1) // 2
    return Fraction(sign * whole, 100)


def reference(*, opening, start, end, movements, rates, compounding, basis, opening_interest=D(0)):
    """(interest, closing) in exact fractions, day by day."""
    principal = Fraction(str(opening)) - Fraction(str(opening_interest))
    posted_interest = Fraction(str(opening_interest))
    by_day = {}
    for m in movements:
        by_day.setdefault(m.on.toordinal(), []).append(m)
    accrued_piece = Fraction(0)   # this piece's interest, unrounded
    uncompounded = Fraction(0)    # interest of the piece not yet bearing interest
    total_interest = Fraction(0)
    current_rate = None
    for ordinal in range(start.toordinal(), end.toordinal() + 1):
        day = dt.date.fromordinal(ordinal)
        rate = _half_rate(rates, ordinal)
        current_rate = rate
        for m in by_day.get(ordinal, []):
            if m.kind == "interest":
                posted_interest += Fraction(str(m.amount))
            else:
                principal += Fraction(str(m.amount))
        days_in_year = 366 if (basis == "actual" and _leap(day.year)) else 365
        if compounding == "simple":
            bearing = principal  # never interest on interest
        elif compounding == "daily":
            bearing = principal + posted_interest + accrued_piece
        elif compounding == "monthly":
            bearing = principal + posted_interest + (accrued_piece - uncompounded)
        else:
            bearing = principal + posted_interest
        today = max(bearing, Fraction(0)) * rate / days_in_year
        accrued_piece += today
        uncompounded += today
        tomorrow = dt.date.fromordinal(ordinal + 1)
        if compounding == "monthly" and tomorrow.day == 1:
            uncompounded = Fraction(0)
        piece_ends = (ordinal == end.toordinal() or (tomorrow.month, tomorrow.day) in ((1, 1), (7, 1))
                      or _half_rate_or_none(rates, ordinal + 1) != current_rate)
        if piece_ends:
            rounded = _penny(accrued_piece)
            total_interest += rounded
            posted_interest += rounded
            accrued_piece = Fraction(0)
            uncompounded = Fraction(0)
    closing = principal + posted_interest
    return _penny(total_interest), _penny(closing)


def _half_rate_or_none(rates, ordinal):
    try:
        return _half_rate(rates, ordinal)
    except LookupError:
        return None


def as_decimal(value: Fraction) -> Decimal:
    return D(value.numerator) / D(value.denominator)


def check(*, convention, **kwargs):
    result = accrue(convention=convention, **kwargs)
    interest, closing = reference(compounding=convention.compounding, basis=convention.day_basis, **kwargs)
    assert result.interest == as_decimal(interest).quantize(D("0.01")), convention
    assert result.closing == as_decimal(closing).quantize(D("0.01")), convention
    return result


# --- each convention across rate changes -------------------------------------------------------


@pytest.mark.parametrize("convention", CONVENTIONS, ids=lambda c: f"{c.compounding}-{c.day_basis}")
def test_each_convention_across_rate_changes_matches_the_reference(convention):
    movements = [Movement(dt.date(2023, 5, 1) + dt.timedelta(weeks=w), D("612.45"), "deferral") for w in range(80)]
    movements += [Movement(dt.date(2023, 5, 1), D("743.10"), "fee"), Movement(dt.date(2024, 5, 1), D("281.90"), "fee")]
    result = check(opening=D("10000.00"), start=dt.date(2023, 5, 1), end=dt.date(2025, 3, 31), movements=movements,
                   rates=NATIONAL, convention=convention)
    assert [p.annual_rate for p in result.periods] == [D("3.18"), D("3.43"), D("4.65"), D("4.05"), D("4.25")]
    assert result.periods[0].starts_on == dt.date(2023, 5, 1) and result.periods[0].days == 61
    assert result.periods[2].days == 182   # 2024 is a leap year: 1 Jan to 30 Jun, both included
    assert sum(p.interest for p in result.periods) == result.interest
    assert result.closing == D("10000.00") + D("612.45") * 80 + D("743.10") + D("281.90") + result.interest


def test_conventions_differ_in_the_expected_order():
    kwargs = dict(opening=D("100000.00"), start=dt.date(2023, 1, 1), end=dt.date(2024, 12, 31), movements=[],
                  rates=NATIONAL)
    simple, six, monthly, daily = (accrue(convention=Convention(c, "365"), **kwargs).interest
                                   for c in ("simple", "six_monthly", "monthly", "daily"))
    assert simple < six < monthly < daily


def test_hand_worked_simple_interest_one_period():
    # £10,000 for 1 Jan to 30 Jun 2024 (182 days) at 4.65%, days/365: 10000 * 0.0465 * 182 / 365 = 231.863...
    result = accrue(opening=D("10000"), start=dt.date(2024, 1, 1), end=dt.date(2024, 6, 30), movements=[],
                    rates=NATIONAL, convention=Convention("simple", "365"))
    assert result.interest == D("231.86")
    # actual: 2024 is a leap year, so /366: 10000 * 0.0465 * 182 / 366 = 231.229...
    actual = accrue(opening=D("10000"), start=dt.date(2024, 1, 1), end=dt.date(2024, 6, 30), movements=[],
                    rates=NATIONAL, convention=Convention("simple", "actual"))
    assert actual.interest == D("231.23")


def test_hand_worked_six_monthly_compounding_over_a_year():
    # 2023 H1: 10000 * .0318 * 181/365 = 157.69; H2 on 10157.69: * .0343 * 184/365 = 175.636.. -> 175.64
    result = accrue(opening=D("10000"), start=dt.date(2023, 1, 1), end=dt.date(2023, 12, 31), movements=[],
                    rates=NATIONAL, convention=Convention("six_monthly", "365"))
    assert [p.interest for p in result.periods] == [D("157.69"), D("175.64")]
    assert result.closing == D("10333.33")


def test_simple_interest_is_never_charged_on_interest():
    start, end = dt.date(2024, 7, 1), dt.date(2024, 12, 31)
    plain = accrue(opening=D("5000"), start=start, end=end, movements=[], rates=NATIONAL,
                   convention=Convention("simple", "365"))
    with_old_interest = accrue(opening=D("5500"), opening_interest=D("500"), start=start, end=end, movements=[],
                               rates=NATIONAL, convention=Convention("simple", "365"))
    assert with_old_interest.interest == plain.interest
    compound = accrue(opening=D("5500"), start=start, end=end, movements=[], rates=NATIONAL,
                      convention=Convention("six_monthly", "365"))
    assert compound.interest > plain.interest


def test_a_movement_bears_interest_from_its_own_day_and_the_end_day_is_included():
    one_day = accrue(opening=D("0"), start=dt.date(2024, 3, 1), end=dt.date(2024, 3, 1),
                     movements=[Movement(dt.date(2024, 3, 1), D("36500"), "deferral")], rates=NATIONAL,
                     convention=Convention("simple", "365"))
    # one day's interest: 36500 * 4.65% / 365 = 4.65
    assert one_day.interest == D("4.65") and one_day.periods[0].days == 1


def test_payments_reduce_the_balance_bearing_interest():
    kw = dict(opening=D("20000"), start=dt.date(2024, 7, 1), end=dt.date(2024, 12, 31), rates=NATIONAL)
    for convention in CONVENTIONS:
        paid = check(movements=[Movement(dt.date(2024, 9, 1), D("-15000"), "payment")], convention=convention, **kw)
        unpaid = accrue(movements=[], convention=convention, **kw)
        assert paid.interest < unpaid.interest
        assert paid.payments == D("-15000.00")


def test_a_day_without_a_rate_is_refused_naming_the_day():
    with pytest.raises(MissingRate) as raised:
        accrue(opening=D("1000"), start=dt.date(2025, 6, 1), end=dt.date(2025, 7, 31), movements=[],
               rates=NATIONAL, convention=Convention("daily", "365"))
    assert raised.value.day == dt.date(2025, 7, 1)
    assert "1 July 2025" in str(raised.value)


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="before the start"):
        accrue(opening=D("1"), start=dt.date(2024, 2, 1), end=dt.date(2024, 1, 1), movements=[], rates=NATIONAL,
               convention=Convention("daily", "365"))
    with pytest.raises(ValueError, match="outside"):
        accrue(opening=D("1"), start=dt.date(2024, 2, 1), end=dt.date(2024, 3, 1),
               movements=[Movement(dt.date(2024, 3, 2), D("1"), "deferral")], rates=NATIONAL,
               convention=Convention("daily", "365"))
    with pytest.raises(ValueError, match="compounding"):
        Convention("quarterly", "365")
    with pytest.raises(ValueError, match="negative"):
        Movement(dt.date(2024, 1, 1), D("5"), "payment")


def test_a_fixed_rate_is_split_at_each_half_year_so_it_matches_posting_period_by_period():
    fixed = [RatePeriod(dt.date(2000, 1, 1), dt.date(2099, 12, 31), D("2.5"))]
    for convention in CONVENTIONS:
        whole = check(opening=D("50000"), start=dt.date(2023, 3, 15), end=dt.date(2024, 8, 10), movements=[],
                      rates=fixed, convention=convention)
        assert len(whole.periods) == 4
        # the same, posting each period in turn
        balance, interest_so_far = D("50000"), D("0")
        for period in whole.periods:
            part = accrue(opening=balance, opening_interest=interest_so_far, start=period.starts_on,
                          end=period.ends_on, movements=[], rates=fixed, convention=convention)
            balance, interest_so_far = part.closing, interest_so_far + part.interest
        assert balance == whole.closing


@settings(max_examples=40, deadline=None)
@given(
    opening=st.decimals(min_value=0, max_value=500000, places=2),
    weekly=st.decimals(min_value=0, max_value=2000, places=2),
    start_offset=st.integers(min_value=0, max_value=700),
    length=st.integers(min_value=0, max_value=200),
    convention=st.sampled_from(CONVENTIONS),
)
def test_any_balance_and_period_matches_the_reference(opening, weekly, start_offset, length, convention):
    start = dt.date(2023, 1, 1) + dt.timedelta(days=start_offset)
    end = min(start + dt.timedelta(days=length), dt.date(2025, 6, 30))
    movements = [Movement(start + dt.timedelta(weeks=w), weekly, "deferral")
                 for w in range(((end - start).days // 7) + 1)]
    result = check(opening=opening, start=start, end=end, movements=movements, rates=NATIONAL, convention=convention)
    assert result.interest >= 0
    assert result.closing >= opening


# --- the equity limit ----------------------------------------------------------------------------


def test_equity_limit_domain_example():
    # £200,000 less 10% less the lower capital limit £14,250 -> £165,750 (../shared/domain/deferred_payments.md)
    result = equity_limit(value=D("200000"), share_percent=D("100"), percent_of_value=D("90"),
                          lower_capital_limit=D("14250"))
    assert result.limit == D("165750.00")
    assert result.lines[-1] == "Equity limit: £165,750.00"


def test_equity_limit_half_share():
    result = equity_limit(value=D("200000"), share_percent=D("50"), percent_of_value=D("90"),
                          lower_capital_limit=D("14250"))
    assert result.share_value == D("100000.00") and result.limit == D("75750.00")


@pytest.mark.parametrize("value", [D("0"), D("10000"), D("15833.33")])
def test_equity_limit_is_nothing_when_the_value_is_below_the_lower_limit(value):
    result = equity_limit(value=value, share_percent=D("100"), percent_of_value=D("90"),
                          lower_capital_limit=D("14250"))
    assert result.limit == D("0.00")
    assert "nothing can be deferred" in result.lines[-1]


@settings(max_examples=100, deadline=None)
@given(value=st.decimals(min_value=0, max_value=5_000_000, places=2),
       share=st.decimals(min_value=D("0.01"), max_value=100, places=2),
       percent=st.decimals(min_value=0, max_value=100, places=2))
def test_equity_limit_never_negative_and_never_more_than_the_share(value, share, percent):
    result = equity_limit(value=value, share_percent=share, percent_of_value=percent, lower_capital_limit=D("14250"))
    assert D(0) <= result.limit <= result.share_value


@pytest.mark.parametrize("share", [D("0"), D("100.01"), D("-5")])
def test_equity_limit_refuses_a_share_outside_0_to_100(share):
    with pytest.raises(ValueError, match="share"):
        equity_limit(value=D("1"), share_percent=share, percent_of_value=D("90"), lower_capital_limit=D("0"))


# --- the week the limit is reached -------------------------------------------------------------


def test_limit_week_without_interest_is_the_arithmetic_week():
    zero = [RatePeriod(dt.date(2024, 1, 1), dt.date(2030, 12, 31), D("0"))]
    result = limit_reached_week(opening=D("0"), start=dt.date(2024, 1, 1), weekly_amount=D("1000"),
                                equity_limit=D("10000"), rates=zero, convention=Convention("daily", "365"))
    assert result.week == 10 and result.week_starts_on == dt.date(2024, 3, 4)


def test_interest_counting_brings_the_limit_forward():
    rates = [RatePeriod(dt.date(2024, 1, 1), dt.date(2060, 12, 31), D("5"))]
    kw = dict(opening=D("100000"), start=dt.date(2024, 1, 1), weekly_amount=D("500"), equity_limit=D("150000"),
              rates=rates, convention=Convention("daily", "365"))
    with_interest = limit_reached_week(interest_counts=True, **kw)
    without = limit_reached_week(interest_counts=False, **kw)
    assert without.week == 100   # 100,000 + 100 * 500
    assert with_interest.week < without.week


def test_limit_week_stops_where_rates_run_out():
    result = limit_reached_week(opening=D("0"), start=dt.date(2025, 1, 1), weekly_amount=D("10"),
                                equity_limit=D("1000000"), rates=NATIONAL, convention=Convention("daily", "365"))
    assert result.week is None and "No rate from 1 Jul 2025" in result.lines[-1]
