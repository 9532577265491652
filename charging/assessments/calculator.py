"""The Care Act charging calculator: what a person pays a week towards their care.

Pure functions over frozen dataclasses: no database, no I/O, no clock. :func:`assess` takes an
:class:`AssessmentInput` (the person's circumstances as the officer recorded them) and a
:class:`Rates` (every figure in force on the assessment date, each with its source, built by
``charging.selectors.rates_in_force``) and returns an :class:`AssessmentResult` that carries every
line of the working, so the letter, the page and the test show the same numbers. The result
serialises with :meth:`AssessmentResult.to_dict` (rates included) and can be shown again unchanged
with :meth:`AssessmentResult.from_dict`; the input does the same with :meth:`AssessmentInput.to_dict`
and :meth:`AssessmentInput.from_dict` (Decimals as strings, so the round trip is exact).

Rules (Care and Support (Charging and Assessment of Resources) Regulations 2014; Statutory Guidance
Annexes B, C, E; see ``/docs/decisions.md`` "Charging calculator" for the interpretations):

Capital
    Each item counts at the person's share: joint items are split equally between the joint owners
    (reg 24), rounded half up to the penny. The main home is always disregarded in non-residential
    care. In a care home it is disregarded while a mandatory disregard applies (partner, relative
    aged 60+, incapacitated relative, child under 18, estranged partner who is a lone parent) or
    during the 12-week property disregard: 84 days from the first day of the permanent admission,
    and if the person re-enters permanent care within 52 weeks of the end of an earlier disregard,
    only the unused balance of the 84 days. Notional capital (deprivation, Annex E) is added and
    must carry its recorded reason. Capital *above* the upper capital limit means the full cost is
    paid (exactly the UCL is still assessed). Between the lower and upper limits tariff income is
    £1 a week for every £250 or part of £250 above the lower limit.

Income (weekly)
    Earnings, DLA/PIP mobility, Housing Benefit, Council Tax Reduction and Child Benefit are
    disregarded in full; up to the war widow's disregard of a war widow's pension; in non-residential
    care, where higher-rate AA or highest-rate DLA care is paid and no night care is provided, the
    night-care part (the AA higher rate minus the AA lower rate, both rate-table entries); in a care
    home, savings credit up to the savings credit disregard (single or couple rate) and, where the
    person's partner remains at home and the pension is passed to them, half of an occupational or
    private pension. Everything else counts in full. Items the officer marks ``OTHER_DISREGARDED``
    are disregarded in full with the reason given in their description.

Residential charge
    assessed income (income counted + tariff income) − personal expenses allowance.

Non-residential charge
    assessed income − Minimum Income Guarantee (by age band and couple status, plus the premiums the
    person qualifies for and an allowance for each dependent child) − housing costs − disability
    related expenditure (itemised, or the flat rate where the council uses one, with the itemised
    total instead where the evidence shows more). Charges below the council's minimum charge (rate
    ``MIN_CHARGE``, if the council has set one) are not collected.

Both settings
    never negative; never more than the weekly cost of care; the council pays the rest. Money is
    ``Decimal``; the only rounding is :func:`ledger.money.round_money` (half up, to the penny).

Couples (non-residential)
    each is assessed on their own income and their share of joint capital, with the MIG for a
    member of a couple. With ``CoupleInfo.compare_joint`` the calculator also assesses the couple
    jointly (both incomes, both partners' tariff income, a couple MIG for each of them, the
    person's premiums, housing costs and DRE once) and uses whichever gives the lower charge.

A figure the rules need that is not in :class:`Rates` raises :class:`MissingRate` naming it: the
calculator never guesses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from charging.assessments.pension_age import pension_credit_age_date
from charging.policy.terms import DISABILITY_BENEFIT_KINDS, LIGHT_TOUCH_KINDS, NATIONAL_MINIMUM, CouncilPolicy
from charging.rates.codes import rate_name
from core.exceptions import ApplicationError
from ledger.money import PENNY, round_money, to_money

ZERO = Decimal("0.00")
ONE_POUND = Decimal("1.00")
TWELVE_WEEKS_DAYS = 84
FIFTY_TWO_WEEKS_DAYS = 364
HALF = Decimal("0.5")
HUNDRED = Decimal("100")

#: Every national figure the calculator can ask for (the council's own choices, ``DRE_FLAT`` and
#: ``MIN_CHARGE``, apart): each must have a figure in force on every day an assessment may be dated
#: (the completeness test holds this for every year from 2023/24).
NATIONAL_RATE_CODES: tuple[str, ...] = (
    "UCL", "LCL", "TARIFF_STEP", "PEA", "SAVINGS_CREDIT_DISREGARD_SINGLE", "SAVINGS_CREDIT_DISREGARD_COUPLE",
    "MIG_SINGLE_18_24", "MIG_SINGLE_25_TO_PCA", "MIG_SINGLE_PCA", "MIG_COUPLE_18_PLUS", "MIG_COUPLE_PCA",
    "MIG_DISABILITY_PREMIUM_SINGLE", "MIG_DISABILITY_PREMIUM_COUPLE", "MIG_ENHANCED_DISABILITY_PREMIUM_SINGLE",
    "MIG_ENHANCED_DISABILITY_PREMIUM_COUPLE", "MIG_CARER_PREMIUM", "MIG_DEPENDENT_CHILD",
    "WAR_WIDOW_DISREGARD", "AA_HIGHER", "AA_LOWER",
)
#: The council's own figures the calculator uses when the council has chosen them.
LOCAL_RATE_CODES: tuple[str, ...] = ("DRE_FLAT", "MIN_CHARGE")


# --- errors -------------------------------------------------------------------------------------

def _long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


class MissingRate(ApplicationError):
    """A figure the assessment needs has no rate in force on the assessment date."""

    code = "missing_rate"
    status = 409

    def __init__(self, *, on: dt.date, codes: list[str] | tuple[str, ...]):
        self.on = on
        self.codes = tuple(codes)
        named = "; ".join(f"{rate_name(code)} ({code})" for code in self.codes)
        super().__init__(f"No rate in force on {_long_date(on)} for: {named}", extra={"codes": list(self.codes)})


class InvalidAssessment(ApplicationError):
    """The inputs cannot be assessed as given (e.g. notional capital without a recorded reason)."""

    code = "invalid_assessment"


# --- choices ------------------------------------------------------------------------------------

class Setting(StrEnum):
    RESIDENTIAL = "residential"
    NON_RESIDENTIAL = "non_residential"


class CapitalKind(StrEnum):
    SAVINGS = "savings"
    INVESTMENT = "investment"
    MAIN_HOME = "main_home"
    OTHER_PROPERTY = "other_property"
    OTHER = "other"


class MandatoryDisregard(StrEnum):
    """Why the home is disregarded while someone still lives in it (Sch 2 para 4)."""

    PARTNER = "partner"
    RELATIVE_60_PLUS = "relative_60_plus"
    INCAPACITATED_RELATIVE = "incapacitated_relative"
    CHILD_UNDER_18 = "child_under_18"
    ESTRANGED_LONE_PARENT_PARTNER = "estranged_lone_parent_partner"


MANDATORY_DISREGARD_LABELS = {
    MandatoryDisregard.PARTNER: "occupied by a partner",
    MandatoryDisregard.RELATIVE_60_PLUS: "occupied by a relative aged 60 or over",
    MandatoryDisregard.INCAPACITATED_RELATIVE: "occupied by an incapacitated relative",
    MandatoryDisregard.CHILD_UNDER_18: "occupied by a child under 18",
    MandatoryDisregard.ESTRANGED_LONE_PARENT_PARTNER: "occupied by an estranged partner who is a lone parent",
}


class IncomeKind(StrEnum):
    """What an income line is. The kind decides how the line is treated (counted, disregarded, in
    part) and how the April uplift moves it to the new year's amount (``charging.uplift.uprating``).

    ``STATE_PENSION`` is the State Pension recorded before the kinds of State Pension were told
    apart; it still loads and counts in full, and the uplift moves it only where its amount is
    exactly one of last year's full rates."""

    STATE_PENSION = "state_pension"
    NEW_STATE_PENSION = "new_state_pension"
    BASIC_STATE_PENSION = "basic_state_pension"
    ADDITIONAL_STATE_PENSION = "additional_state_pension"
    OCCUPATIONAL_PENSION = "occupational_pension"
    PRIVATE_PENSION = "private_pension"
    PENSION_CREDIT_GUARANTEE = "pension_credit_guarantee"
    SAVINGS_CREDIT = "savings_credit"
    ESA = "esa"
    UNIVERSAL_CREDIT = "universal_credit"
    PIP_DAILY_LIVING_STANDARD = "pip_daily_living_standard"
    PIP_DAILY_LIVING_ENHANCED = "pip_daily_living_enhanced"
    PIP_MOBILITY_STANDARD = "pip_mobility_standard"
    PIP_MOBILITY_ENHANCED = "pip_mobility_enhanced"
    DLA_CARE_LOW = "dla_care_low"
    DLA_CARE_MIDDLE = "dla_care_middle"
    DLA_CARE_HIGH = "dla_care_high"
    DLA_MOBILITY_LOW = "dla_mobility_low"
    DLA_MOBILITY_HIGH = "dla_mobility_high"
    AA_LOWER = "aa_lower"
    AA_HIGHER = "aa_higher"
    CARERS_ALLOWANCE = "carers_allowance"
    WAR_WIDOWS_PENSION = "war_widows_pension"
    EARNINGS = "earnings"
    HOUSING_BENEFIT = "housing_benefit"
    COUNCIL_TAX_REDUCTION = "council_tax_reduction"
    CHILD_BENEFIT = "child_benefit"
    OTHER = "other"
    OTHER_DISREGARDED = "other_disregarded"


