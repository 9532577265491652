"""The April uprating of a person's income: each state benefit and pension moved to the new year's
published amount, other income by the percentage the team leader gives, or carried over for an officer
to check. Pure functions (no database, no clock) over the rates in force the day before the uplift
(``old``) and on the uplift date (``new``), so the rule is tested on its own and the preview, the new
assessment's working and the letter say the same thing.

The rule, line by line (:func:`uprate_line`):

1. **Exactly last year's rate for its kind** (the full new State Pension, an Attendance Allowance
   rate, a PIP or DLA component, Carer's Allowance, the Pension Credit standard minimum guarantee...):
   this year's rate for the kind, from the rates table.
2. **Another amount of a pension whose uprating is a published percentage**:

   - new State Pension below the full rate, and basic State Pension other than the full rate
     (a Category B rate, fewer qualifying years): DWP applies the percentage by which the full rate
     rose - the new full rate divided by the old one, both rounded by DWP to the nearest 5p - to the
     amount in payment (House of Lords written answer HL10770). We multiply by that ratio and round
     to the nearest penny, half a penny up (:func:`ledger.money.round_money`);
   - additional State Pension and protected payments rise by prices: the CPI percentage (rate
     ``UPRATING_CPI``), rounded to the nearest penny, half up (HL10770: "rounded to the nearest
     penny").

3. **Other income** (occupational and private pensions, annuities, other income): the percentage the
   team leader gave when starting the uplift, rounded to the nearest penny, half up; without one it is
   carried over unchanged and flagged for an officer to check.
4. **Means-tested or personal amounts** (Pension Credit other than the standard minimum guarantee,
   savings credit, ESA, Universal Credit, a war widow's pension, a flat-rate benefit recorded at an
   amount that is not one of its rates, a State Pension whose kind was not recorded): carried over
   unchanged and flagged for an officer to check against the person's award letter. Guessing them
   would put an unexplained figure in a letter.
5. **Income disregarded in full** (earnings, Housing Benefit, Council Tax Reduction, Child Benefit,
   other income the officer disregarded): carried over; it cannot change the charge. A mobility
   component at exactly its rate is still moved to the new rate, so the record stays true.

A figure rule 1 or 2 needs that is not in the table for the new year (the row in force on the uplift
date is still last year's) refuses the person's uprating (:class:`MissingUprating`, naming the rate):
the preview shows why and nothing is guessed. Each explanation names the figures it used; their
sources are on the rates pages (``rate_codes`` on each line say which).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from charging.assessments.calculator import (
    INCOME_LABELS,
    AssessmentInput,
    Frequency,
    IncomeItem,
    IncomeKind,
    Rates,
    RateValue,
)
from charging.rates.codes import rate_name
from core.exceptions import ApplicationError
from ledger.money import round_money

HUNDRED = Decimal("100")

#: The kinds paid at a published flat rate: exactly last year's rate moves to this year's.
FLAT_RATES: dict[IncomeKind, tuple[str, ...]] = {
    IncomeKind.NEW_STATE_PENSION: ("SP_NEW_FULL",),
    IncomeKind.BASIC_STATE_PENSION: ("SP_BASIC_FULL",),
    IncomeKind.STATE_PENSION: ("SP_NEW_FULL", "SP_BASIC_FULL"),
    IncomeKind.PENSION_CREDIT_GUARANTEE: ("PC_GUARANTEE_SINGLE", "PC_GUARANTEE_COUPLE"),
    IncomeKind.AA_HIGHER: ("AA_HIGHER",),
    IncomeKind.AA_LOWER: ("AA_LOWER",),
    IncomeKind.DLA_CARE_HIGH: ("AA_HIGHER",),
    IncomeKind.DLA_CARE_MIDDLE: ("AA_LOWER",),
    IncomeKind.DLA_CARE_LOW: ("DLA_CARE_LOWEST",),
    IncomeKind.DLA_MOBILITY_HIGH: ("DLA_MOBILITY_HIGHER",),
    IncomeKind.DLA_MOBILITY_LOW: ("DLA_MOBILITY_LOWER",),
    IncomeKind.PIP_DAILY_LIVING_ENHANCED: ("PIP_DAILY_LIVING_ENHANCED",),
    IncomeKind.PIP_DAILY_LIVING_STANDARD: ("PIP_DAILY_LIVING_STANDARD",),
    IncomeKind.PIP_MOBILITY_ENHANCED: ("PIP_MOBILITY_ENHANCED",),
    IncomeKind.PIP_MOBILITY_STANDARD: ("PIP_MOBILITY_STANDARD",),
    IncomeKind.CARERS_ALLOWANCE: ("CARERS_ALLOWANCE",),
}

#: Pensions below the full rate that rise by the full rate's percentage (the ratio of the full rates).
BELOW_FULL_RATE: dict[IncomeKind, str] = {
    IncomeKind.NEW_STATE_PENSION: "SP_NEW_FULL",
    IncomeKind.BASIC_STATE_PENSION: "SP_BASIC_FULL",
}

#: Income that rises by the percentage the team leader gives (or is carried over for checking).
STATED_PERCENTAGE = frozenset({IncomeKind.OCCUPATIONAL_PENSION, IncomeKind.PRIVATE_PENSION, IncomeKind.OTHER})

#: Income disregarded in full: carried over, it cannot change the charge.
DISREGARDED = frozenset({
    IncomeKind.EARNINGS, IncomeKind.HOUSING_BENEFIT, IncomeKind.COUNCIL_TAX_REDUCTION, IncomeKind.CHILD_BENEFIT,
    IncomeKind.OTHER_DISREGARDED, IncomeKind.PIP_MOBILITY_STANDARD, IncomeKind.PIP_MOBILITY_ENHANCED,
    IncomeKind.DLA_MOBILITY_LOW, IncomeKind.DLA_MOBILITY_HIGH,
})

CHECK_REASONS = {
    IncomeKind.STATE_PENSION: "the kind of State Pension was not recorded, so the percentage it rises by is "
                              "not known",
    IncomeKind.PENSION_CREDIT_GUARANTEE: "Pension Credit is means-tested: the new amount depends on the "
                                         "person's other income",
    IncomeKind.SAVINGS_CREDIT: "savings credit is means-tested: the new amount depends on the person's "
                               "other income",
    IncomeKind.ESA: "Employment and Support Allowance depends on the person's award",
    IncomeKind.UNIVERSAL_CREDIT: "Universal Credit is means-tested and assessed monthly",
    IncomeKind.WAR_WIDOWS_PENSION: "a war widow's pension is set by its own scheme",
}

# How a line was uprated (kept with the preview; the template shows a tag for each).
BY_RATE = "rate"
BY_FULL_RATE_PERCENTAGE = "full_rate_percentage"
BY_CPI = "cpi"
BY_STATED_PERCENTAGE = "stated_percentage"
CARRIED_OVER = "carried_over"
TO_CHECK = "to_check"


class MissingUprating(ApplicationError):
    """The new year's figure an income line needs is not in the rates table yet."""

    code = "missing_rate"
    status = 409

    def __init__(self, *, on: dt.date, codes: list[str]):
        self.on = on
        self.codes = tuple(dict.fromkeys(codes))
        named = "; ".join(f"{rate_name(code)} ({code})" for code in self.codes)
        super().__init__(f"No figure from {on.day} {on:%B %Y} for: {named}. Add the new year's figure to the "
                         f"rates before working out the uplift", extra={"codes": list(self.codes)})


