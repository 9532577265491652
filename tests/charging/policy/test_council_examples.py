"""Councils' own published worked examples, reproduced to the penny once that council's policy is
configured. Each cites the page it comes from; the figures are the council's, never made up.

Knowsley's national figures come from the calculator tests' 2024/25 table (tests/charging/helpers.py);
the other councils' from the rates table as it is seeded (charging/fixtures), so each example also checks
the seeded figures it relies on. The council's policy is configured as its page says; where the example
needs no local choice the policy is the national rules, with the council's page as its source.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

from charging.assessments.calculator import (
    CapitalItem,
    CoupleInfo,
    Expense,
    IncomeItem,
    IncomeKind,
    Premiums,
    Rates,
    assess,
)
from charging.policy.terms import AMOUNT, CouncilPolicy, MigUplift
from tests.charging.helpers import D, person, rates, resident

PIP_2024 = {"PIP_DAILY_LIVING_ENHANCED": "108.55", "PIP_DAILY_LIVING_STANDARD": "72.65"}  # DWP 2024/25

KNOWSLEY_URL = ("https://knowsley.gov.uk/adult-social-care/paying-adult-social-care/"
                "examples-financial-assessments-care-provided-your-home")
#: Knowsley disregards the night-care part of enhanced PIP daily living where no night care is given,
#: as for higher-rate Attendance Allowance (its example 1: "'No night care element' = £35.90").
KNOWSLEY = CouncilPolicy(effective_from=dt.date(2024, 4, 8), source=f"Knowsley Council, {KNOWSLEY_URL}",
                         pip_night_care_disregard=True)


def test_knowsley_example_1_client_a_aged_22():
    """Client A, 22, supported accommodation, care costing £391.95 a week, no savings. Universal Credit
    £167.96, PIP daily living enhanced £108.55, PIP mobility enhanced £75.75; DRE laundry and bedding
    £6.42, clothing and footwear £6.18; disregarded: no night care element £35.90 and PIP mobility
    £75.75; MIG £160.30. Assessed weekly contribution £67.71."""
    inp = person(
        assessment_date=dt.date(2024, 6, 3), date_of_birth=dt.date(2002, 1, 1), weekly_cost_of_care=D("391.95"),
        income=(IncomeItem(IncomeKind.UNIVERSAL_CREDIT, D("167.96")),
                IncomeItem(IncomeKind.PIP_DAILY_LIVING_ENHANCED, D("108.55")),
                IncomeItem(IncomeKind.PIP_MOBILITY_ENHANCED, D("75.75"))),
        dre_items=(Expense("Laundry and bedding allowance", D("6.42")),
                   Expense("Clothing and footwear allowance", D("6.18"))),
        premiums=Premiums(disability=True, enhanced_disability=True),
    )
    result = assess(inp, rates(**PIP_2024), KNOWSLEY)
    assert result.gross_income == D("352.26")
    assert result.income_disregarded == D("111.65")
    assert result.disability_related_expenditure == D("12.60")
    assert result.allowances == D("160.30")
    assert result.weekly_charge == D("67.71")
    night = next(line for line in result.lines if line.label.startswith("Council policy: "))
    assert night.amount == D("-35.90") and KNOWSLEY_URL in night.rule
    # Without Knowsley's policy the national rules alone charge the night-care part too.
    assert assess(inp, rates(**PIP_2024)).weekly_charge == D("103.61")


KNOWSLEY_CARE_HOME_URL = ("https://knowsley.gov.uk/adult-social-care/paying-adult-social-care/"
                          "examples-financial-assessments-care-provided-residential")


def test_knowsley_care_home_example_1_client_c():
    """Client C, 90, in a residential care home costing £685.37 a week: "£17,050.91 in savings. This
    equals £2800.91 more than the lower limit of £14,250. [...] Tariff income is rounded up, therefore;
    Client C has £12.00 in tariff income"; "State Retirement Pension: £227.55, Savings Pension Credit:
    £7.25, Total = £234.80"; "Standard allowance awarded: £30.15"; "Disregarded income - Savings Pension
    Credit: £6.95"; "Assessed weekly contribution = £209.70". """
    client_c = resident(
        assessment_date=dt.date(2024, 6, 3), date_of_birth=dt.date(1934, 1, 1), weekly_cost_of_care=D("685.37"),
        capital=(CapitalItem("Savings", D("17050.91")),),
        income=(IncomeItem(IncomeKind.STATE_PENSION, D("227.55")), IncomeItem(IncomeKind.SAVINGS_CREDIT, D("7.25"))),
    )
    result = assess(client_c, seeded_rates(dt.date(2024, 6, 3)),
                    CouncilPolicy(effective_from=dt.date(2024, 4, 8), source=KNOWSLEY_CARE_HOME_URL))
    assert result.tariff_income == D("12.00")
    assert result.gross_income == D("234.80")
    assert result.income_disregarded == D("6.95")
    assert result.allowances == D("30.15")
    assert result.weekly_charge == D("209.70")