INCOME_LABELS = {
    IncomeKind.NEW_STATE_PENSION: "New State Pension",
    IncomeKind.BASIC_STATE_PENSION: "Basic State Pension (Category A or B)",
    IncomeKind.ADDITIONAL_STATE_PENSION: "Additional State Pension or protected payment",
    IncomeKind.STATE_PENSION: "State Pension (new or basic not recorded)",
    IncomeKind.OCCUPATIONAL_PENSION: "Occupational pension",
    IncomeKind.PRIVATE_PENSION: "Private pension or annuity",
    IncomeKind.PENSION_CREDIT_GUARANTEE: "Pension Credit (guarantee credit)",
    IncomeKind.SAVINGS_CREDIT: "Pension Credit (savings credit)",
    IncomeKind.ESA: "Employment and Support Allowance",
    IncomeKind.UNIVERSAL_CREDIT: "Universal Credit",
    IncomeKind.PIP_DAILY_LIVING_STANDARD: "PIP daily living (standard)",
    IncomeKind.PIP_DAILY_LIVING_ENHANCED: "PIP daily living (enhanced)",
    IncomeKind.PIP_MOBILITY_STANDARD: "PIP mobility (standard)",
    IncomeKind.PIP_MOBILITY_ENHANCED: "PIP mobility (enhanced)",
    IncomeKind.DLA_CARE_LOW: "DLA care (lowest rate)",
    IncomeKind.DLA_CARE_MIDDLE: "DLA care (middle rate)",
    IncomeKind.DLA_CARE_HIGH: "DLA care (highest rate)",
    IncomeKind.DLA_MOBILITY_LOW: "DLA mobility (lower rate)",
    IncomeKind.DLA_MOBILITY_HIGH: "DLA mobility (higher rate)",
    IncomeKind.AA_LOWER: "Attendance Allowance (lower rate)",
    IncomeKind.AA_HIGHER: "Attendance Allowance (higher rate)",
    IncomeKind.CARERS_ALLOWANCE: "Carer's Allowance",
    IncomeKind.WAR_WIDOWS_PENSION: "War widow's pension",
    IncomeKind.EARNINGS: "Earnings",
    IncomeKind.HOUSING_BENEFIT: "Housing Benefit",
    IncomeKind.COUNCIL_TAX_REDUCTION: "Council Tax Reduction",
    IncomeKind.CHILD_BENEFIT: "Child Benefit",
    IncomeKind.OTHER: "Other income",
    IncomeKind.OTHER_DISREGARDED: "Other income (disregarded)",
}

_FULLY_DISREGARDED = {
    IncomeKind.EARNINGS: "Earnings are disregarded (Charging Regulations Sch 1)",
    IncomeKind.PIP_MOBILITY_STANDARD: "Mobility components are disregarded (Annex C)",
    IncomeKind.PIP_MOBILITY_ENHANCED: "Mobility components are disregarded (Annex C)",
    IncomeKind.DLA_MOBILITY_LOW: "Mobility components are disregarded (Annex C)",
    IncomeKind.DLA_MOBILITY_HIGH: "Mobility components are disregarded (Annex C)",
    IncomeKind.HOUSING_BENEFIT: "Housing Benefit is disregarded (Charging Regulations Sch 1)",
    IncomeKind.COUNCIL_TAX_REDUCTION: "Council Tax Reduction is disregarded (Charging Regulations Sch 1)",
    IncomeKind.CHILD_BENEFIT: "Child Benefit is disregarded (Charging Regulations Sch 1)",
}
_NIGHT_CARE_KINDS = frozenset({IncomeKind.AA_HIGHER, IncomeKind.DLA_CARE_HIGH})
_PENSIONS_PASSABLE = frozenset({IncomeKind.OCCUPATIONAL_PENSION, IncomeKind.PRIVATE_PENSION})


# --- rates --------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class RateValue:
    """One figure in force: its code, amount, the day it took effect and where it comes from."""

    code: str
    amount: Decimal
    effective_from: dt.date
    source: str

    @property
    def name(self) -> str:
        return rate_name(self.code)

    def to_dict(self) -> dict:
        return {"code": self.code, "name": self.name, "amount": str(self.amount),
                "effective_from": self.effective_from.isoformat(), "source": self.source}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RateValue:
        return cls(code=data["code"], amount=Decimal(data["amount"]),
                   effective_from=dt.date.fromisoformat(data["effective_from"]), source=data["source"])


