"""Councils' own published worked examples, reproduced to the penny once that council's policy is
configured. Each cites the page it comes from; the figures are the council's, never made up.

The national figures come from the calculator tests' 2024/25 table (tests/charging/helpers.py), which
matches each example's own figures line by line; the council's policy is configured as its page says.
"""

from __future__ import annotations

import datetime as dt

from charging.assessments.calculator import Expense, IncomeItem, IncomeKind, Premiums, assess
from charging.policy.terms import CouncilPolicy
from tests.charging.helpers import D, person, rates

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
