"""When an approved assessment's charge starts, and how the letter explains it: a pure function of
the charges and dates (no database, no clock), so the rule is tested on its own.

The council's rule (``docs/decisions.md``, "Financial assessments: approval, backdating and the
letter"):

- a **first** assessment (no assessment in force for the client and setting) takes effect from the
  day the care package started;
- a re-assessment that **lowers** the charge (or leaves it the same) takes effect from the date of the
  change in circumstances, the assessment date, but never before the assessment it replaces took
  effect;
- a re-assessment that **raises** the charge takes effect from the Monday on or after approval:
  increases are never backdated.

When the charge starts before the approval date (the date of the letter), the days in between are
"backdated": a first assessment's charge for them goes on the first invoice; a lower charge's
difference for them is credited. Part weeks are charged by the day (a seventh of the weekly charge),
rounded half up to the penny once, on the total.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from charging.assessments.choices import BackdatingRule
from ledger.money import round_money

DAYS_IN_WEEK = 7
WEEKS_PLACES = Decimal("0.0001")


@dataclass(frozen=True)
class Backdating:
    rule: str
    effective_from: dt.date
    #: Days from ``effective_from`` to the approval date (0 when the charge starts on or after it).
    days: int
    #: ``days`` / 7, for the record (None when nothing is backdated).
    weeks: Decimal | None
    #: First assessment: the charge for the backdated days. Lower charge: what the person was charged
    #: too much for them. None when there is no money to settle.
    amount: Decimal | None
    explanation: str


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def gbp(amount: Decimal) -> str:
    return f"£{amount:,.2f}"


def monday_on_or_after(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=(7 - day.weekday()) % 7)


def weeks_and_days(days: int) -> str:
    """"16 weeks", "1 week and 3 days", "5 days"."""
    weeks, rest = divmod(days, DAYS_IN_WEEK)
    parts = []
    if weeks:
        parts.append(f"{weeks} week{'s' if weeks != 1 else ''}")
    if rest or not weeks:
        parts.append(f"{rest} day{'s' if rest != 1 else ''}")
    return " and ".join(parts)


def _charge_for(weekly: Decimal, days: int) -> Decimal:
    return round_money(weekly * days / DAYS_IN_WEEK)


def backdating_for(
    *,
    new_charge: Decimal,
    previous_charge: Decimal | None,
    previous_effective_from: dt.date | None,
    care_started: dt.date,
    assessment_date: dt.date,
    approved_on: dt.date,
) -> Backdating:
    """When the new charge starts and the sentence that explains it. ``previous_*`` describe the
    assessment in force for the same client and setting, or are None for a first assessment."""
    if previous_charge is None:
        rule = BackdatingRule.FIRST
        start = care_started
    elif new_charge > previous_charge:
        rule = BackdatingRule.INCREASE
        start = monday_on_or_after(approved_on)
    else:
        rule = BackdatingRule.DECREASE if new_charge < previous_charge else BackdatingRule.UNCHANGED
        start = max(assessment_date, previous_effective_from) if previous_effective_from else assessment_date
    days = max((approved_on - start).days, 0)
    weeks = (Decimal(days) / DAYS_IN_WEEK).quantize(WEEKS_PLACES) if days else None
    when = f"{weeks_and_days(days)} before this letter"
    amount = None

    if rule == BackdatingRule.FIRST:
        if start > approved_on:
            text = f"This charge applies from {long_date(start)}, when your care starts."
        elif not days:
            text = f"This charge applies from {long_date(start)}, when your care started."
        else:
            amount = _charge_for(new_charge, days)
            text = f"This charge applies from {long_date(start)}, when your care started: {when}."
            if amount:
                text += f" The charge for those weeks, {gbp(amount)}, will be on your first invoice."
            else:
                text += " Your charge is nothing, so there is nothing to pay for those weeks."
    elif rule == BackdatingRule.INCREASE:
        text = (f"Your new charge applies from Monday {long_date(start)}, the Monday after we approved this "
                f"assessment. We never backdate an increase: until then you pay your previous charge of "
                f"{gbp(previous_charge)} a week.")
    elif rule == BackdatingRule.DECREASE:
        reason = "when your circumstances changed" if start == assessment_date else \
            "when your previous assessment took effect"
        if days:
            amount = _charge_for(previous_charge - new_charge, days)
            text = (f"Your new charge applies from {long_date(start)}, {reason}: {when}. For those weeks you "
                    f"have been charged {gbp(amount)} more than your new charge. We will take this off your "
                    f"next invoice, or refund it if there is nothing left to pay.")
        else:
            text = f"Your new charge applies from {long_date(start)}, {reason}."
    else:
        weeks = None  # nothing to settle: the charge is the same
        text = (f"Your weekly charge has not changed. This assessment applies from {long_date(start)}, when "
                f"your circumstances changed.")
    return Backdating(rule=rule.value, effective_from=start, days=days, weeks=weeks, amount=amount,
                      explanation=text)
