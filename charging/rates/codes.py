"""The registry of rate codes: every figure the council's charging, deferred payment, debt and
deputyship work depends on, by a stable code, with its name in the council's words and its unit.

The figures themselves are data (``charging.rates.models.Rate``, effective-dated, each with its source),
never literals in code. This module is pure Python (no Django) so that the calculator can name a
missing rate without touching the database.

Units:

- ``GBP``: pounds, exactly two decimal places (a weekly figure unless the name says otherwise);
- ``percent``: a percentage a year, up to four decimal places (4.75 means 4.75%);
- ``count``: a plain number (e.g. the £250 tariff step is GBP; a number of weeks would be a count).
"""

from __future__ import annotations

from dataclasses import dataclass

GBP = "GBP"
PERCENT = "percent"
COUNT = "count"
UNITS = ((GBP, "Pounds"), (PERCENT, "Percent a year"), (COUNT, "Number"))


@dataclass(frozen=True, slots=True)
class RateCode:
    code: str
    name: str
    unit: str = GBP
    area: str = "charging"


_REGISTRY: tuple[RateCode, ...] = (
    # Capital
    RateCode("UCL", "Upper capital limit"),
    RateCode("LCL", "Lower capital limit"),
    RateCode("TARIFF_STEP", "Tariff income step (£1 a week for every step or part of a step)"),
    # Residential
    RateCode("PEA", "Personal expenses allowance (care home), a week"),
    RateCode("SAVINGS_CREDIT_DISREGARD_SINGLE", "Savings credit disregard, single, a week"),
    RateCode("SAVINGS_CREDIT_DISREGARD_COUPLE", "Savings credit disregard, couple, a week"),
    # Non-residential: Minimum Income Guarantee
    RateCode("MIG_SINGLE_18_24", "Minimum Income Guarantee, single, aged 18 to 24"),
    RateCode("MIG_SINGLE_25_TO_PCA", "Minimum Income Guarantee, single, aged 25 to pension credit age"),
    RateCode("MIG_SINGLE_PCA", "Minimum Income Guarantee, single, pension credit age"),
    RateCode("MIG_COUPLE_18_PLUS", "Minimum Income Guarantee, member of a couple aged 18 or over (each)"),
    RateCode("MIG_COUPLE_PCA", "Minimum Income Guarantee, member of a couple, pension credit age (each)"),
    RateCode("MIG_DISABILITY_PREMIUM_SINGLE", "Disability premium (single)"),
    RateCode("MIG_DISABILITY_PREMIUM_COUPLE", "Disability premium (member of a couple)"),
    RateCode("MIG_ENHANCED_DISABILITY_PREMIUM_SINGLE", "Enhanced disability premium (single)"),
    RateCode("MIG_ENHANCED_DISABILITY_PREMIUM_COUPLE", "Enhanced disability premium (member of a couple)"),
    RateCode("MIG_CARER_PREMIUM", "Carer premium"),
    RateCode("MIG_DEPENDENT_CHILD", "Dependent child allowance (each child)"),
    # Non-residential: expenditure and thresholds (local choices)
    RateCode("DRE_FLAT", "Disability related expenditure, flat rate, a week"),
    RateCode("MIN_CHARGE", "Minimum weekly charge (below this nothing is charged)"),
    # Income disregards
    RateCode("WAR_WIDOW_DISREGARD", "War widow's pension disregard, a week"),
    RateCode("AA_HIGHER", "Attendance Allowance higher rate / DLA care highest rate, a week"),
    RateCode("AA_LOWER", "Attendance Allowance lower rate / DLA care middle rate, a week"),
    # DWP benefits and pensions: what the April uplift moves a person's income to (charging.uplift.uprating)
    RateCode("SP_NEW_FULL", "New State Pension, full rate, a week"),
    RateCode("SP_BASIC_FULL", "Basic State Pension (Category A or B), full rate, a week"),
    RateCode("PC_GUARANTEE_SINGLE", "Pension Credit standard minimum guarantee, single, a week"),
    RateCode("PC_GUARANTEE_COUPLE", "Pension Credit standard minimum guarantee, couple, a week"),
    RateCode("IS_PERSONAL_ALLOWANCE_COUPLE", "Income Support / income-based JSA personal allowance, couple both "
                                             "aged 18 or over, a week"),
    RateCode("PIP_DAILY_LIVING_ENHANCED", "PIP daily living component, enhanced rate, a week"),
    RateCode("PIP_DAILY_LIVING_STANDARD", "PIP daily living component, standard rate, a week"),
    RateCode("PIP_MOBILITY_ENHANCED", "PIP mobility component, enhanced rate, a week"),
    RateCode("PIP_MOBILITY_STANDARD", "PIP mobility component, standard rate, a week"),
    RateCode("DLA_CARE_LOWEST", "DLA care component, lowest rate, a week"),
    RateCode("DLA_MOBILITY_HIGHER", "DLA mobility component, higher rate, a week"),
    RateCode("DLA_MOBILITY_LOWER", "DLA mobility component, lower rate, a week"),
    RateCode("CARERS_ALLOWANCE", "Carer's Allowance, a week"),
    RateCode("UPRATING_CPI", "Uprating by prices (CPI): additional State Pension, protected payments and the "
                             "benefits that rise with prices", PERCENT),
    # Deferred payments
    RateCode("DPA_MAX_INTEREST", "Deferred payment maximum interest rate", PERCENT, "deferred_payments"),
    RateCode("DPA_DISPOSABLE_INCOME", "Deferred payment disposable income allowance, a week", GBP,
             "deferred_payments"),
    # Debt recovery: Late Payment of Commercial Debts (Interest) Act 1998
    RateCode("BOE_BASE_RATE", "Bank of England base rate", PERCENT, "debt_recovery"),
    RateCode("LATE_PAYMENT_UPLIFT", "Late payment interest over base rate", PERCENT, "debt_recovery"),
    RateCode("LATE_PAYMENT_COMPENSATION_LOW", "Late payment compensation, debt below £1,000", GBP,
             "debt_recovery"),
    RateCode("LATE_PAYMENT_COMPENSATION_MID", "Late payment compensation, debt £1,000 to below £10,000", GBP,
             "debt_recovery"),
    RateCode("LATE_PAYMENT_COMPENSATION_HIGH", "Late payment compensation, debt £10,000 or more", GBP,
             "debt_recovery"),
    # Deputyship (Court of Protection Practice Direction 19B, public authority deputies; OPG fees)
    RateCode("DEPUTY_FEE_ORDER", "Deputyship: work up to and including the order", GBP, "deputyship"),
    RateCode("DEPUTY_FEE_ANNUAL_YEAR_1", "Deputyship: annual management fee, first year", GBP, "deputyship"),
    RateCode("DEPUTY_FEE_ANNUAL_YEAR_2_ON", "Deputyship: annual management fee, second year onwards", GBP,
             "deputyship"),
    RateCode("DEPUTY_FEE_PROPERTY_MANAGEMENT", "Deputyship: annual property management fee", GBP, "deputyship"),
    RateCode("DEPUTY_FEE_OPG_REPORT", "Deputyship: preparing the annual OPG report", GBP, "deputyship"),
    RateCode("DEPUTY_LOW_ASSET_THRESHOLD", "Deputyship: net assets below which the annual fee is capped", GBP,
             "deputyship"),
    RateCode("DEPUTY_LOW_ASSET_CAP", "Deputyship: annual fee cap as a percentage of net assets", PERCENT,
             "deputyship"),
    RateCode("OPG_ASSESSMENT_FEE", "Office of the Public Guardian: assessment fee", GBP, "deputyship"),
    RateCode("OPG_GENERAL_SUPERVISION_FEE", "Office of the Public Guardian: general supervision fee, a year",
             GBP, "deputyship"),
    RateCode("OPG_MINIMAL_SUPERVISION_FEE", "Office of the Public Guardian: minimal supervision fee, a year",
             GBP, "deputyship"),
    RateCode("OPG_MINIMAL_SUPERVISION_THRESHOLD",
             "Office of the Public Guardian: assets below which supervision is minimal", GBP, "deputyship"),
)

RATE_CODES: dict[str, RateCode] = {entry.code: entry for entry in _REGISTRY}
RATE_CHOICES: list[tuple[str, str]] = [(entry.code, entry.name) for entry in _REGISTRY]


def rate_name(code: str) -> str:
    entry = RATE_CODES.get(code)
    return entry.name if entry else code


def rate_unit(code: str) -> str:
    return RATE_CODES[code].unit