@dataclass(frozen=True)
class StatedPercentage:
    """The percentage the team leader gives for other income (occupational and private pensions,
    annuities, other income), with what it is based on."""

    percent: Decimal
    basis: str


@dataclass(frozen=True)
class UpratedLine:
    """One income line before and after the uprating, and how the new amount was reached."""

    owner: str  # "" for the person, "Partner" for a partner's income in a joint assessment
    kind: str
    label: str
    old: Decimal
    new: Decimal
    method: str
    explanation: str
    rate_codes: tuple[str, ...] = ()

    @property
    def to_check(self) -> bool:
        return self.method == TO_CHECK

    def to_dict(self) -> dict:
        return {"owner": self.owner, "kind": self.kind, "label": self.label, "old": str(self.old),
                "new": str(self.new), "method": self.method, "explanation": self.explanation,
                "rate_codes": list(self.rate_codes)}


def _gbp(amount: Decimal) -> str:
    return f"£{amount:,.2f}"


def _percent(value: Decimal) -> str:
    return f"{value.normalize():f}%"


def _year(rate: RateValue) -> str:
    start = rate.effective_from
    first = start.year if start.month >= 4 else start.year - 1
    return f"{first}/{str(first + 1)[-2:]}"


def _new_year_rate(code: str, *, old: Rates, new: Rates, missing: list[str]) -> RateValue | None:
    """This year's figure for ``code``: the row in force on the uplift date, if it is a newer row
    than last year's; otherwise the figure is missing (recorded in ``missing``)."""
    now, before = new.optional(code), old.optional(code)
    if now is None or (before is not None and now.effective_from <= before.effective_from):
        missing.append(code)
        return None
    return now


def _line_label(item: IncomeItem) -> str:
    label = INCOME_LABELS[IncomeKind(item.kind)]
    return f"{label}: {item.description}" if item.description else label