# --- The national figures as the rates table is seeded ---------------------------------------------

FIXTURES = Path(__file__).resolve().parents[3] / "charging" / "fixtures"


def seeded_rates(on: dt.date, **extra: str) -> Rates:
    """The national figures in force on ``on`` exactly as the seed migrations load them
    (charging/fixtures/rates.json and benefit_rates.json), plus any figure the example itself gives."""
    amounts: dict[str, str] = {}
    for name in ("rates.json", "benefit_rates.json"):
        for row in json.loads((FIXTURES / name).read_text()):
            start = dt.date.fromisoformat(row["effective_from"])
            end = dt.date.fromisoformat(row["effective_to"]) if row["effective_to"] else None
            if start <= on and (end is None or on <= end):
                amounts[row["code"]] = row["value"]  # rows are in date order: the latest in force wins
    return Rates.from_amounts(on, {**amounts, **extra}, source="charging/fixtures")


def national_only(url: str, on: dt.date) -> CouncilPolicy:
    """A council whose example needs no local choice: its policy is the national rules, from its page."""
    return CouncilPolicy(effective_from=on, source=url)


# --- Royal Borough of Kingston upon Thames (2023/24 figures) -------------------------------------

KINGSTON_HOME_URL = "https://kingston.gov.uk/paying-social-care/support-pay-care-home/3"
KINGSTON_CARE_HOME_URL = "https://www.kingston.gov.uk/paying-social-care/paying-care-home/3"
IN_2023 = dt.date(2023, 6, 5)


def test_kingston_example_1_joan_at_home_pays_nothing():
    """Kingston, "Examples of what people pay for care and support", Example 1: "Joan is 85. She needs
    home care for 10 hours each week. [...] Her care and support costs are £180.10 every week. [...]
    £203.85 state pension, £101.75 higher rate of attendance allowance. Joan's total weekly income is
    £305.60. [...] £214.35 minimum income guarantee (MIG), £100 household bills, £5 disability-related
    costs. Joan's total weekly living costs are £319.35. [...] She will not have to pay for her care at
    all." The page does not say whether night care is given: with it (all of the Attendance Allowance
    counted, as the page counts it) or without, the charge is nil."""
    joan = person(
        assessment_date=IN_2023, date_of_birth=dt.date(1938, 3, 1), pension_credit_age=True,
        weekly_cost_of_care=D("180.10"), night_care_provided=True,
        income=(IncomeItem(IncomeKind.STATE_PENSION, D("203.85")), IncomeItem(IncomeKind.AA_HIGHER, D("101.75"))),
        housing_costs=(Expense("Household bills", D("100.00")),),
        dre_items=(Expense("Disability-related costs", D("5.00")),),
    )
    policy = national_only(KINGSTON_HOME_URL, IN_2023)
    result = assess(joan, seeded_rates(IN_2023), policy)
    assert result.gross_income == D("305.60")
    assert result.assessed_income == D("305.60")
    assert result.allowances == D("214.35")
    assert result.allowances + result.housing_costs + result.disability_related_expenditure == D("319.35")
    assert result.weekly_charge == D("0.00") and result.council_share == D("180.10")
    without_night_care = dataclasses.replace(joan, night_care_provided=False)
    assert assess(without_night_care, seeded_rates(IN_2023), policy).weekly_charge == D("0.00")


def test_kingston_care_home_example_1_arthur():
    """Kingston, "Examples of what people pay for care homes", Example 1: "Arthur is 77 [...] does have
    around £17,000 in savings. [...] His care home fees cost £1,025 each week. [...] his contribution
    towards his care home bill is £237.75 each week. He also gets a personal expenses allowance of
    £28.25 per week. [...] £175 state pension, £80 private pension, £11 of tariff income from his
    savings (he has £2,750 above the lower threshold amount of £14,250 [...]). His total income each
    week is £266." """
    arthur = resident(
        assessment_date=IN_2023, date_of_birth=dt.date(1946, 1, 10), weekly_cost_of_care=D("1025.00"),
        capital=(CapitalItem("Savings", D("17000.00")),),
        income=(IncomeItem(IncomeKind.STATE_PENSION, D("175.00")), IncomeItem(IncomeKind.PRIVATE_PENSION, D("80.00"))),
    )
    result = assess(arthur, seeded_rates(IN_2023), national_only(KINGSTON_CARE_HOME_URL, IN_2023))
    assert result.tariff_income == D("11.00")
    assert result.assessed_income == D("266.00")
    assert result.allowances == D("28.25")
    assert result.weekly_charge == D("237.75")


# --- Leeds City Council (2024/25 figures) ---------------------------------------------------------

