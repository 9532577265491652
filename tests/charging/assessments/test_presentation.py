"""Showing a stored result (letter and pages alike), and the calculator input's exact round trip."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from charging.assessments.calculator import (
    AssessmentInput,
    CapitalItem,
    CapitalKind,
    CoupleInfo,
    Expense,
    IncomeItem,
    IncomeKind,
    MandatoryDisregard,
    Premiums,
    PropertyDisregardFacts,
    Setting,
    assess,
)
from charging.assessments.presentation import (
    charge_summary,
    money,
    rates_used,
    weekly,
    working_lines,
    working_sections,
)
from tests.charging.helpers import ASSESSED_ON, person, rates, resident

D = Decimal


def test_money_is_shown_as_the_council_writes_it():
    assert money(D("1234.5")) == "£1,234.50"
    assert money("-31.80") == "-£31.80"
    assert money(0) == "£0.00"
    assert money(None) == ""
    assert weekly("143.85") == "£143.85 a week"


def test_every_line_is_shown_in_order_with_its_section_and_rule():
    result = assess(resident(income=(IncomeItem(IncomeKind.STATE_PENSION, D("221.20")),)), rates()).to_dict()
    lines = working_lines(result)
    assert [line.label for line in lines] == [line["label"] for line in result["lines"]]
    assert [line.amount for line in lines] == [D(line["amount"]) for line in result["lines"]]
    pea = next(line for line in lines if line.rate_code == "PEA")
    assert pea.amount_display == "-£30.15" and pea.section_label == "Allowances and costs"
    assert sum(len(group["lines"]) for group in working_sections(result)) == len(lines)
    assert charge_summary(result)["weekly_charge"] == "£191.05"
    assert {rate["code"] for rate in rates_used(result)} == set(result["rates_used"])


def test_the_assessment_input_round_trips_exactly():
    inputs = AssessmentInput(
        setting=Setting.NON_RESIDENTIAL, assessment_date=ASSESSED_ON, date_of_birth=dt.date(1950, 2, 28),
        pension_credit_age=True, weekly_cost_of_care=D("412.50"),
        capital=(CapitalItem("Joint savings", D("20000.10"), CapitalKind.SAVINGS, joint_owners=2),
                 CapitalItem("House", D("250000"), CapitalKind.MAIN_HOME),
                 CapitalItem("Trust", D("5000.00"), disregarded=True, disregard_reason="Personal injury trust")),
        property_disregard=PropertyDisregardFacts(mandatory_reason=MandatoryDisregard.PARTNER,
                                                  admission_date=dt.date(2024, 1, 2), previous_disregard_days_used=10,
                                                  previous_disregard_ended=dt.date(2023, 6, 1)),
        notional_capital=D("1500.00"), notional_capital_reason="Gift to grandson",
        income=(IncomeItem(IncomeKind.STATE_PENSION, D("221.20")),
                IncomeItem(IncomeKind.OTHER_DISREGARDED, D("5.00"), "Charitable payment")),
        night_care_provided=True, pension_half_to_partner=True,
        housing_costs=(Expense("Council tax", D("12.34")),), dre_items=(Expense("Laundry", D("4.50")),),
        dre_flat_rate=True, premiums=Premiums(disability=True, carer=True, dependent_children=2),
        couple=CoupleInfo(partner_pension_credit_age=True, partner_date_of_birth=dt.date(1952, 3, 1),
                          partner_income=(IncomeItem(IncomeKind.STATE_PENSION, D("180.00")),),
                          partner_capital=(CapitalItem("ISA", D("3000.00")),), compare_joint=True),
    )
    data = inputs.to_dict()
    again = AssessmentInput.from_dict(data)
    assert again == inputs
    assert again.to_dict() == data
    assert data["weekly_cost_of_care"] == "412.50" and data["capital"][1]["value"] == "250000"
    assert isinstance(again.capital[0].kind, CapitalKind) and isinstance(again.setting, Setting)
    assert AssessmentInput.from_dict(person().to_dict()) == person()