def uprate_line(item: IncomeItem, *, old: Rates, new: Rates, stated: StatedPercentage | None,
                owner: str = "", missing: list[str] | None = None) -> UpratedLine:
    """The line after the uprating (see the module's docstring). Figures the rule needs that have no
    new-year row are added to ``missing`` (the caller refuses the person's uprating)."""
    missing = missing if missing is not None else []
    kind = IncomeKind(item.kind)
    amount = item.weekly
    label = _line_label(item)

    def line(new_amount: Decimal, method: str, explanation: str, *codes: str) -> UpratedLine:
        return UpratedLine(owner, str(kind), label, amount, new_amount, method, explanation, codes)

    # 1. Exactly last year's rate for the kind.
    for code in FLAT_RATES.get(kind, ()):
        before = old.optional(code)
        if before is not None and before.amount == amount:
            now = _new_year_rate(code, old=old, new=new, missing=missing)
            if now is None:
                return line(amount, CARRIED_OVER, "", code)
            return line(now.amount, BY_RATE,
                        f"{_gbp(amount)} was the {_year(before)} rate ({before.name}); the {_year(now)} rate is "
                        f"{_gbp(now.amount)}", code)

    # 2. Pensions that rise by a published percentage.
    if kind in BELOW_FULL_RATE:
        code = BELOW_FULL_RATE[kind]
        before = old.optional(code)
        now = _new_year_rate(code, old=old, new=new, missing=missing)
        if before is None:
            missing.append(code)
        if before is None or now is None:
            return line(amount, CARRIED_OVER, "", code)
        ratio = now.amount / before.amount
        uprated = round_money(amount * ratio)
        return line(uprated, BY_FULL_RATE_PERCENTAGE,
                    f"Uprated by the percentage the full rate rose ({_gbp(before.amount)} to {_gbp(now.amount)}, "
                    f"{_percent(((ratio - 1) * HUNDRED).quantize(Decimal('0.001')))}), as DWP uprates a pension "
                    f"below the full rate, rounded to the nearest penny: {_gbp(uprated)}", code)
    if kind == IncomeKind.ADDITIONAL_STATE_PENSION:
        now = _new_year_rate("UPRATING_CPI", old=old, new=new, missing=missing)
        if now is None:
            return line(amount, CARRIED_OVER, "", "UPRATING_CPI")
        uprated = round_money(amount * (HUNDRED + now.amount) / HUNDRED)
        return line(uprated, BY_CPI,
                    f"Uprated by prices (CPI), {_percent(now.amount)} from {now.effective_from.day} "
                    f"{now.effective_from:%B %Y}, rounded to the nearest penny: {_gbp(uprated)}", "UPRATING_CPI")

    # 3. Other income: the team leader's percentage, or an officer checks it.
    if kind in STATED_PERCENTAGE:
        if stated is not None:
            uprated = round_money(amount * (HUNDRED + stated.percent) / HUNDRED)
            return line(uprated, BY_STATED_PERCENTAGE,
                        f"Uprated by {_percent(stated.percent)}, the percentage given for other income in this "
                        f"uplift ({stated.basis}), rounded to the nearest penny: {_gbp(uprated)}")
        return line(amount, TO_CHECK, "Carried over unchanged: no percentage was given for other income in this "
                                      "uplift. An officer checks the new amount with the payer")

    # 5. Disregarded in full.
    if kind in DISREGARDED:
        return line(amount, CARRIED_OVER, "Carried over unchanged: it is disregarded in full, so it does not "
                                          "change the charge")

    # 4. Everything else is checked by an officer.
    reason = CHECK_REASONS.get(kind)
    if reason is None and kind in FLAT_RATES:
        names = " or ".join(rate_name(code) for code in FLAT_RATES[kind])
        reason = f"{_gbp(amount)} is not last year's rate ({names})"
    reason = reason or "its new amount is not published"
    return line(amount, TO_CHECK, f"Carried over unchanged: {reason}. An officer checks the new amount "
                                  f"with the person's award letter")


@dataclass(frozen=True)
class UpratedIncome:
    inputs: AssessmentInput
    lines: tuple[UpratedLine, ...]

    @property
    def to_check(self) -> tuple[UpratedLine, ...]:
        return tuple(line for line in self.lines if line.to_check)


def uprate_income(inputs: AssessmentInput, *, old: Rates, new: Rates,
                  stated: StatedPercentage | None = None) -> UpratedIncome:
    """The person's inputs with every income line (theirs and a partner's) uprated, each new line
    carrying its explanation (``IncomeItem.uprating``), and the lines old and new for the preview.
    Raises :class:`MissingUprating` naming every new-year figure the lines need and the table lacks."""
    missing: list[str] = []
    lines: list[UpratedLine] = []

    def uprate(items: tuple[IncomeItem, ...], owner: str) -> tuple[IncomeItem, ...]:
        out = []
        for item in items:
            result = uprate_line(item, old=old, new=new, stated=stated, owner=owner, missing=missing)
            lines.append(result)
            moved = result.new != item.weekly  # a moved income is a weekly figure from now on
            out.append(dataclasses.replace(item, weekly=result.new, uprating=result.explanation,
                                           **({"frequency": Frequency.WEEKLY, "amount": None} if moved else {})))
        return tuple(out)

    income = uprate(inputs.income, "")
    couple = inputs.couple
    if couple is not None and couple.partner_income:
        couple = dataclasses.replace(couple, partner_income=uprate(couple.partner_income, "Partner"))
    if missing:
        raise MissingUprating(on=new.on, codes=missing)
    return UpratedIncome(inputs=dataclasses.replace(inputs, income=income, couple=couple), lines=tuple(lines))
