"""A council's charging policy as the calculator reads it: plain values, no Django.

The Care Act and the Charging Regulations set minimums; a council may be more generous and publishes
its choices in its charging policy. :class:`CouncilPolicy` holds those choices as they stood on a
day; the calculator (:func:`charging.assessments.calculator.assess`) applies each one that changes a
figure as a line of its own on the working ("Council policy: ..."), and the result keeps the policy
used (``policy_used``), so a stored assessment never changes.

Every field's default changes nothing: :data:`NATIONAL_MINIMUM` is the Care Act as it stands.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from decimal import Decimal
from typing import Any

PERCENT = "percent"
AMOUNT = "amount"
HUNDRED = Decimal("100")

#: The MIG bands a council may uplift (the premiums are national and left alone).
MIG_BANDS: tuple[str, ...] = (
    "MIG_SINGLE_18_24", "MIG_SINGLE_25_TO_PCA", "MIG_SINGLE_PCA", "MIG_COUPLE_18_PLUS", "MIG_COUPLE_PCA",
)

#: Income a light-touch assessment may rest on: the State Pension and DWP benefits (as on an award letter).
#: The disability benefits (counted as income) that a flat DRE may depend on.
DISABILITY_BENEFIT_KINDS = frozenset({
    "aa_lower", "aa_higher", "dla_care_low", "dla_care_middle", "dla_care_high",
    "pip_daily_living_standard", "pip_daily_living_enhanced",
})

LIGHT_TOUCH_KINDS = frozenset({
    "state_pension", "new_state_pension", "basic_state_pension", "additional_state_pension",
    "pension_credit_guarantee", "savings_credit", "esa", "universal_credit",
    "pip_daily_living_standard", "pip_daily_living_enhanced", "pip_mobility_standard", "pip_mobility_enhanced",
    "dla_care_low", "dla_care_middle", "dla_care_high", "dla_mobility_low", "dla_mobility_high",
    "aa_lower", "aa_higher", "housing_benefit", "council_tax_reduction", "child_benefit",
})


@dataclass(frozen=True, slots=True)
class MigUplift:
    """A local uplift of one MIG band: a percentage of the national figure, or an amount a week."""

    kind: str  # PERCENT or AMOUNT
    value: Decimal

    def on(self, national: Decimal) -> Decimal:
        from ledger.money import round_money

        return round_money(national * self.value / HUNDRED) if self.kind == PERCENT else self.value

    def words(self, national: Decimal) -> str:
        if self.kind == PERCENT:
            return f"{self.value.normalize():f}% of £{national:,.2f}"
        return f"£{self.value:,.2f} a week"


@dataclass(frozen=True, slots=True)
class CouncilPolicy:
    """The council's choices in force on a day (see the module's docstring)."""

    effective_from: dt.date | None = None
    #: The policy document the choices come from (title and address).
    source: str = ""
    #: Local MIG: band code -> uplift on the national figure.
    mig_uplifts: Mapping[str, MigUplift] = field(default_factory=dict)
    #: A flat weekly disability related expenditure allowance for everyone assessed at home.
    dre_flat: Decimal | None = None
    #: With a flat DRE: the itemised DRE is used instead where it is higher (else the flat rate only).
    dre_itemised_if_higher: bool = True
    #: The flat DRE only for someone receiving a disability benefit counted as income (Attendance
    #: Allowance, DLA care or PIP daily living), as Reading and Kent give it.
    dre_flat_needs_disability_benefit: bool = False
    #: Charges below this a week are not collected (care at home).
    minimum_charge: Decimal | None = None
    #: The share of assessable income charged (care at home), e.g. 90.
    charge_percent: Decimal = HUNDRED
    #: The most charged, as a share of the weekly cost of care (the personal budget), e.g. 90: someone
    #: whose assessable income is more pays at most this share (care at home, means-tested).
    personal_budget_percent: Decimal = HUNDRED
    #: Care at home without night care: disregard the night-care part of enhanced PIP daily living
    #: (enhanced less standard), as for higher-rate AA and highest-rate DLA care.
    pip_night_care_disregard: bool = False
    #: Couples (care at home), Reading's Affordability Checker: where the person's MIG plus the partner's net
    #: income (income less their share of the housing costs) is below the couple's personal allowance for
    #: DWP benefits (Pension Credit standard minimum guarantee for a couple where either has reached
    #: pension credit age, else the Income Support couple personal allowance), the MIG is raised by the
    #: difference.
    couples_affordability_check: bool = False
    #: Capital limits for care at home, where higher than the national ones.
    non_residential_ucl: Decimal | None = None
    non_residential_lcl: Decimal | None = None
    #: Light-touch: someone at home with only the State Pension and benefits, at most this a week in
    #: all, and capital at or below the lower limit, is charged nothing without a full assessment.
    light_touch_income_limit: Decimal | None = None

    @property
    def is_national_minimum(self) -> bool:
        return self.to_dict(with_source=False) == NATIONAL_MINIMUM.to_dict(with_source=False)

    def to_dict(self, *, with_source: bool = True) -> dict:
        data: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "mig_uplifts":
                value = {band: {"kind": u.kind, "value": str(u.value)} for band, u in sorted(value.items())}
            elif isinstance(value, Decimal):
                value = str(value)
            elif isinstance(value, dt.date):
                value = value.isoformat()
            data[f.name] = value
        if not with_source:
            data.pop("source"), data.pop("effective_from")
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CouncilPolicy:
        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name not in data:
                continue
            value = data[f.name]
            if f.name == "mig_uplifts":
                value = {band: MigUplift(u["kind"], Decimal(str(u["value"]))) for band, u in (value or {}).items()}
            elif f.name == "effective_from":
                value = dt.date.fromisoformat(value) if value else None
            elif f.name in DECIMAL_FIELDS:
                value = Decimal(str(value)) if value is not None else (HUNDRED if f.name in PERCENT_FIELDS else None)
            values[f.name] = value
        return cls(**values)


PERCENT_FIELDS = frozenset({"charge_percent", "personal_budget_percent"})
DECIMAL_FIELDS = frozenset({"dre_flat", "minimum_charge", *PERCENT_FIELDS, "non_residential_ucl",
                            "non_residential_lcl", "light_touch_income_limit"})

NATIONAL_MINIMUM = CouncilPolicy(source="The Care Act 2014 and the Charging Regulations only (no local policy)")