@dataclass(frozen=True)
class Rates:
    """Every rate in force on ``on``, keyed by rate code (see ``charging.rates.codes``)."""

    on: dt.date
    values: Mapping[str, RateValue] = field(default_factory=dict)

    def get(self, code: str) -> RateValue:
        value = self.values.get(code)
        if value is None:
            raise MissingRate(on=self.on, codes=[code])
        return value

    def require(self, *codes: str) -> tuple[RateValue, ...]:
        """The rates for ``codes``, or :class:`MissingRate` naming every one that is missing."""
        missing = [code for code in codes if code not in self.values]
        if missing:
            raise MissingRate(on=self.on, codes=missing)
        return tuple(self.values[code] for code in codes)

    def optional(self, code: str) -> RateValue | None:
        return self.values.get(code)

    @classmethod
    def from_amounts(cls, on: dt.date, amounts: Mapping[str, Decimal | str], *, source: str = "",
                     effective_from: dt.date | None = None) -> Rates:
        """Rates from plain figures (tests, benchmarks, what-if sums)."""
        start = effective_from or on
        return cls(on=on, values={code: RateValue(code, Decimal(amount), start, source or "Given")
                                  for code, amount in amounts.items()})

    def to_dict(self) -> dict:
        return {"on": self.on.isoformat(), "values": {c: v.to_dict() for c, v in sorted(self.values.items())}}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Rates:
        return cls(on=dt.date.fromisoformat(data["on"]),
                   values={c: RateValue.from_dict(v) for c, v in data["values"].items()})


# --- inputs -------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class CapitalItem:
    """Something the person owns. ``value`` is the whole item's value; ``joint_owners`` > 1 splits
    it equally. ``disregarded`` (with ``disregard_reason``) records any other disregard the officer
    has applied, e.g. a personal injury trust or a surrender value of a life policy."""

    description: str
    value: Decimal
    kind: CapitalKind = CapitalKind.SAVINGS
    joint_owners: int = 1
    disregarded: bool = False
    disregard_reason: str = ""


@dataclass(frozen=True, slots=True)
class PropertyDisregardFacts:
    """What decides whether the main home is disregarded in a care home."""

    mandatory_reason: MandatoryDisregard | None = None
    #: First day of the current permanent admission (start of the 12-week disregard).
    admission_date: dt.date | None = None
    #: Days of a 12-week disregard already used in an earlier permanent admission, and when that
    #: earlier disregard ended: re-entry within 52 weeks only gets the unused balance.
    previous_disregard_days_used: int = 0
    previous_disregard_ended: dt.date | None = None


class Frequency(StrEnum):
    """How often an income is paid, as on the award letter."""

    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    FOUR_WEEKLY = "four_weekly"
    MONTHLY = "monthly"
    YEARLY = "yearly"


FREQUENCY_LABELS = {
    Frequency.WEEKLY: "a week", Frequency.FORTNIGHTLY: "a fortnight", Frequency.FOUR_WEEKLY: "every four weeks",
    Frequency.MONTHLY: "a month", Frequency.YEARLY: "a year",
}

#: The one rule for a weekly amount: (multiply by, divide by, the rule in words). A month is a twelfth
#: of a 52-week year, as DWP and councils' charging policies convert it (not 4.33 or 4.348 weeks).
_TO_WEEKLY: dict[Frequency, tuple[int, int, str]] = {
    Frequency.WEEKLY: (1, 1, ""),
    Frequency.FORTNIGHTLY: (1, 2, "÷ 2"),
    Frequency.FOUR_WEEKLY: (1, 4, "÷ 4"),
    Frequency.MONTHLY: (12, 52, "× 12 ÷ 52"),
    Frequency.YEARLY: (1, 52, "÷ 52"),
}


def to_weekly(amount: Decimal, frequency: Frequency | str) -> Decimal:
    """``amount`` paid at ``frequency`` as a weekly amount, rounded half up to the penny once."""
    times, by, _ = _TO_WEEKLY[Frequency(frequency)]
    return round_money(Decimal(amount) * times / by)


def frequency_rule(amount: Decimal, frequency: Frequency | str) -> str:
    """The conversion in words for the working: "£1,000.00 a month × 12 ÷ 52 = £230.77 a week"."""
    frequency = Frequency(frequency)
    if frequency == Frequency.WEEKLY:
        return ""
    words = _TO_WEEKLY[frequency][2]
    return f"£{amount:,.2f} {FREQUENCY_LABELS[frequency]} {words} = £{to_weekly(amount, frequency):,.2f} a week"


@dataclass(frozen=True, slots=True)
class IncomeItem:
    """A weekly income. ``uprating`` is set only on an income the April uplift moved (or carried
    over): how the amount was reached, shown as the line's rule in the working and the letter.

    An income entered as paid (``amount`` at ``frequency``, e.g. monthly) keeps both, and ``weekly``
    is :func:`to_weekly` of them: use :meth:`entered`. The working shows the conversion."""

    kind: IncomeKind
    weekly: Decimal
    description: str = ""
    uprating: str = ""
    frequency: Frequency = Frequency.WEEKLY
    amount: Decimal | None = None  # as entered, when not weekly

    @classmethod
    def entered(cls, kind, amount: Decimal, frequency: Frequency | str = Frequency.WEEKLY,
                description: str = "") -> IncomeItem:
        frequency = Frequency(frequency)
        if frequency == Frequency.WEEKLY:
            return cls(kind=kind, weekly=amount, description=description)
        return cls(kind=kind, weekly=to_weekly(amount, frequency), description=description,
                   frequency=frequency, amount=amount)

    @property
    def conversion(self) -> str:
        """How the weekly amount was reached from the amount entered, or empty for a weekly income."""
        if self.frequency == Frequency.WEEKLY or self.amount is None:
            return ""
        return frequency_rule(self.amount, self.frequency)


@dataclass(frozen=True, slots=True)
class Expense:
    """A weekly housing cost or item of disability related expenditure."""

    description: str
    weekly: Decimal


@dataclass(frozen=True, slots=True)
class Premiums:
    disability: bool = False
    enhanced_disability: bool = False
    carer: bool = False
    dependent_children: int = 0


@dataclass(frozen=True, slots=True)
class CoupleInfo:
    """The person's partner, for a member of a couple. ``partner_*`` are used only in the joint
    comparison (``compare_joint``); the partner's capital items are their own (joint items are
    listed once, on the person, with ``joint_owners``)."""

    partner_pension_credit_age: bool = False
    partner_date_of_birth: dt.date | None = None
    partner_income: tuple[IncomeItem, ...] = ()
    partner_capital: tuple[CapitalItem, ...] = ()
    compare_joint: bool = False
    #: The partner's share of the housing costs, a week (Reading: 50%), taken off the partner's income
    #: in the council's couples affordability check.
    partner_housing_share: Decimal = ZERO


