"""Council policy in the calculator: each choice changes the figure it should, as a line of its own
("Council policy: ..."), and the result keeps the policy used. Plain values: no database."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from charging.assessments.calculator import (
    AssessmentResult,
    MissingRate,
    CapitalItem,
    CoupleInfo,
    Expense,
    IncomeItem,
    IncomeKind,
    assess,
)
from charging.policy.terms import AMOUNT, NATIONAL_MINIMUM, PERCENT, CouncilPolicy, MigUplift
from tests.charging.helpers import D, person, rates, resident

SOURCE = "Test council charging policy"
PIP = {"PIP_DAILY_LIVING_ENHANCED": "108.55", "PIP_DAILY_LIVING_STANDARD": "72.65"}


def policy(**choices) -> CouncilPolicy:
    return CouncilPolicy(effective_from=dt.date(2024, 4, 8), source=SOURCE, **choices)


def policy_lines(result):
    return [line for line in result.lines if line.label.startswith("Council policy: ")]


def income(kind, weekly):
    return IncomeItem(kind, D(weekly))


def test_the_national_minimum_changes_nothing():
    inp = person(income=(income(IncomeKind.ESA, "300.00"),))
    assert assess(inp, rates(), NATIONAL_MINIMUM).weekly_charge == assess(inp, rates()).weekly_charge
    assert policy_lines(assess(inp, rates(), NATIONAL_MINIMUM)) == []


def test_a_local_mig_uplift_by_percentage_and_by_amount():
    inp = person(income=(income(IncomeKind.ESA, "300.00"),))  # MIG 25 to PCA: £110.60
    base = assess(inp, rates()).weekly_charge
    by_percent = assess(inp, rates(), policy(mig_uplifts={"MIG_SINGLE_25_TO_PCA": MigUplift(PERCENT, D("10"))}))
    assert by_percent.weekly_charge == base - D("11.06")
    [line] = policy_lines(by_percent)
    assert line.label == "Council policy: local Minimum Income Guarantee uplift" and line.amount == D("-11.06")
    assert "10% of £110.60" in line.rule and SOURCE in line.rule
    by_amount = assess(inp, rates(), policy(mig_uplifts={"MIG_SINGLE_25_TO_PCA": MigUplift(AMOUNT, D("5.00"))}))
    assert by_amount.weekly_charge == base - D("5.00")
    other_band = assess(inp, rates(), policy(mig_uplifts={"MIG_SINGLE_PCA": MigUplift(AMOUNT, D("5.00"))}))
    assert other_band.weekly_charge == base  # only the person's own band


def test_a_flat_dre_and_itemised_where_higher():
    low = person(income=(income(IncomeKind.ESA, "300.00"),), dre_items=(Expense("Laundry", D("5.00")),))
    high = person(income=(income(IncomeKind.ESA, "300.00"),), dre_items=(Expense("Laundry", D("30.00")),))
    flat = policy(dre_flat=D("20.00"))
    assert assess(low, rates(), flat).disability_related_expenditure == D("20.00")
    assert assess(high, rates(), flat).disability_related_expenditure == D("30.00")
    assert "Council policy: flat rate disability related expenditure" in [l.label for l in assess(low, rates(), flat).lines]
    flat_only = policy(dre_flat=D("20.00"), dre_itemised_if_higher=False)
    assert assess(high, rates(), flat_only).disability_related_expenditure == D("20.00")


def test_a_minimum_charge():
    inp = person(income=(income(IncomeKind.ESA, "115.60"),))  # £5.00 over the MIG
    result = assess(inp, rates(), policy(minimum_charge=D("10.00")))
    assert result.weekly_charge == D("0.00") and result.minimum_charge_applied
    assert policy_lines(result)[0].label == "Council policy: below the minimum weekly charge"
    assert assess(inp, rates(), policy(minimum_charge=D("5.00"))).weekly_charge == D("5.00")


def test_a_share_of_assessable_income():
    inp = person(income=(income(IncomeKind.ESA, "210.60"),))  # £100.00 assessable
    result = assess(inp, rates(), policy(charge_percent=D("90")))
    assert result.weekly_charge == D("90.00")
    [line] = policy_lines(result)
    assert line.label == "Council policy: 90% of assessable income is charged" and line.amount == D("-10.00")


def test_the_night_care_part_of_enhanced_pip():
    inp = person(income=(income(IncomeKind.ESA, "110.60"), income(IncomeKind.PIP_DAILY_LIVING_ENHANCED, "108.55")))
    national = assess(inp, rates(**PIP))
    local = assess(inp, rates(**PIP), policy(pip_night_care_disregard=True))
    assert national.weekly_charge - local.weekly_charge == D("35.90")  # 108.55 - 72.65
    assert policy_lines(local)[0].amount == D("-35.90")
    with_night_care = person(income=inp.income, night_care_provided=True)
    assert assess(with_night_care, rates(**PIP), policy(pip_night_care_disregard=True)).weekly_charge == \
        national.weekly_charge


def test_the_couples_affordability_check():
    """Reading's check: the person's MIG plus the partner's income less their housing share, against the
    couple's personal allowance for DWP benefits (working age: the Income Support couple rate)."""
    couple = CoupleInfo(partner_income=(income(IncomeKind.ESA, "60.00"),), partner_housing_share=D("10.00"))
    inp = person(income=(income(IncomeKind.ESA, "200.00"),), couple=couple)  # couple 18+ MIG £86.90 each
    allowance = {"IS_PERSONAL_ALLOWANCE_COUPLE": "142.25"}  # test-only figure
    result = assess(inp, rates(**allowance), policy(couples_affordability_check=True))
    # £86.90 + (£60.00 - £10.00) is £5.35 short of the couple's £142.25: the MIG is raised by that
    assert assess(inp, rates(**allowance)).weekly_charge - result.weekly_charge == D("5.35")
    line = policy_lines(result)[0]
    assert line.label == "Council policy: couples affordability check" and line.amount == D("-5.35")
    assert "IS_PERSONAL_ALLOWANCE_COUPLE" in result.rates_used
    # No figure for the couple's allowance: the assessment is refused naming it, never guessed.
    with pytest.raises(MissingRate, match="IS_PERSONAL_ALLOWANCE_COUPLE"):
        assess(inp, rates(), policy(couples_affordability_check=True))
    # At pension credit age the Pension Credit couple guarantee is the allowance.
    older = dataclasses.replace(inp, date_of_birth=dt.date(1950, 1, 1), pension_credit_age=True)
    assert "PC_GUARANTEE_COUPLE" in assess(older, rates(PC_GUARANTEE_COUPLE="332.95"),
                                           policy(couples_affordability_check=True)).rates_used


