"""The charging calculator: every rule, the published examples (examples.md), and the working."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from charging.assessments.calculator import (
    AssessmentResult,
    CapitalItem,
    CapitalKind,
    CoupleInfo,
    Expense,
    IncomeItem,
    IncomeKind,
    InvalidAssessment,
    MandatoryDisregard,
    MissingRate,
    Premiums,
    PropertyDisregardFacts,
    Rates,
    Setting,
    assess,
    twelve_week_disregard_applies,
)
from tests.charging.helpers import ASSESSED_ON, D, person, rates, resident


def savings(amount, **kwargs):
    return CapitalItem("Savings account", D(amount), **kwargs)


def home(amount="200000.00", **kwargs):
    return CapitalItem("Home", D(amount), kind=CapitalKind.MAIN_HOME, **kwargs)


def income(kind, weekly, description=""):
    return IncomeItem(kind, D(weekly), description)


# --- published examples -------------------------------------------------------------------------

@pytest.mark.parametrize("capital, tariff", [
    ("18450.00", "17.00"),  # Care Aware: 16.8 slices -> 17
    ("15250.00", "4.00"),   # exactly 4 slices
    ("16999.00", "11.00"),  # charging.md: "£16,999 gives £11, not £10"
])
def test_published_tariff_examples(capital, tariff):
    result = assess(resident(capital=(savings(capital),)), rates())
    assert result.tariff_income == D(tariff)


def test_lambeth_residential_2024_25():
    """Age 71, capital £15,250, pensions £130, other benefits £40, PEA £30.15: £143.85 a week."""
    inp = resident(
        date_of_birth=dt.date(1953, 3, 1),
        capital=(savings("15250.00"),),
        income=(income(IncomeKind.STATE_PENSION, "130.00", "pensions"),
                income(IncomeKind.OTHER, "40.00", "other benefits")),
    )
    result = assess(inp, rates())
    assert result.tariff_income == D("4.00")
    assert result.assessed_income == D("174.00")
    assert result.allowances == D("30.15")
    assert result.weekly_charge == D("143.85")
    assert result.council_share == D("900.00") - D("143.85")


DEVON_2023 = dict(
    MIG_SINGLE_25_TO_PCA="103.65",
    # Devon gives only the total MIG (£171.75); this split of the premiums is the test's assumption.
    MIG_DISABILITY_PREMIUM_SINGLE="46.40", MIG_ENHANCED_DISABILITY_PREMIUM_SINGLE="21.70",
)


def devon_peter(cost="454.00"):
    return person(
        assessment_date=dt.date(2023, 6, 1), date_of_birth=dt.date(1986, 1, 1), weekly_cost_of_care=D(cost),
        income=(income(IncomeKind.ESA, "225.45"), income(IncomeKind.PIP_DAILY_LIVING_ENHANCED, "101.75"),
                income(IncomeKind.PIP_MOBILITY_STANDARD, "26.90")),
        housing_costs=(Expense("Top-up rent", D("10.00")), Expense("Council tax", D("6.00")),
                       Expense("Contents insurance", D("1.27"))),
        dre_items=(Expense("Cleaner", D("20.00")), Expense("Mobile phone", D("2.31")),
                   Expense("Broadband", D("5.77"))),
        premiums=Premiums(disability=True, enhanced_disability=True),
    )


def test_devon_peter_non_residential_2023_24():
    result = assess(devon_peter(), rates(dt.date(2023, 6, 1), **DEVON_2023))
    assert result.gross_income == D("354.10")
    assert result.income_disregarded == D("26.90")
    assert result.housing_costs == D("17.27")
    assert result.disability_related_expenditure == D("28.08")
    assert result.allowances == D("171.75")
    assert result.weekly_charge == D("110.10")
    assert not result.capped_at_cost


def test_devon_peter_when_care_costs_only_100():
    result = assess(devon_peter("100.00"), rates(dt.date(2023, 6, 1), **DEVON_2023))
    assert result.charge_before_cap == D("110.10")
    assert result.weekly_charge == D("100.00")
    assert result.capped_at_cost
    assert result.council_share == D("0.00")


# --- capital ------------------------------------------------------------------------------------

@pytest.mark.parametrize("capital, tariff", [
    ("0.00", "0.00"), ("14250.00", "0.00"), ("14250.01", "1.00"), ("14500.00", "1.00"),
    ("14500.01", "2.00"), ("23250.00", "36.00"),
])
def test_tariff_boundaries(capital, tariff):
    assert assess(resident(capital=(savings(capital),)), rates()).tariff_income == D(tariff)


def test_exactly_the_upper_limit_is_still_assessed():
    result = assess(resident(capital=(savings("23250.00"),)), rates())
    assert not result.full_cost
    assert result.tariff_income == D("36.00")


def test_a_penny_above_the_upper_limit_pays_the_full_cost():
    result = assess(resident(capital=(savings("23250.01"),)), rates())
    assert result.full_cost
    assert result.weekly_charge == D("900.00")
    assert result.council_share == D("0.00")


def test_full_cost_applies_at_home_too():
    result = assess(person(capital=(savings("30000.00"),)), rates())
    assert result.full_cost and result.weekly_charge == D("500.00")


def test_joint_capital_is_shared_equally():
    result = assess(resident(capital=(savings("30000.00", joint_owners=2),)), rates())
    assert result.total_capital == D("15000.00")
    assert result.tariff_income == D("3.00")
    assert "1/2 share of £30,000.00" in result.lines_in("capital")[0].label


def test_joint_capital_between_three_rounds_to_the_penny():
    result = assess(resident(capital=(savings("100.00", joint_owners=3),)), rates())
    assert result.total_capital == D("33.33")


def test_main_home_always_disregarded_at_home():
    result = assess(person(capital=(home(), savings("1000.00"))), rates())
    assert result.total_capital == D("1000.00")
    assert result.capital_disregarded == D("200000.00")
    assert "PQ 83486" in result.lines_in("capital")[0].rule


def test_main_home_counts_in_a_care_home_without_a_disregard():
    result = assess(resident(capital=(home(),)), rates())
    assert result.full_cost


@pytest.mark.parametrize("reason", list(MandatoryDisregard))
def test_mandatory_property_disregards(reason):
    inp = resident(capital=(home(),), property_disregard=PropertyDisregardFacts(mandatory_reason=reason))
    result = assess(inp, rates())
    assert result.total_capital == D("0.00")
    assert not result.full_cost
    assert "Sch 2 para 4" in result.lines_in("capital")[0].rule


ADMITTED = dt.date(2024, 4, 1)


@pytest.mark.parametrize("on, disregarded", [
    (ADMITTED, True),
    (ADMITTED + dt.timedelta(days=83), True),   # day 84, the last of 12 weeks
    (ADMITTED + dt.timedelta(days=84), False),  # day 85
    (ADMITTED - dt.timedelta(days=1), False),   # before the admission
])
def test_twelve_week_property_disregard(on, disregarded):
    inp = resident(assessment_date=on, capital=(home(),),
                   property_disregard=PropertyDisregardFacts(admission_date=ADMITTED))
    result = assess(inp, rates(on))
    assert result.full_cost is not disregarded


def test_re_entry_within_52_weeks_gets_only_the_unused_balance():
    facts = PropertyDisregardFacts(admission_date=ADMITTED, previous_disregard_days_used=30,
                                   previous_disregard_ended=ADMITTED - dt.timedelta(days=100))
    applies, available, last_day = twelve_week_disregard_applies(facts, ADMITTED + dt.timedelta(days=53))
    assert (applies, available, last_day) == (True, 54, ADMITTED + dt.timedelta(days=53))
    assert twelve_week_disregard_applies(facts, ADMITTED + dt.timedelta(days=54))[0] is False
    inp = resident(assessment_date=ADMITTED + dt.timedelta(days=10), capital=(home(),), property_disregard=facts)
    assert "unused balance" in assess(inp, rates(inp.assessment_date)).lines_in("capital")[0].rule


def test_re_entry_after_52_weeks_gets_the_full_twelve_weeks():
    facts = PropertyDisregardFacts(admission_date=ADMITTED, previous_disregard_days_used=80,
                                   previous_disregard_ended=ADMITTED - dt.timedelta(days=365))
    assert twelve_week_disregard_applies(facts, ADMITTED + dt.timedelta(days=83)) == (
        True, 84, ADMITTED + dt.timedelta(days=83))


def test_re_entry_with_the_disregard_used_up_gets_none():
    facts = PropertyDisregardFacts(admission_date=ADMITTED, previous_disregard_days_used=84,
                                   previous_disregard_ended=ADMITTED - dt.timedelta(days=10))
    assert twelve_week_disregard_applies(facts, ADMITTED)[0] is False


def test_other_property_counts_in_both_settings():
    item = CapitalItem("Flat let out", D("50000.00"), kind=CapitalKind.OTHER_PROPERTY)
    assert assess(person(capital=(item,)), rates()).full_cost
    assert assess(resident(capital=(item,)), rates()).full_cost


def test_capital_disregarded_by_the_officer_needs_a_reason():
    item = CapitalItem("Personal injury trust", D("50000.00"), disregarded=True)
    with pytest.raises(InvalidAssessment):
        assess(person(capital=(item,)), rates())
    item = CapitalItem("Personal injury trust", D("50000.00"), disregarded=True, disregard_reason="Sch 2 para 16")
    assert assess(person(capital=(item,)), rates()).total_capital == D("0.00")


def test_notional_capital_counts_with_its_reason():
    inp = resident(capital=(savings("10000.00"),), notional_capital=D("6000.00"),
                   notional_capital_reason="Gift of £6,000 to a grandson after the care assessment")
    result = assess(inp, rates())
    assert result.total_capital == D("16000.00")
    assert result.tariff_income == D("7.00")
    assert any("Gift of £6,000" in line.rule for line in result.lines_in("capital"))


def test_notional_capital_without_a_reason_is_refused():
    with pytest.raises(InvalidAssessment, match="reason"):
        assess(resident(notional_capital=D("6000.00")), rates())


# --- income -------------------------------------------------------------------------------------

def _charge(inp, **kw):
    return assess(inp, rates(**kw)).weekly_charge


@pytest.mark.parametrize("kind", [
    IncomeKind.EARNINGS, IncomeKind.PIP_MOBILITY_STANDARD, IncomeKind.PIP_MOBILITY_ENHANCED,
    IncomeKind.DLA_MOBILITY_LOW, IncomeKind.DLA_MOBILITY_HIGH, IncomeKind.HOUSING_BENEFIT,
    IncomeKind.COUNCIL_TAX_REDUCTION, IncomeKind.CHILD_BENEFIT,
])
@pytest.mark.parametrize("make", [person, resident])
def test_fully_disregarded_income(kind, make):
    base = (income(IncomeKind.STATE_PENSION, "300.00"),)
    assert _charge(make(income=base + (income(kind, "75.00"),))) == _charge(make(income=base))


def test_war_widows_pension_first_ten_pounds_disregarded():
    result = assess(resident(income=(income(IncomeKind.WAR_WIDOWS_PENSION, "25.00"),)), rates())
    assert result.income_disregarded == D("10.00")
    small = assess(resident(income=(income(IncomeKind.WAR_WIDOWS_PENSION, "6.00"),)), rates())
    assert small.income_disregarded == D("6.00")


@pytest.mark.parametrize("kind", [IncomeKind.AA_HIGHER, IncomeKind.DLA_CARE_HIGH])
def test_night_care_part_disregarded_at_home_without_night_care(kind):
    base = (income(IncomeKind.STATE_PENSION, "300.00"), income(kind, "108.55"))
    without = assess(person(income=base), rates())
    assert without.income_disregarded == D("35.90")  # 108.55 - 72.65
    assert "AA_HIGHER" in without.rates_used and "AA_LOWER" in without.rates_used
    with_night_care = assess(person(income=base, night_care_provided=True), rates())
    assert with_night_care.income_disregarded == D("0.00")
    in_care_home = assess(resident(income=base), rates())
    assert in_care_home.income_disregarded == D("0.00")


def test_lower_rate_attendance_allowance_counts_in_full():
    result = assess(person(income=(income(IncomeKind.AA_LOWER, "72.65"),)), rates())
    assert result.income_disregarded == D("0.00")


def test_savings_credit_disregard_in_a_care_home():
    inp = resident(income=(income(IncomeKind.SAVINGS_CREDIT, "15.00"),))
    assert assess(inp, rates()).income_disregarded == D("6.95")
    couple = resident(income=(income(IncomeKind.SAVINGS_CREDIT, "15.00"),), couple=CoupleInfo())
    assert assess(couple, rates()).income_disregarded == D("10.40")
    small = resident(income=(income(IncomeKind.SAVINGS_CREDIT, "3.00"),))
    assert assess(small, rates()).income_disregarded == D("3.00")
    at_home = person(income=(income(IncomeKind.SAVINGS_CREDIT, "15.00"),))
    assert assess(at_home, rates()).income_disregarded == D("0.00")


def test_half_an_occupational_pension_passes_to_a_partner_at_home():
    inp = resident(income=(income(IncomeKind.OCCUPATIONAL_PENSION, "100.01"),), pension_half_to_partner=True)
    assert assess(inp, rates()).income_disregarded == D("50.01")  # half of 100.01, rounded half up


def test_other_disregarded_income_needs_its_reason():
    with pytest.raises(InvalidAssessment):
        assess(person(income=(income(IncomeKind.OTHER_DISREGARDED, "5.00"),)), rates())


# --- allowances ---------------------------------------------------------------------------------

@pytest.mark.parametrize("born, pca, couple, mig", [
    (dt.date(2004, 1, 1), False, False, "87.65"),    # 20
    (dt.date(1999, 6, 3), False, False, "110.60"),   # 25 today
    (dt.date(1999, 6, 4), False, False, "87.65"),    # 25 tomorrow
    (dt.date(1950, 1, 1), True, False, "228.70"),
    (dt.date(1950, 1, 1), True, True, "174.60"),
    (dt.date(1990, 1, 1), False, True, "86.90"),
])
def test_minimum_income_guarantee_by_age_and_couple(born, pca, couple, mig):
    inp = person(date_of_birth=born, pension_credit_age=pca, couple=CoupleInfo() if couple else None)
    assert assess(inp, rates()).allowances == D(mig)


def test_premiums_and_children_add_to_the_guarantee():
    inp = person(premiums=Premiums(disability=True, enhanced_disability=True, carer=True, dependent_children=2))
    result = assess(inp, rates())
    assert result.allowances == D("110.60") + D("48.80") + D("23.85") + D("52.35") + 2 * D("101.25")


def test_couple_premiums_use_the_couple_rates():
    inp = person(premiums=Premiums(disability=True), couple=CoupleInfo())
    assert assess(inp, rates()).allowances == D("86.90") + D("34.65")


def test_under_18_cannot_be_assessed():
    with pytest.raises(InvalidAssessment):
        assess(person(date_of_birth=dt.date(2010, 1, 1)), rates())


def test_flat_rate_dre_or_more_on_evidence():
    base = dict(income=(income(IncomeKind.ESA, "300.00"),), dre_flat_rate=True)
    assert assess(person(**base), rates()).disability_related_expenditure == D("10.85")
    evidenced = person(dre_items=(Expense("Extra heating", D("15.00")),), **base)
    assert assess(evidenced, rates()).disability_related_expenditure == D("15.00")


def test_housing_costs_and_dre_are_deducted():
    inp = person(income=(income(IncomeKind.ESA, "300.00"),),
                 housing_costs=(Expense("Rent (net)", D("20.00")),), dre_items=(Expense("Laundry", D("5.00")),))
    assert assess(inp, rates()).weekly_charge == D("300.00") - D("110.60") - D("20.00") - D("5.00")


def test_housing_costs_are_not_deducted_in_a_care_home():
    inp = resident(income=(income(IncomeKind.STATE_PENSION, "200.00"),),
                   housing_costs=(Expense("Rent", D("50.00")),))
    assert assess(inp, rates()).weekly_charge == D("169.85")


# --- the charge ---------------------------------------------------------------------------------

def test_charge_is_never_negative():
    result = assess(person(income=(income(IncomeKind.ESA, "50.00"),)), rates())
    assert result.weekly_charge == D("0.00")
    assert result.council_share == D("500.00")


def test_minimum_charge_threshold_zeroes_a_small_charge():
    inp = person(income=(income(IncomeKind.ESA, "111.60"),))
    assert _charge(inp) == D("1.00")
    result = assess(inp, rates(MIN_CHARGE="1.25"))
    assert result.weekly_charge == D("0.00") and result.minimum_charge_applied
    assert _charge(person(income=(income(IncomeKind.ESA, "111.85"),)), MIN_CHARGE="1.25") == D("1.25")


def test_joint_assessment_used_when_more_favourable():
    couple = CoupleInfo(partner_pension_credit_age=True, partner_date_of_birth=dt.date(1950, 1, 1),
                        partner_income=(income(IncomeKind.STATE_PENSION, "50.00"),), compare_joint=True)
    inp = person(date_of_birth=dt.date(1950, 1, 1), pension_credit_age=True,
                 income=(income(IncomeKind.STATE_PENSION, "300.00"),), couple=couple)
    result = assess(inp, rates())
    # individual: 300 - 174.60 = 125.40; joint: 350 - 2 x 174.60 = 0.80
    assert result.basis == "joint"
    assert result.weekly_charge == D("0.80")
    assert result.compared_with.basis == "individual"
    assert result.compared_with.weekly_charge == D("125.40")


def test_individual_assessment_kept_when_joint_is_worse():
    couple = CoupleInfo(partner_pension_credit_age=True, partner_income=(income(IncomeKind.OTHER, "500.00"),),
                        compare_joint=True)
    inp = person(date_of_birth=dt.date(1950, 1, 1), pension_credit_age=True,
                 income=(income(IncomeKind.STATE_PENSION, "200.00"),), couple=couple)
    result = assess(inp, rates())
    assert result.basis == "individual"
    assert result.weekly_charge == D("25.40")


# --- rates and the working ----------------------------------------------------------------------

def test_missing_rate_is_named():
    on = dt.date(2026, 4, 6)
    with pytest.raises(MissingRate) as caught:
        assess(person(assessment_date=on, premiums=Premiums(carer=True)), rates(on, without=("MIG_CARER_PREMIUM",)))
    assert str(caught.value) == "No rate in force on 6 April 2026 for: Carer premium (MIG_CARER_PREMIUM)"
    assert caught.value.code == "missing_rate"


def test_every_missing_rate_of_a_group_is_named():
    with pytest.raises(MissingRate) as caught:
        assess(person(), rates(without=("UCL", "LCL")))
    assert "Upper capital limit (UCL); Lower capital limit (LCL)" in str(caught.value)


def test_without_a_minimum_charge_rate_nothing_is_zeroed():
    assert _charge(person(income=(income(IncomeKind.ESA, "110.61"),))) == D("0.01")


def test_result_round_trips_through_json_unchanged():
    result = assess(devon_peter(), rates(dt.date(2023, 6, 1), **DEVON_2023))
    data = json.loads(json.dumps(result.to_dict()))
    again = AssessmentResult.from_dict(data)
    assert again == result
    assert data["weekly_charge"] == "110.10"
    assert data["rates_used"]["MIG_SINGLE_25_TO_PCA"]["source"] == "charging.md (test)"


def test_rates_round_trip():
    table = rates()
    assert Rates.from_dict(json.loads(json.dumps(table.to_dict()))) == table


def test_every_line_has_money_and_the_charge_line_matches():
    result = assess(devon_peter(), rates(dt.date(2023, 6, 1), **DEVON_2023))
    assert all(line.amount == line.amount.quantize(D("0.01")) for line in result.lines)
    charge_line = next(line for line in result.lines if line.label == "Weekly charge")
    assert charge_line.amount == result.weekly_charge
    assert set(result.rates_used) >= {"UCL", "LCL", "TARIFF_STEP", "MIG_SINGLE_25_TO_PCA"}


def test_floats_are_refused():
    with pytest.raises(InvalidAssessment):
        assess(person(weekly_cost_of_care=500.0), rates())


def test_setting_values():
    assert Setting("residential") is Setting.RESIDENTIAL
    assert ASSESSED_ON.year == 2024
