"""Inputs and rate tables for the calculator's tests (plain values: no database)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from charging.assessments.calculator import AssessmentInput, Rates, Setting

D = Decimal
ASSESSED_ON = dt.date(2024, 6, 3)

#: The 2024/25 figures from charging.md, plus test-only figures where the table has none
#: (marked): the calculator's tests must not depend on the database.
RATES_2024 = {
    "UCL": "23250.00", "LCL": "14250.00", "TARIFF_STEP": "250.00", "PEA": "30.15",
    "SAVINGS_CREDIT_DISREGARD_SINGLE": "6.95", "SAVINGS_CREDIT_DISREGARD_COUPLE": "10.40",
    "MIG_SINGLE_18_24": "87.65", "MIG_SINGLE_25_TO_PCA": "110.60", "MIG_SINGLE_PCA": "228.70",
    "MIG_COUPLE_PCA": "174.60", "MIG_CARER_PREMIUM": "52.35", "MIG_DEPENDENT_CHILD": "101.25",
    "WAR_WIDOW_DISREGARD": "10.00", "AA_HIGHER": "108.55", "AA_LOWER": "72.65",
    # test-only figures (no 2024/25 source in charging.md):
    "MIG_COUPLE_18_PLUS": "86.90", "MIG_DISABILITY_PREMIUM_SINGLE": "48.80",
    "MIG_ENHANCED_DISABILITY_PREMIUM_SINGLE": "23.85", "MIG_DISABILITY_PREMIUM_COUPLE": "34.65",
    "MIG_ENHANCED_DISABILITY_PREMIUM_COUPLE": "17.10", "DRE_FLAT": "10.85",
}


def rates(on: dt.date = ASSESSED_ON, *, without: tuple[str, ...] = (), **extra) -> Rates:
    amounts = {**RATES_2024, **extra}
    for code in without:
        amounts.pop(code, None)
    return Rates.from_amounts(on, amounts, source="charging.md (test)")


def person(**overrides) -> AssessmentInput:
    """A single person of 40 at home, no capital, no income, care costing £500 a week."""
    fields = dict(
        setting=Setting.NON_RESIDENTIAL, assessment_date=ASSESSED_ON, date_of_birth=dt.date(1984, 1, 1),
        pension_credit_age=False, weekly_cost_of_care=D("500.00"),
    )
    fields.update(overrides)
    return AssessmentInput(**fields)


def resident(**overrides) -> AssessmentInput:
    """A single person of 80 in a care home costing £900 a week."""
    fields = dict(
        setting=Setting.RESIDENTIAL, assessment_date=ASSESSED_ON, date_of_birth=dt.date(1944, 1, 1),
        pension_credit_age=True, weekly_cost_of_care=D("900.00"),
    )
    fields.update(overrides)
    return AssessmentInput(**fields)
