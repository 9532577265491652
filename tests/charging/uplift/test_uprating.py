"""The April uprating of a person's income, line by line (pure: plain figures, no database).

Every expected amount is worked by hand here from the published figures (DWP rates 2025/26 and
2026/27, the 3.8% CPI increase), never by calling the code under test."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from charging.assessments.calculator import CoupleInfo, IncomeItem, IncomeKind, Rates, RateValue
from charging.uplift.uprating import (
    BY_CPI,
    BY_FULL_RATE_PERCENTAGE,
    BY_RATE,
    BY_STATED_PERCENTAGE,
    CARRIED_OVER,
    TO_CHECK,
    MissingUprating,
    StatedPercentage,
    uprate_income,
    uprate_line,
)
from tests.charging.helpers import resident

D = Decimal
LAST_YEAR, THIS_YEAR = dt.date(2025, 4, 7), dt.date(2026, 4, 6)
OLD = {"SP_NEW_FULL": "230.25", "SP_BASIC_FULL": "176.45", "PC_GUARANTEE_SINGLE": "227.10",
       "AA_HIGHER": "110.40", "AA_LOWER": "73.90", "PIP_DAILY_LIVING_ENHANCED": "110.40",
       "PIP_MOBILITY_STANDARD": "29.20", "CARERS_ALLOWANCE": "83.30", "UPRATING_CPI": "1.7"}
NEW = {"SP_NEW_FULL": "241.30", "SP_BASIC_FULL": "184.90", "PC_GUARANTEE_SINGLE": "238.00",
       "AA_HIGHER": "114.60", "AA_LOWER": "76.70", "PIP_DAILY_LIVING_ENHANCED": "114.60",
       "PIP_MOBILITY_STANDARD": "30.30", "CARERS_ALLOWANCE": "86.45", "UPRATING_CPI": "3.8"}


def _rates(on, amounts, start) -> Rates:
    return Rates(on=on, values={code: RateValue(code, D(value), start, f"{code} {start.year} (test)")
                                for code, value in amounts.items()})


def old_rates(**changes) -> Rates:
    return _rates(THIS_YEAR - dt.timedelta(days=1), {**OLD, **changes}, LAST_YEAR)


def new_rates(*, without=(), **changes) -> Rates:
    amounts = {**NEW, **changes}
    rates = {code: RateValue(code, D(value), THIS_YEAR, f"{code} 2026/27 (test)") for code, value in amounts.items()}
    for code in without:  # no 2026/27 row: last year's is still the one in force
        rates[code] = RateValue(code, D(OLD[code]), LAST_YEAR, "last year's")
    return Rates(on=THIS_YEAR, values=rates)


def line(kind, weekly, stated=None, **kwargs):
    return uprate_line(IncomeItem(kind, D(weekly)), old=old_rates(), new=new_rates(), stated=stated, **kwargs)


@pytest.mark.parametrize(("kind", "old", "new"), [
    (IncomeKind.NEW_STATE_PENSION, "230.25", "241.30"),
    (IncomeKind.BASIC_STATE_PENSION, "176.45", "184.90"),
    (IncomeKind.STATE_PENSION, "230.25", "241.30"),  # stored before the kinds were told apart
    (IncomeKind.STATE_PENSION, "176.45", "184.90"),
    (IncomeKind.PENSION_CREDIT_GUARANTEE, "227.10", "238.00"),
    (IncomeKind.AA_HIGHER, "110.40", "114.60"),
    (IncomeKind.DLA_CARE_MIDDLE, "73.90", "76.70"),
    (IncomeKind.PIP_DAILY_LIVING_ENHANCED, "110.40", "114.60"),
    (IncomeKind.PIP_MOBILITY_STANDARD, "29.20", "30.30"),
    (IncomeKind.CARERS_ALLOWANCE, "83.30", "86.45"),
])
def test_last_years_rate_goes_to_this_years_rate(kind, old, new):
    result = line(kind, old)
    assert (result.method, result.old, result.new) == (BY_RATE, D(old), D(new))
    assert f"£{old} was the 2025/26 rate" in result.explanation and f"the 2026/27 rate is £{new}" in result.explanation


def test_a_new_state_pension_below_the_full_rate_rises_by_the_full_rates_percentage():
    # DWP: the full rate's rise (£230.25 to £241.30) applied to the amount in payment, to the penny.
    # £200.00 x 241.30 / 230.25 = £209.5982..., so £209.60.
    result = line(IncomeKind.NEW_STATE_PENSION, "200.00")
    assert (result.method, result.new) == (BY_FULL_RATE_PERCENTAGE, D("209.60"))
    assert "£230.25 to £241.30, 4.799%" in result.explanation and "nearest penny" in result.explanation
    # A basic State Pension at the Category B rate: £110.75 x 184.90 / 176.45 = £116.0536..., so £116.05.
    assert line(IncomeKind.BASIC_STATE_PENSION, "110.75").new == D("116.05")


def test_additional_state_pension_rises_by_cpi_to_the_nearest_penny():
    # £12.34 x 1.038 = £12.80892, so £12.81; £50.00 x 1.038 = £51.90.
    assert (line(IncomeKind.ADDITIONAL_STATE_PENSION, "12.34").new, line(IncomeKind.ADDITIONAL_STATE_PENSION,
                                                                         "50.00").new) == (D("12.81"), D("51.90"))
    assert line(IncomeKind.ADDITIONAL_STATE_PENSION, "12.34").method == BY_CPI


def test_other_income_rises_by_the_stated_percentage():
    stated = StatedPercentage(D("2.5"), "the scheme's own increase")
    # £142.75 x 1.025 = £146.31875, so £146.32.
    result = line(IncomeKind.OCCUPATIONAL_PENSION, "142.75", stated)
    assert (result.method, result.new) == (BY_STATED_PERCENTAGE, D("146.32"))
    assert "2.5%" in result.explanation and "the scheme's own increase" in result.explanation
    assert line(IncomeKind.PRIVATE_PENSION, "38.60", stated).new == D("39.57")  # 38.60 x 1.025 = 39.565


def test_other_income_without_a_percentage_is_carried_over_to_check():
    result = line(IncomeKind.OCCUPATIONAL_PENSION, "142.75")
    assert (result.method, result.new, result.to_check) == (TO_CHECK, D("142.75"), True)
    assert "no percentage was given" in result.explanation


@pytest.mark.parametrize(("kind", "weekly", "why"), [
    (IncomeKind.PENSION_CREDIT_GUARANTEE, "18.40", "means-tested"),
    (IncomeKind.ESA, "138.20", "award"),
    (IncomeKind.AA_HIGHER, "100.00", "is not last year's rate"),
    (IncomeKind.STATE_PENSION, "125.65", "kind of State Pension was not recorded"),
])
def test_means_tested_and_unexpected_amounts_are_carried_over_to_check(kind, weekly, why):
    result = line(kind, weekly)
    assert (result.method, result.new) == (TO_CHECK, D(weekly)) and why in result.explanation


def test_disregarded_income_is_carried_over_without_a_check():
    result = line(IncomeKind.EARNINGS, "50.00")
    assert (result.method, result.new, result.to_check) == (CARRIED_OVER, D("50.00"), False)


def test_a_new_figure_not_yet_in_the_table_refuses_the_uprating_naming_it():
    inputs = resident(income=(IncomeItem(IncomeKind.NEW_STATE_PENSION, D("230.25")),
                              IncomeItem(IncomeKind.AA_LOWER, D("73.90"))))
    with pytest.raises(MissingUprating) as raised:
        uprate_income(inputs, old=old_rates(), new=new_rates(without=("SP_NEW_FULL", "AA_LOWER")))
    assert raised.value.codes == ("SP_NEW_FULL", "AA_LOWER")
    assert "New State Pension, full rate, a week (SP_NEW_FULL)" in raised.value.message


def test_the_inputs_carry_each_lines_explanation_and_a_partners_income_is_uprated_too():
    inputs = resident(income=(IncomeItem(IncomeKind.NEW_STATE_PENSION, D("230.25")),
                              IncomeItem(IncomeKind.OCCUPATIONAL_PENSION, D("64.10"), "Teachers' Pension")),
                      couple=CoupleInfo(partner_income=(IncomeItem(IncomeKind.BASIC_STATE_PENSION, D("176.45")),)))
    uprated = uprate_income(inputs, old=old_rates(), new=new_rates())
    assert [(i.kind, i.weekly) for i in uprated.inputs.income] == [
        (IncomeKind.NEW_STATE_PENSION, D("241.30")), (IncomeKind.OCCUPATIONAL_PENSION, D("64.10"))]
    assert uprated.inputs.income[0].uprating.startswith("£230.25 was the 2025/26 rate")
    assert uprated.inputs.couple.partner_income[0].weekly == D("184.90")
    assert [(line.owner, line.method) for line in uprated.lines] == [("", BY_RATE), ("", TO_CHECK),
                                                                      ("Partner", BY_RATE)]
    assert len(uprated.to_check) == 1
    # The stored form keeps the explanation; inputs without one look as they always did.
    data = uprated.inputs.to_dict()
    assert data["income"][0]["uprating"] and "uprating" not in inputs.to_dict()["income"][0]