LEEDS_HOME_URL = ("https://leeds.gov.uk/adult-social-care/how-to-get-adult-social-care-and-support/help-to-pay-"
                  "for-care/help-paying-for-care-and-support/examples-how-much-people-pay-for-care-and-support")
LEEDS_CARE_HOME_URL = ("https://leeds.gov.uk/adult-social-care/how-to-get-adult-social-care-and-support/help-to-"
                       "pay-for-care/help-paying-for-care-homes/examples-how-much-people-pay-for-care-homes")
IN_2024 = dt.date(2024, 6, 3)


def test_leeds_example_1_mary_at_home_pays_nothing():
    """Leeds, "Examples: how much people pay", Example 1: "Mary is 85. [...] Mary's total care and support
    costs are £287.50 every week [...] state pension of £169.50 per week, pension credit of £48.65 per
    week. Her total weekly income is £218.15. We will ignore up to £228.70 per week of Mary's cost of
    living allowance and £9.30 per week for her Telecare monitoring. The total amount Mary can keep is
    £238. [...] She will not have to pay for her care at all." """
    mary = person(
        assessment_date=IN_2024, date_of_birth=dt.date(1939, 2, 1), pension_credit_age=True,
        weekly_cost_of_care=D("287.50"),
        income=(IncomeItem(IncomeKind.STATE_PENSION, D("169.50")),
                IncomeItem(IncomeKind.PENSION_CREDIT_GUARANTEE, D("48.65"))),
        dre_items=(Expense("Telecare monitoring", D("9.30")),),
    )
    result = assess(mary, seeded_rates(IN_2024), national_only(LEEDS_HOME_URL, IN_2024))
    assert result.gross_income == D("218.15")
    assert result.allowances == D("228.70")
    assert result.allowances + result.disability_related_expenditure == D("238.00")
    assert result.weekly_charge == D("0.00") and result.council_share == D("287.50")


def test_leeds_care_home_example_1_michael():
    """Leeds, "Examples: how much people pay for care homes", Example 1: "Michael's care fees cost £694
    per week. [...] state pension of £209.67 per week, private pension of £25.81 per week. Total income:
    £235.48 per week [...] personal expenses allowance of £30.15 per week. £235.48 income − £30.15
    personal allowance = £205.33 [...] there is still £488.67 of his care costs left to pay per week.
    This is what the council pays." """
    michael = resident(
        assessment_date=IN_2024, weekly_cost_of_care=D("694.00"),
        income=(IncomeItem(IncomeKind.STATE_PENSION, D("209.67")),
                IncomeItem(IncomeKind.PRIVATE_PENSION, D("25.81"))),
    )
    result = assess(michael, seeded_rates(IN_2024), national_only(LEEDS_CARE_HOME_URL, IN_2024))
    assert result.assessed_income == D("235.48")
    assert result.weekly_charge == D("205.33")
    assert result.council_share == D("488.67")


# --- Lincolnshire County Council: at most 90% of the personal budget ------------------------------

LINCOLNSHIRE_URL = "https://www.lascappp.co.uk/glossary/net-assessable-income-nai/"
#: Lincolnshire's Adults Policies, Procedures and Practice, glossary "Net Assessable Income (NAI)":
#: "People are charged against 90% of their personal budget".
LINCOLNSHIRE = CouncilPolicy(effective_from=dt.date(2024, 4, 8),
                             source=f"Lincolnshire County Council, {LINCOLNSHIRE_URL}",
                             personal_budget_percent=D("90"))


def lincolnshire_person(net_assessable_income: str):
    """Someone of pension credit age at home whose only income is the State Pension, set so that
    what is left after the MIG (£228.70 in 2024/25) is the example's net assessable income."""
    return person(assessment_date=IN_2024, date_of_birth=dt.date(1950, 5, 5), pension_credit_age=True,
                  weekly_cost_of_care=D("100.00"),
                  income=(IncomeItem(IncomeKind.STATE_PENSION, D("228.70") + D(net_assessable_income)),))


def test_lincolnshire_budget_100_nai_35_pays_35():
    """"if someone's budget is £100 per week, £90 would be chargeable. If their NAI was £35 a week that
    is what they would pay." """
    result = assess(lincolnshire_person("35.00"), seeded_rates(IN_2024), LINCOLNSHIRE)
    assert result.charge_before_cap == D("35.00")
    assert result.weekly_charge == D("35.00")
    assert not [line for line in result.lines if line.label.startswith("Council policy: ")]