@dataclass(frozen=True, slots=True)
class AssessmentInput:
    setting: Setting
    assessment_date: dt.date
    date_of_birth: dt.date
    pension_credit_age: bool
    weekly_cost_of_care: Decimal
    capital: tuple[CapitalItem, ...] = ()
    property_disregard: PropertyDisregardFacts = PropertyDisregardFacts()
    notional_capital: Decimal = ZERO
    notional_capital_reason: str = ""
    income: tuple[IncomeItem, ...] = ()
    night_care_provided: bool = False
    #: Residential: the partner remains at home and half the occupational/private pension goes to them.
    pension_half_to_partner: bool = False
    housing_costs: tuple[Expense, ...] = ()
    dre_items: tuple[Expense, ...] = ()
    dre_flat_rate: bool = False
    premiums: Premiums = Premiums()
    couple: CoupleInfo | None = None

    # --- serialisation: exact round trip (Decimals as strings, dates as ISO, enums as values) ----

    def to_dict(self) -> dict:
        return {
            "setting": str(self.setting),
            "assessment_date": self.assessment_date.isoformat(),
            "date_of_birth": self.date_of_birth.isoformat(),
            "pension_credit_age": self.pension_credit_age,
            "weekly_cost_of_care": str(self.weekly_cost_of_care),
            "capital": [_capital_to_dict(item) for item in self.capital],
            "property_disregard": _property_to_dict(self.property_disregard),
            "notional_capital": str(self.notional_capital),
            "notional_capital_reason": self.notional_capital_reason,
            "income": [_income_to_dict(item) for item in self.income],
            "night_care_provided": self.night_care_provided,
            "pension_half_to_partner": self.pension_half_to_partner,
            "housing_costs": [_expense_to_dict(item) for item in self.housing_costs],
            "dre_items": [_expense_to_dict(item) for item in self.dre_items],
            "dre_flat_rate": self.dre_flat_rate,
            "premiums": {
                "disability": self.premiums.disability,
                "enhanced_disability": self.premiums.enhanced_disability,
                "carer": self.premiums.carer,
                "dependent_children": self.premiums.dependent_children,
            },
            "couple": _couple_to_dict(self.couple) if self.couple is not None else None,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AssessmentInput:
        premiums = data.get("premiums") or {}
        return cls(
            setting=Setting(data["setting"]),
            assessment_date=dt.date.fromisoformat(data["assessment_date"]),
            date_of_birth=dt.date.fromisoformat(data["date_of_birth"]),
            pension_credit_age=bool(data["pension_credit_age"]),
            weekly_cost_of_care=Decimal(data["weekly_cost_of_care"]),
            capital=tuple(_capital_from_dict(item) for item in data.get("capital", ())),
            property_disregard=_property_from_dict(data.get("property_disregard") or {}),
            notional_capital=Decimal(data.get("notional_capital", "0.00")),
            notional_capital_reason=data.get("notional_capital_reason", ""),
            income=tuple(_income_from_dict(item) for item in data.get("income", ())),
            night_care_provided=bool(data.get("night_care_provided", False)),
            pension_half_to_partner=bool(data.get("pension_half_to_partner", False)),
            housing_costs=tuple(_expense_from_dict(item) for item in data.get("housing_costs", ())),
            dre_items=tuple(_expense_from_dict(item) for item in data.get("dre_items", ())),
            dre_flat_rate=bool(data.get("dre_flat_rate", False)),
            premiums=Premiums(
                disability=bool(premiums.get("disability", False)),
                enhanced_disability=bool(premiums.get("enhanced_disability", False)),
                carer=bool(premiums.get("carer", False)),
                dependent_children=int(premiums.get("dependent_children", 0)),
            ),
            couple=_couple_from_dict(data["couple"]) if data.get("couple") else None,
        )


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _capital_to_dict(item: CapitalItem) -> dict:
    return {"description": item.description, "value": str(item.value), "kind": str(item.kind),
            "joint_owners": item.joint_owners, "disregarded": item.disregarded,
            "disregard_reason": item.disregard_reason}


def _capital_from_dict(data: Mapping[str, Any]) -> CapitalItem:
    return CapitalItem(description=data["description"], value=Decimal(data["value"]),
                       kind=CapitalKind(data.get("kind", CapitalKind.SAVINGS)),
                       joint_owners=int(data.get("joint_owners", 1)),
                       disregarded=bool(data.get("disregarded", False)),
                       disregard_reason=data.get("disregard_reason", ""))


def _property_to_dict(facts: PropertyDisregardFacts) -> dict:
    return {"mandatory_reason": str(facts.mandatory_reason) if facts.mandatory_reason is not None else None,
            "admission_date": _iso(facts.admission_date),
            "previous_disregard_days_used": facts.previous_disregard_days_used,
            "previous_disregard_ended": _iso(facts.previous_disregard_ended)}


def _property_from_dict(data: Mapping[str, Any]) -> PropertyDisregardFacts:
    reason = data.get("mandatory_reason")
    return PropertyDisregardFacts(
        mandatory_reason=MandatoryDisregard(reason) if reason else None,
        admission_date=_date(data.get("admission_date")),
        previous_disregard_days_used=int(data.get("previous_disregard_days_used", 0)),
        previous_disregard_ended=_date(data.get("previous_disregard_ended")),
    )


def _income_to_dict(item: IncomeItem) -> dict:
    data = {"kind": str(item.kind), "weekly": str(item.weekly), "description": item.description}
    if item.uprating:  # only where the uplift set it, so inputs stored before it look the same
        data["uprating"] = item.uprating
    if item.frequency != Frequency.WEEKLY and item.amount is not None:  # as entered: kept, and shown
        data["amount"], data["frequency"] = str(item.amount), str(item.frequency)
    return data


def _income_from_dict(data: Mapping[str, Any]) -> IncomeItem:
    return IncomeItem(kind=IncomeKind(data["kind"]), weekly=Decimal(data["weekly"]),
                      description=data.get("description", ""), uprating=data.get("uprating", ""),
                      frequency=Frequency(data.get("frequency", Frequency.WEEKLY)),
                      amount=Decimal(data["amount"]) if data.get("amount") is not None else None)


def _expense_to_dict(item: Expense) -> dict:
    return {"description": item.description, "weekly": str(item.weekly)}


def _expense_from_dict(data: Mapping[str, Any]) -> Expense:
    return Expense(description=data["description"], weekly=Decimal(data["weekly"]))


def _couple_to_dict(couple: CoupleInfo) -> dict:
    return {"partner_pension_credit_age": couple.partner_pension_credit_age,
            "partner_date_of_birth": _iso(couple.partner_date_of_birth),
            "partner_income": [_income_to_dict(item) for item in couple.partner_income],
            "partner_capital": [_capital_to_dict(item) for item in couple.partner_capital],
            "compare_joint": couple.compare_joint,
            "partner_housing_share": str(couple.partner_housing_share)}


def _couple_from_dict(data: Mapping[str, Any]) -> CoupleInfo:
    return CoupleInfo(
        partner_pension_credit_age=bool(data.get("partner_pension_credit_age", False)),
        partner_date_of_birth=_date(data.get("partner_date_of_birth")),
        partner_income=tuple(_income_from_dict(item) for item in data.get("partner_income", ())),
        partner_capital=tuple(_capital_from_dict(item) for item in data.get("partner_capital", ())),
        compare_joint=bool(data.get("compare_joint", False)),
        partner_housing_share=Decimal(str(data.get("partner_housing_share", "0.00"))),
    )


# --- result -------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Line:
    """One line of the working. ``section`` is capital, income, disregard, allowance or charge."""

    section: str
    label: str
    amount: Decimal
    rule: str = ""
    rate_code: str = ""

    def to_dict(self) -> dict:
        return {"section": self.section, "label": self.label, "amount": str(self.amount), "rule": self.rule,
                "rate_code": self.rate_code}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Line:
        return cls(data["section"], data["label"], Decimal(data["amount"]), data["rule"], data["rate_code"])


_RESULT_MONEY = (
    "total_capital", "capital_disregarded", "tariff_income", "gross_income", "income_disregarded",
    "assessed_income", "allowances", "housing_costs", "disability_related_expenditure",
    "charge_before_cap", "weekly_cost_of_care", "weekly_charge", "council_share",
)


@dataclass(frozen=True)
class AssessmentResult:
    setting: str
    assessment_date: dt.date
    basis: str  # "individual" or "joint"
    lines: tuple[Line, ...]
    total_capital: Decimal
    capital_disregarded: Decimal
    tariff_income: Decimal
    gross_income: Decimal
    income_disregarded: Decimal
    assessed_income: Decimal
    allowances: Decimal  # PEA, or MIG with premiums (housing costs and DRE are shown apart)
    housing_costs: Decimal
    disability_related_expenditure: Decimal
    charge_before_cap: Decimal
    weekly_cost_of_care: Decimal
    weekly_charge: Decimal
    council_share: Decimal
    full_cost: bool
    capped_at_cost: bool
    minimum_charge_applied: bool
    rates_used: Mapping[str, RateValue]
    compared_with: AssessmentResult | None = None
    #: The council policy applied (:meth:`charging.policy.terms.CouncilPolicy.to_dict`), kept with the
    #: result like the rates; empty on results stored before council policy existed.
    policy_used: Mapping[str, Any] = field(default_factory=dict)

    def lines_in(self, section: str) -> list[Line]:
        return [line for line in self.lines if line.section == section]

    def to_dict(self) -> dict:
        data: dict[str, Any] = {
            "setting": self.setting,
            "assessment_date": self.assessment_date.isoformat(),
            "basis": self.basis,
            "lines": [line.to_dict() for line in self.lines],
            "full_cost": self.full_cost,
            "capped_at_cost": self.capped_at_cost,
            "minimum_charge_applied": self.minimum_charge_applied,
            "rates_used": {code: rate.to_dict() for code, rate in sorted(self.rates_used.items())},
            "policy_used": dict(self.policy_used),
            "compared_with": self.compared_with.to_dict() if self.compared_with else None,
        }
        for name in _RESULT_MONEY:
            data[name] = str(getattr(self, name))
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AssessmentResult:
        return cls(
            setting=data["setting"],
            assessment_date=dt.date.fromisoformat(data["assessment_date"]),
            basis=data["basis"],
            lines=tuple(Line.from_dict(line) for line in data["lines"]),
            full_cost=data["full_cost"],
            capped_at_cost=data["capped_at_cost"],
            minimum_charge_applied=data["minimum_charge_applied"],
            rates_used={code: RateValue.from_dict(rate) for code, rate in data["rates_used"].items()},
            policy_used=data.get("policy_used") or {},
            compared_with=cls.from_dict(data["compared_with"]) if data.get("compared_with") else None,
            **{name: Decimal(data[name]) for name in _RESULT_MONEY},
        )


# --- the calculation ----------------------------------------------------------------------------

def _money(value, what: str) -> Decimal:
    """``value`` as pounds and pence; an exact amount (never a float), not negative."""
    if type(value) is Decimal and value >= 0:  # the usual case, kept fast
        pence = value.quantize(PENNY)
        if pence == value:
            return pence
    try:
        value = to_money(value)
    except (TypeError, ValueError) as exc:
        raise InvalidAssessment(f"{what}: {exc}") from None
    if value < 0:
        raise InvalidAssessment(f"{what} cannot be negative.")
    return value


def _gbp(amount: Decimal) -> str:
    return f"£{amount:,.2f}"


def age_on(date_of_birth: dt.date, day: dt.date) -> int:
    years = day.year - date_of_birth.year
    if (day.month, day.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years


class _Working:
    """Collects the lines and the rates they used."""

    __slots__ = ("lines", "policy", "rates", "used")

    def __init__(self, rates: Rates, policy: CouncilPolicy = NATIONAL_MINIMUM):
        self.lines: list[Line] = []
        self.used: dict[str, RateValue] = {}
        self.rates = rates
        self.policy = policy

    def policy_line(self, section: str, label: str, amount: Decimal, rule: str = "", rate_code: str = "") -> None:
        """A figure the council's own policy changed: a line of its own, named as policy."""
        source = f" ({self.policy.source})" if self.policy.source else ""
        self.lines.append(Line(section, f"Council policy: {label}", amount, f"{rule}{source}".strip(), rate_code))

    def rate(self, code: str) -> Decimal:
        value = self.rates.get(code)
        self.used[code] = value
        return value.amount

    def require(self, *codes: str) -> tuple[Decimal, ...]:
        values = self.rates.require(*codes)
        for value in values:
            self.used[value.code] = value
        return tuple(value.amount for value in values)

    def add(self, section: str, label: str, amount: Decimal, rule: str = "", rate_code: str = "") -> None:
        self.lines.append(Line(section, label, amount, rule, rate_code))


def twelve_week_disregard_applies(facts: PropertyDisregardFacts, on: dt.date) -> tuple[bool, int, dt.date | None]:
    """Whether the 12-week property disregard covers ``on``; the days available; the last day."""
    if facts.admission_date is None or on < facts.admission_date:
        return False, 0, None
    available = TWELVE_WEEKS_DAYS
    if (
        facts.previous_disregard_ended is not None
        and facts.previous_disregard_days_used
        and (facts.admission_date - facts.previous_disregard_ended).days <= FIFTY_TWO_WEEKS_DAYS
    ):
        available = max(TWELVE_WEEKS_DAYS - facts.previous_disregard_days_used, 0)
    if available == 0:
        return False, 0, None
    last_day = facts.admission_date + dt.timedelta(days=available - 1)
    return on <= last_day, available, last_day


def _capital(w: _Working, inp: AssessmentInput, items: tuple[CapitalItem, ...], owner: str = "") -> tuple[Decimal, Decimal]:
    """The capital counted and the capital disregarded, with a line for each item."""
    counted = ZERO
    disregarded = ZERO
    residential = inp.setting == Setting.RESIDENTIAL
    for item in items:
        value = _money(item.value, f"The value of {item.description}")
        label = f"{owner}{item.description}"
        if item.joint_owners > 1:
            share = round_money(value / item.joint_owners)
            label = f"{label} (1/{item.joint_owners} share of {_gbp(value)})"
            share_rule = "Joint capital: each owner has an equal share (Charging Regulations reg 24)"
        elif item.joint_owners < 1:
            raise InvalidAssessment(f"{item.description}: the number of owners must be at least 1.")
        else:
            share, share_rule = value, ""
        rule = ""
        if item.disregarded:
            if not item.disregard_reason:
                raise InvalidAssessment(f"{item.description}: give the reason the capital is disregarded.")
            rule = f"Disregarded: {item.disregard_reason}"
        elif item.kind == CapitalKind.MAIN_HOME:
            if not residential:
                rule = "Main home disregarded in non-residential care (DHSC, PQ 83486)"
            elif inp.property_disregard.mandatory_reason is not None:
                reason = MANDATORY_DISREGARD_LABELS[MandatoryDisregard(inp.property_disregard.mandatory_reason)]
                rule = f"Mandatory property disregard: {reason} (Charging Regulations Sch 2 para 4)"
            else:
                applies, available, last_day = twelve_week_disregard_applies(
                    inp.property_disregard, inp.assessment_date)
                if applies:
                    rule = (f"12-week property disregard: {available} days from "
                            f"{_long_date(inp.property_disregard.admission_date)} to {_long_date(last_day)}"
                            + (" (unused balance on re-entry within 52 weeks)" if available < TWELVE_WEEKS_DAYS
                               else "")
                            + " (Charging Regulations Sch 2 para 2)")
                elif inp.property_disregard.admission_date is not None \
                        and inp.assessment_date >= inp.property_disregard.admission_date:
                    ended = (f"ended on {_long_date(last_day)}" if last_day is not None
                             else "was used up before this admission")
                    share_rule = "; ".join(r for r in (share_rule, (
                        f"The 12-week property disregard {ended}: the home counts as capital from then "
                        "(Charging Regulations Sch 2 para 2)")) if r)
        if rule:
            disregarded += share
            w.add("capital", label, ZERO, "; ".join(r for r in (share_rule, rule) if r))
        else:
            counted += share
            w.add("capital", label, share, share_rule)
    return counted, disregarded


def _tariff(w: _Working, capital: Decimal, lcl: Decimal, step: Decimal) -> Decimal:
    if capital <= lcl:
        w.add("income", "Tariff income", ZERO, f"Capital at or below the lower capital limit {_gbp(lcl)}",
              "LCL")
        return ZERO
    excess = capital - lcl
    steps, part = divmod(excess, step)
    if part:  # £1 for every step *or part of a step*
        steps += 1
    tariff = ONE_POUND * steps
    w.add("income", "Tariff income", tariff,
          f"£1 a week for every {_gbp(step)} or part of {_gbp(step)} above {_gbp(lcl)}: "
          f"{_gbp(excess)} is {int(steps)} part(s)", "TARIFF_STEP")
    return tariff


def _income(w: _Working, inp: AssessmentInput, items: tuple[IncomeItem, ...], couple: bool,
            owner: str = "") -> tuple[Decimal, Decimal]:
    """Gross weekly income and the part disregarded, with a line for each and each disregard."""
    gross = ZERO
    disregarded = ZERO
    residential = inp.setting == Setting.RESIDENTIAL
    for item in items:
        kind = IncomeKind(item.kind)
        if item.frequency != Frequency.WEEKLY and item.amount is not None:
            entered = _money(item.amount, f"The amount of {INCOME_LABELS[kind]}")
            weekly = to_weekly(entered, item.frequency)  # one rule, whatever the caller worked out
        else:
            weekly = _money(item.weekly, f"The weekly amount of {INCOME_LABELS[kind]}")
        label = owner + (f"{INCOME_LABELS[kind]}: {item.description}" if item.description else INCOME_LABELS[kind])
        w.add("income", label, weekly, "; ".join(r for r in (item.conversion, item.uprating) if r))
        gross += weekly
        part, rule, code = ZERO, "", ""
        if kind in _FULLY_DISREGARDED:
            part, rule = weekly, _FULLY_DISREGARDED[kind]
        elif kind == IncomeKind.OTHER_DISREGARDED:
            if not item.description:
                raise InvalidAssessment("Say why the other income is disregarded.")
            part, rule = weekly, f"Disregarded: {item.description}"
        elif kind == IncomeKind.WAR_WIDOWS_PENSION:
            limit = w.rate("WAR_WIDOW_DISREGARD")
            part, rule, code = min(weekly, limit), f"Up to {_gbp(limit)} of a war widow's pension is disregarded", \
                "WAR_WIDOW_DISREGARD"
        elif kind in _NIGHT_CARE_KINDS and not residential and not inp.night_care_provided:
            higher, lower = w.require("AA_HIGHER", "AA_LOWER")
            part = min(weekly, max(higher - lower, ZERO))
            rule = (f"No night care provided: the night-care part ({_gbp(higher)} higher rate less "
                    f"{_gbp(lower)} lower rate) is disregarded")
            code = "AA_HIGHER"
        elif (kind == IncomeKind.PIP_DAILY_LIVING_ENHANCED and not residential and not inp.night_care_provided
              and w.policy.pip_night_care_disregard):
            enhanced, standard = w.require("PIP_DAILY_LIVING_ENHANCED", "PIP_DAILY_LIVING_STANDARD")
            night = min(weekly, max(enhanced - standard, ZERO))
            if night:
                disregarded += night
                w.policy_line("disregard", f"less the night-care part of {label}", -night,
                              f"No night care provided: {_gbp(enhanced)} enhanced less {_gbp(standard)} standard "
                              "rate is disregarded, as for higher-rate AA", "PIP_DAILY_LIVING_ENHANCED")
        elif kind == IncomeKind.SAVINGS_CREDIT and residential:
            code = "SAVINGS_CREDIT_DISREGARD_COUPLE" if couple else "SAVINGS_CREDIT_DISREGARD_SINGLE"
            limit = w.rate(code)
            part = min(weekly, limit)
            rule = f"Savings credit disregard, up to {_gbp(limit)} ({'couple' if couple else 'single'} rate)"
        elif kind in _PENSIONS_PASSABLE and residential and inp.pension_half_to_partner:
            part = round_money(weekly * HALF)
            rule = "Half the pension passes to the partner remaining at home"
        if part:
            disregarded += part
            w.add("disregard", f"Less {label}", -part, rule, code)
    return gross, disregarded


def pension_credit_age_on(born: dt.date | None, on: dt.date, recorded: bool) -> tuple[bool, str]:
    """Whether pension credit age is reached on ``on``, worked out from the date of birth (the
    State Pension age tables, :mod:`charging.assessments.pension_age`), and the working's words for it.
    The date of birth decides: a recorded flag that disagrees is named, never silently used. Without
    a date of birth (a partner's may be unknown) the recorded flag is all there is."""
    if born is None:
        return recorded, ("Pension credit age as recorded (no date of birth)" if recorded else "")
    reached_on = pension_credit_age_date(born)
    reached = on >= reached_on
    note = (f"Pension credit age {'reached on' if reached else 'not reached until'} {_long_date(reached_on)}, "
            f"from the date of birth {_long_date(born)}")
    if recorded != reached:
        note += (f"; recorded as {'' if recorded else 'not '}of pension credit age, which the date of birth "
                 "does not bear out: check the date of birth or the record")
    return reached, note


def _mig(w: _Working, inp: AssessmentInput, *, joint: bool) -> Decimal:
    """The Minimum Income Guarantee with premiums and child allowances, a line each."""
    age = age_on(inp.date_of_birth, inp.assessment_date)
    if age < 18:
        raise InvalidAssessment("Adult social care charging applies from age 18.")
    couple = inp.couple is not None
    people = [("", inp.pension_credit_age, age, inp.date_of_birth)]
    if joint and inp.couple is not None:
        partner_age = (age_on(inp.couple.partner_date_of_birth, inp.assessment_date)
                       if inp.couple.partner_date_of_birth else 25)
        people.append(("Partner: ", inp.couple.partner_pension_credit_age, partner_age,
                       inp.couple.partner_date_of_birth))
    total = ZERO
    for owner, recorded, years, born in people:
        pca, note = pension_credit_age_on(born, inp.assessment_date, recorded)
        if couple:
            code = "MIG_COUPLE_PCA" if pca else "MIG_COUPLE_18_PLUS"
        elif pca:
            code = "MIG_SINGLE_PCA"
        else:
            code = "MIG_SINGLE_18_24" if years < 25 else "MIG_SINGLE_25_TO_PCA"
        amount = w.rate(code)
        total += amount
        w.add("allowance", f"{owner}Minimum Income Guarantee", -amount,
              "; ".join(r for r in (w.rates.get(code).name, note) if r), code)
        uplift = w.policy.mig_uplifts.get(code)
        if uplift is not None:
            extra = uplift.on(amount)
            if extra:
                total += extra
                w.policy_line("allowance", f"{owner}local Minimum Income Guarantee uplift", -extra,
                              f"{uplift.words(amount)} added to the national figure", code)
    premiums = inp.premiums
    suffix = "COUPLE" if couple else "SINGLE"
    wanted = []
    if premiums.disability:
        wanted.append(f"MIG_DISABILITY_PREMIUM_{suffix}")
    if premiums.enhanced_disability:
        wanted.append(f"MIG_ENHANCED_DISABILITY_PREMIUM_{suffix}")
    if premiums.carer:
        wanted.append("MIG_CARER_PREMIUM")
    if premiums.dependent_children:
        wanted.append("MIG_DEPENDENT_CHILD")
    amounts = w.require(*wanted)
    for code, amount in zip(wanted, amounts):
        if code == "MIG_DEPENDENT_CHILD":
            count = premiums.dependent_children
            line_amount = amount * count
            w.add("allowance", f"Dependent children ({count} at {_gbp(amount)})", -line_amount,
                  "MIG allowance for each dependent child", code)
        else:
            line_amount = amount
            w.add("allowance", w.rates.get(code).name, -amount, "MIG premium", code)
        total += line_amount
    if couple and not joint and w.policy.couples_affordability_check and inp.couple is not None:
        # Reading's Affordability Checker for Couples (Appendix D of its Charging and Financial Assessment
        # Framework): (A) the person's MIG plus the partner's net income (income less their share of the
        # housing costs) against (B) the couple's personal allowance for DWP benefits; where A is less,
        # the MIG is raised by B - A.
        person_pca = pension_credit_age_on(inp.date_of_birth, inp.assessment_date, inp.pension_credit_age)[0]
        allowance_code = ("PC_GUARANTEE_COUPLE" if person_pca or inp.couple.partner_pension_credit_age
                          else "IS_PERSONAL_ALLOWANCE_COUPLE")
        (allowance,) = w.require(allowance_code)
        partner_income = sum((_money(item.weekly, "The partner's income") for item in inp.couple.partner_income), ZERO)
        share = _money(inp.couple.partner_housing_share, "The partner's share of the housing costs")
        partner_net = partner_income - share
        short = allowance - (total + partner_net)
        if short > ZERO:
            total += short
            w.policy_line("allowance", "couples affordability check", -short,
                          f"The MIG {_gbp(total - short)} and the partner's net income {_gbp(partner_net)} "
                          f"(income {_gbp(partner_income)} less their housing share {_gbp(share)}) come to less "
                          f"than the couple's personal allowance {_gbp(allowance)}: the MIG is raised by the "
                          "difference", allowance_code)
    return total


def _expenses(w: _Working, inp: AssessmentInput) -> tuple[Decimal, Decimal]:
    housing = ZERO
    for item in inp.housing_costs:
        amount = _money(item.weekly, f"Housing cost {item.description}")
        housing += amount
        w.add("allowance", f"Housing cost: {item.description}", -amount, "Housing costs are deducted")
    itemised = ZERO
    for item in inp.dre_items:
        amount = _money(item.weekly, f"Disability related expenditure {item.description}")
        itemised += amount
        w.add("allowance", f"Disability related expenditure: {item.description}", -amount,
              "Disability related expenditure (itemised, on evidence)")
    dre = itemised
    entitled = not w.policy.dre_flat_needs_disability_benefit or any(
        str(item.kind) in DISABILITY_BENEFIT_KINDS for item in inp.income)
    if w.policy.dre_flat is not None and entitled:
        flat = w.policy.dre_flat
        if itemised > flat and w.policy.dre_itemised_if_higher:
            w.policy_line("allowance", "itemised disability related expenditure used", ZERO,
                          f"The itemised {_gbp(itemised)} is more than the flat rate {_gbp(flat)}")
        elif flat:
            if itemised:
                w.add("allowance", "Itemised disability related expenditure replaced by the flat rate", itemised,
                      "The council's flat rate applies" + ("" if w.policy.dre_itemised_if_higher
                                                            else " whatever the items come to"))
            w.policy_line("allowance", "flat rate disability related expenditure", -flat,
                          f"{_gbp(flat)} a week for everyone assessed at home")
            dre = flat
    elif inp.dre_flat_rate:
        flat = w.rate("DRE_FLAT")
        if flat > itemised:
            if itemised:
                w.add("allowance", "Itemised disability related expenditure replaced by the flat rate",
                      itemised, "The flat rate is more than the evidence shows")
            w.add("allowance", "Disability related expenditure: flat rate", -flat,
                  "The council's flat rate allowance", "DRE_FLAT")
            dre = flat
    return housing, dre


def _assess_one(inp: AssessmentInput, rates: Rates, *, joint: bool,
                policy: CouncilPolicy = NATIONAL_MINIMUM) -> AssessmentResult:
    w = _Working(rates, policy)
    residential = inp.setting == Setting.RESIDENTIAL
    cost = _money(inp.weekly_cost_of_care, "The weekly cost of care")
    ucl, lcl, step = w.require("UCL", "LCL", "TARIFF_STEP")
    if not residential:
        if policy.non_residential_ucl is not None and policy.non_residential_ucl != ucl:
            w.policy_line("capital", "upper capital limit for care at home", policy.non_residential_ucl,
                          f"In place of the national {_gbp(ucl)}", "UCL")
            ucl = policy.non_residential_ucl
        if policy.non_residential_lcl is not None and policy.non_residential_lcl != lcl:
            w.policy_line("capital", "lower capital limit for care at home", policy.non_residential_lcl,
                          f"In place of the national {_gbp(lcl)}", "LCL")
            lcl = policy.non_residential_lcl

    # Capital
    capital, capital_disregarded = _capital(w, inp, inp.capital)
    notional = _money(inp.notional_capital, "Notional capital")
    if notional:
        if not inp.notional_capital_reason.strip():
            raise InvalidAssessment("Notional capital needs the recorded reason for the deprivation decision.")
        capital += notional
        w.add("capital", "Notional capital (deprivation of assets)", notional,
              f"Treated as still held (Annex E): {inp.notional_capital_reason}")
    w.add("capital", "Total capital", capital)
    full_cost = capital > ucl
    if full_cost:
        tariff = ZERO
        w.add("income", "Tariff income", ZERO, f"Not used: capital is above the upper capital limit {_gbp(ucl)}",
              "UCL")
    else:
        tariff = _tariff(w, capital, lcl, step)
    partner_tariff = ZERO
    if joint and inp.couple is not None and inp.couple.partner_capital:
        partner_capital, partner_disregarded = _capital(w, inp, inp.couple.partner_capital, "Partner: ")
        capital_disregarded += partner_disregarded
        w.add("capital", "Partner: total capital", partner_capital)
        # The partner's own capital above the limit adds no more than the limit's tariff income.
        partner_tariff = _tariff(w, min(partner_capital, ucl), lcl, step)

    # Income
    couple = inp.couple is not None
    gross, income_disregarded = _income(w, inp, inp.income, couple)
    if joint and inp.couple is not None:
        partner_gross, partner_disregarded = _income(w, inp, inp.couple.partner_income, couple, "Partner: ")
        gross += partner_gross
        income_disregarded += partner_disregarded
    assessed = gross - income_disregarded + tariff + partner_tariff
    w.add("income", "Assessed income", assessed, "Income less disregards, plus tariff income")

    # Allowances
    housing = dre = ZERO
    if residential:
        allowances = w.rate("PEA")
        _, note = pension_credit_age_on(inp.date_of_birth, inp.assessment_date, inp.pension_credit_age)
        w.add("allowance", "Personal expenses allowance", -allowances,
              "Residential care: the person keeps the PEA" + (f"; {note}" if "recorded as" in note else ""), "PEA")
    else:
        allowances = _mig(w, inp, joint=joint)
        housing, dre = _expenses(w, inp)
    before_cap = assessed - allowances - housing - dre
    if before_cap < ZERO:
        if not full_cost:  # above the upper limit the full cost is paid whatever the income
            w.add("charge", "Income is below the allowances", -before_cap, "A charge is never less than nothing")
        before_cap = ZERO
    if not residential and not full_cost and before_cap > ZERO and policy.charge_percent != HUNDRED:
        charged = round_money(before_cap * policy.charge_percent / HUNDRED)
        w.policy_line("charge", f"{policy.charge_percent.normalize():f}% of assessable income is charged",
                      charged - before_cap, f"{_gbp(before_cap)} assessable income, "
                      f"{policy.charge_percent.normalize():f}% charged: {_gbp(charged)}")
        before_cap = charged
    light_touch = (
        not residential and not full_cost and policy.light_touch_income_limit is not None
        and all(str(item.kind) in LIGHT_TOUCH_KINDS for item in inp.income)
        and gross <= policy.light_touch_income_limit and capital <= lcl
    )

    # Charge
    capped = minimum = False
    if full_cost:
        charge = cost
        w.add("charge", "Full cost of care", cost,
              f"Capital {_gbp(capital)} is above the upper capital limit {_gbp(ucl)}", "UCL")
    else:
        charge = before_cap
        if charge > cost:
            capped = True
            w.add("charge", "Charge capped at the cost of care", cost,
                  f"Assessed {_gbp(charge)} is more than the cost of care {_gbp(cost)}")
            charge = cost
        if not residential and charge > ZERO and policy.personal_budget_percent != HUNDRED:
            share = round_money(cost * policy.personal_budget_percent / HUNDRED)
            if charge > share:
                pct = f"{policy.personal_budget_percent.normalize():f}%"
                w.policy_line("charge", f"at most {pct} of the personal budget is charged", share - charge,
                              f"Assessed {_gbp(charge)}; {pct} of the cost of care {_gbp(cost)} is {_gbp(share)}")
                charge = share
        if light_touch and charge > ZERO:
            w.policy_line("charge", "light-touch assessment, no charge", -charge,
                          f"Only the State Pension and benefits, {_gbp(gross)} a week, at or below "
                          f"{_gbp(policy.light_touch_income_limit)}, and capital at or below {_gbp(lcl)}")
            charge = ZERO
        if not residential and charge > ZERO and policy.minimum_charge is not None:
            if charge < policy.minimum_charge:
                minimum = True
                w.policy_line("charge", "below the minimum weekly charge", -charge,
                              f"Charges below {_gbp(policy.minimum_charge)} a week are not collected")
                charge = ZERO
        elif not residential and charge > ZERO:
            threshold = w.rates.optional("MIN_CHARGE")
            if threshold is not None and charge < threshold.amount:
                w.used["MIN_CHARGE"] = threshold
                minimum = True
                w.add("charge", "Below the minimum charge", -charge,
                      f"Charges below {_gbp(threshold.amount)} a week are not collected", "MIN_CHARGE")
                charge = ZERO
    charge = round_money(charge)
    w.add("charge", "Weekly charge", charge)
    council_share = cost - charge
    w.add("charge", "Council pays", council_share, f"Cost of care {_gbp(cost)} less the person's charge")
    return AssessmentResult(
        setting=str(inp.setting), assessment_date=inp.assessment_date, basis="joint" if joint else "individual",
        lines=tuple(w.lines), total_capital=capital, capital_disregarded=capital_disregarded,
        tariff_income=tariff + partner_tariff, gross_income=gross, income_disregarded=income_disregarded,
        assessed_income=assessed, allowances=allowances, housing_costs=housing,
        disability_related_expenditure=dre, charge_before_cap=before_cap, weekly_cost_of_care=cost,
        weekly_charge=charge, council_share=council_share, full_cost=full_cost, capped_at_cost=capped,
        minimum_charge_applied=minimum, rates_used=w.used, policy_used=policy.to_dict(),
    )


def assess(inp: AssessmentInput, rates: Rates, policy: CouncilPolicy = NATIONAL_MINIMUM) -> AssessmentResult:
    """The weekly charge for ``inp`` under ``rates`` and the council's ``policy``, with its full working."""
    individual = _assess_one(inp, rates, joint=False, policy=policy)
    if (
        inp.couple is None
        or not inp.couple.compare_joint
        or inp.setting != Setting.NON_RESIDENTIAL
        or individual.full_cost
    ):
        return individual
    joint = _assess_one(inp, rates, joint=True, policy=policy)
    if joint.weekly_charge < individual.weekly_charge:
        return _with_comparison(joint, individual)
    return _with_comparison(individual, joint)


def _with_comparison(chosen: AssessmentResult, other: AssessmentResult) -> AssessmentResult:
    note = Line("charge", f"Compared with the {other.basis} assessment ({_gbp(other.weekly_charge)} a week)",
                chosen.weekly_charge, f"The {chosen.basis} assessment is used: it is the more favourable")
    values = {name: getattr(chosen, name) for name in AssessmentResult.__dataclass_fields__}
    values["lines"] = chosen.lines + (note,)
    values["compared_with"] = other
    values["rates_used"] = {**other.rates_used, **chosen.rates_used}
    return AssessmentResult(**values)