def test_capital_limits_for_care_at_home():
    inp = person(capital=(CapitalItem("Savings", D("30000.00")),), income=(income(IncomeKind.ESA, "200.00"),))
    assert assess(inp, rates()).full_cost
    result = assess(inp, rates(), policy(non_residential_ucl=D("40000.00"), non_residential_lcl=D("20000.00")))
    assert not result.full_cost
    assert result.tariff_income == D("40.00")  # £10,000 over £20,000 at £1 per £250
    assert [l.label for l in policy_lines(result)] == ["Council policy: upper capital limit for care at home",
                                                       "Council policy: lower capital limit for care at home"]
    care_home = resident(capital=(CapitalItem("Savings", D("30000.00")),))
    assert assess(care_home, rates(), policy(non_residential_ucl=D("40000.00"))).full_cost  # at home only


def test_light_touch():
    inp = person(income=(income(IncomeKind.NEW_STATE_PENSION, "221.20"),), date_of_birth=dt.date(1950, 1, 1),
                 pension_credit_age=True)  # £221.20 less MIG £228.70: nothing anyway
    earning = person(income=(income(IncomeKind.ESA, "150.00"), income(IncomeKind.EARNINGS, "1.00")))
    benefits = person(income=(income(IncomeKind.ESA, "150.00"),))
    light = policy(light_touch_income_limit=D("200.00"))
    assert assess(benefits, rates()).weekly_charge == D("39.40")
    result = assess(benefits, rates(), light)
    assert result.weekly_charge == D("0.00")
    assert policy_lines(result)[0].label == "Council policy: light-touch assessment, no charge"
    assert assess(earning, rates(), light).weekly_charge > 0  # earnings: a full assessment
    assert policy_lines(assess(inp, rates(), light)) == []


def test_the_result_keeps_the_policy_used():
    chosen = policy(minimum_charge=D("10.00"), mig_uplifts={"MIG_SINGLE_PCA": MigUplift(PERCENT, D("5"))})
    result = assess(person(income=(income(IncomeKind.ESA, "300.00"),)), rates(), chosen)
    data = result.to_dict()
    assert data["policy_used"]["minimum_charge"] == "10.00" and data["policy_used"]["source"] == SOURCE
    assert CouncilPolicy.from_dict(data["policy_used"]) == chosen
    assert AssessmentResult.from_dict(data) == result


def test_a_flat_dre_only_with_a_disability_benefit():
    only_with_benefit = policy(dre_flat=D("10.85"), dre_flat_needs_disability_benefit=True)
    esa_only = person(income=(income(IncomeKind.ESA, "300.00"),))
    with_aa = person(income=(income(IncomeKind.ESA, "300.00"), income(IncomeKind.AA_LOWER, "72.65")))
    assert assess(esa_only, rates(), only_with_benefit).disability_related_expenditure == D("0.00")
    assert assess(with_aa, rates(), only_with_benefit).disability_related_expenditure == D("10.85")
    assert assess(esa_only, rates(), policy(dre_flat=D("10.85"))).disability_related_expenditure == D("10.85")