def test_lincolnshire_budget_100_nai_95_pays_90():
    """"If their NAI was £95 per week they would pay £90 per week." """
    inp = lincolnshire_person("95.00")
    result = assess(inp, seeded_rates(IN_2024), LINCOLNSHIRE)
    assert result.charge_before_cap == D("95.00")
    assert result.weekly_charge == D("90.00") and result.council_share == D("10.00")
    line = next(line for line in result.lines if line.label.startswith("Council policy: "))
    assert line.label == "Council policy: at most 90% of the personal budget is charged"
    assert line.amount == D("-5.00") and LINCOLNSHIRE_URL in line.rule
    assert assess(inp, seeded_rates(IN_2024)).weekly_charge == D("95.00")  # the national rules alone


# --- St Helens Council: tariff income in a care home -----------------------------------------------

ST_HELENS_URL = "https://sthelens.gov.uk/article/4431/Savings"


def test_st_helens_savings_15000_tariff_3():
    """St Helens, "Charging for residential and nursing care", Savings: "Example: If you have £15,000
    savings, £14,250 is disregarded and tariff income of £3 per week is considered as income." """
    inp = resident(assessment_date=IN_2024, capital=(CapitalItem("Savings", D("15000.00")),),
                   income=(IncomeItem(IncomeKind.STATE_PENSION, D("200.00")),))
    result = assess(inp, seeded_rates(IN_2024), national_only(ST_HELENS_URL, IN_2024))
    assert result.tariff_income == D("3.00")
    assert result.assessed_income == D("203.00")


# --- Reading Borough Council: the couples affordability check --------------------------------------

READING_COUPLES_URL = ("https://www.reading.gov.uk/adult-care/carecharges/care-and-support-charging-and-financial-"
                       "assessment-framework-policies/appendix-d-affordability-checker-for-couples/")
READING_MIG_URL = ("https://www.reading.gov.uk/adult-care/carecharges/care-and-support-charging-and-financial-"
                   "assessment-framework-policies/appendix-b-financial-assessment-allowances-schedule/")
#: Reading's Appendix B (2024-2025), local MIG "Reached or over qualifying age for Pension Credit",
#: "MIG – living with partner": £179.90 a week, i.e. the national £174.60 for a member of a couple at
#: pension credit age plus £5.30; and the Appendix D affordability check.
READING_2024 = CouncilPolicy(
    effective_from=dt.date(2024, 4, 8), source=f"Reading Borough Council, {READING_MIG_URL} and {READING_COUPLES_URL}",
    mig_uplifts={"MIG_COUPLE_PCA": MigUplift(AMOUNT, D("5.30"))}, couples_affordability_check=True)
#: Appendix D's own figure for (B): "Couple Personal Allowance (for DWP benefits): £332.95".
READING_B = {"PC_GUARANTEE_COUPLE": "332.95"}


def reading_couple(partner_income: str, housing_share: str):
    return person(assessment_date=IN_2024, date_of_birth=dt.date(1950, 5, 5), pension_credit_age=True,
                  income=(IncomeItem(IncomeKind.STATE_PENSION, D("300.00")),),
                  couple=CoupleInfo(partner_pension_credit_age=True, partner_date_of_birth=dt.date(1951, 1, 1),
                                    partner_income=(IncomeItem(IncomeKind.STATE_PENSION, D(partner_income)),),
                                    partner_housing_share=D(housing_share)))


def test_reading_couples_example_1_no_adjustment():
    """Appendix D, Example 1: "Service User's Minimum Income Guarantee Level: £179.90; Partner's Income:
    £169.25; Less Partner's 50% housing cost share: -£2.40; Partner's net income: £166.85; [...] plus
    Partner's net income: £346.75 (A); Couple Personal Allowance (for DWP benefits): £332.95 (B). £A is
    more than £B, so no need to adjust the Minimum Income Guarantee level." """
    result = assess(reading_couple("169.25", "2.40"), seeded_rates(IN_2024, **READING_B), READING_2024)
    assert result.allowances == D("179.90")
    assert [line.label for line in result.lines if line.label.startswith("Council policy: ")] == [
        "Council policy: local Minimum Income Guarantee uplift"]


def test_reading_couples_example_2_mig_raised_by_b_less_a():
    """Appendix D, Example 2: "Service User's Minimum Income Guarantee Level: £179.90; Partner's Income:
    £159.50; Less Partner's 50% housing cost share: -£32.00; Partner's net income: £127.50; [...] £307.40
    (A); Couple Personal Allowance (for DWP benefits): £332.95 (B)"; and the rule above the examples:
    "If the value of £A is less than the value of £B we will adjust the Minimum Income Guarantee level by
    the value of (£B – £A)", here £25.55."""
    result = assess(reading_couple("159.50", "32.00"), seeded_rates(IN_2024, **READING_B), READING_2024)
    check = next(line for line in result.lines if line.label == "Council policy: couples affordability check")
    assert check.amount == D("-25.55")
    assert result.allowances == D("205.45")  # £179.90 + £25.55
    assert "PC_GUARANTEE_COUPLE" in result.rates_used
