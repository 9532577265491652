"""Appeals and complaints about charging, and deprivation-of-assets decisions.

- :func:`appeal_record`: a review request (appeal), a formal complaint or an Ombudsman enquiry, with
  when it came in, its grounds and when the council's response is due: for a review or a complaint
  :data:`RESPONSE_WORKING_DAYS` working days after it was received (Monday to Friday, not bank
  holidays in England and Wales) unless the officer gives another date; for the Ombudsman, the date
  in its enquiry letter, which the officer must give.
- :func:`appeal_outcome_record`: upheld, partly upheld, not upheld or withdrawn, on a date, with the
  reasons, and the re-assessment it led to, if any.
- :func:`deprivation_decision_record`: a decision that capital was deliberately disposed of to avoid
  charges, so an amount is treated as notional capital (Annex E). A team leader decides, and the
  reasons must be written down (Ombudsman, Norfolk 24 013 283).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache

from django.db import transaction

from charging.casework.choices import AppealKind, AppealOutcome
from charging.casework.models import Appeal, DeprivationDecision
from charging.assessments.models import Assessment
from charging.guards import _invalid, _reason, _require_client, _require_writer
from core.exceptions import ApplicationError, ConflictError, PermissionDeniedError
from core.history import save_attributed
from core.rules import require
from ledger.money import to_money
from people.models import Client
from people.selectors import today

__all__ = [
    "RESPONSE_WORKING_DAYS",
    "add_working_days",
    "appeal_outcome_record",
    "appeal_record",
    "bank_holidays",
    "deprivation_decision_record",
]

#: A review or a complaint is answered within this many working days of being received.
RESPONSE_WORKING_DAYS = 20
#: A deprivation decision's reasons must say more than a word or two.
MIN_REASONS_LENGTH = 20

# Bank holidays moved or added by proclamation, which no rule gives (England and Wales).
_ONE_OFF_HOLIDAYS = {
    2020: ({dt.date(2020, 5, 4)}, {dt.date(2020, 5, 8)}),  # early May moved to VE Day
    2022: ({dt.date(2022, 5, 30)}, {dt.date(2022, 6, 2), dt.date(2022, 6, 3), dt.date(2022, 9, 19)}),
    2023: (set(), {dt.date(2023, 5, 8)}),  # the Coronation
}


def _easter(year: int) -> dt.date:
    """Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month = (h + leap - 7 * m + 114) // 31
    day = (h + leap - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


def _monday_on_or_after(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=(7 - day.weekday()) % 7)


def _last_monday(year: int, month: int) -> dt.date:
    last = (dt.date(year, month + 1, 1) if month < 12 else dt.date(year + 1, 1, 1)) - dt.timedelta(days=1)
    return last - dt.timedelta(days=last.weekday())


@cache
def bank_holidays(year: int) -> frozenset[dt.date]:
    """England and Wales bank holidays in ``year``: New Year's Day, Good Friday, Easter Monday, the
    early May, spring and summer bank holidays, Christmas Day and Boxing Day, with substitute days
    when they fall at a weekend, and the one-off changes made by proclamation."""
    easter = _easter(year)
    days = {
        _monday_on_or_after(dt.date(year, 1, 1)) if dt.date(year, 1, 1).weekday() >= 5 else dt.date(year, 1, 1),
        easter - dt.timedelta(days=2),
        easter + dt.timedelta(days=1),
        _monday_on_or_after(dt.date(year, 5, 1)),
        _last_monday(year, 5),
        _last_monday(year, 8),
    }
    christmas = dt.date(year, 12, 25)
    if christmas.weekday() < 5:
        days.add(christmas)
        boxing = christmas + dt.timedelta(days=1)
        days.add(boxing if boxing.weekday() < 5 else boxing + dt.timedelta(days=2))  # Friday's Boxing Day -> Monday
    else:  # Christmas on Saturday: Mon 27 and Tue 28; on Sunday: Tue 27 for Christmas, Mon 26 Boxing Day
        days.update({dt.date(year, 12, 27), dt.date(year, 12, 28)} if christmas.weekday() == 5
                    else {dt.date(year, 12, 26), dt.date(year, 12, 27)})
    removed, added = _ONE_OFF_HOLIDAYS.get(year, (set(), set()))
    return frozenset((days - removed) | added)


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in bank_holidays(day.year)


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date ``days`` working days after ``start`` (which itself does not count)."""
    day = start
    while days > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            days -= 1
    return day


def _past_date(value, field: str, what: str) -> dt.date:
    if not isinstance(value, dt.date):
        raise _invalid(field, f"Give the date {what}.")
    if value > today():
        raise _invalid(field, f"The date {what} must be today or in the past.")
    return value


def _own_assessment(client: Client, assessment: Assessment | None, field: str) -> None:
    if assessment is not None and assessment.client_id != client.pk:
        raise _invalid(field, "Choose one of this client's assessments.")


# --- appeals and complaints -----------------------------------------------------------------------

def appeal_record(
    *,
    acting_user,
    client: Client,
    kind: str,
    received_on: dt.date,
    grounds: str,
    assessment: Assessment | None = None,
    deprivation_decision: DeprivationDecision | None = None,
    due_on: dt.date | None = None,
    reason: str = "Appeal or complaint received",
) -> Appeal:
    """Record a review request, a formal complaint or an Ombudsman enquiry, and when the response is
    due (see the module's docstring)."""
    _require_writer(acting_user)
    reason = _reason(reason)
    if kind not in AppealKind.values:
        raise _invalid("kind", "Choose whether it is a review request, a formal complaint or an Ombudsman enquiry.")
    _past_date(received_on, "received_on", "it was received")
    if not grounds or not grounds.strip():
        raise _invalid("grounds", "Enter the grounds: what the person says is wrong.")
    if due_on is None:
        if kind == AppealKind.OMBUDSMAN:
            raise _invalid("due_on", "Give the date the Ombudsman asked for a response by.")
        due_on = add_working_days(received_on, RESPONSE_WORKING_DAYS)
    elif not isinstance(due_on, dt.date) or due_on < received_on:
        raise _invalid("due_on", "The response due date must be on or after the date it was received.")
    _own_assessment(client, assessment, "assessment")
    if deprivation_decision is not None and deprivation_decision.client_id != client.pk:
        raise _invalid("deprivation_decision", "Choose one of this client's deprivation decisions.")
    with transaction.atomic():
        client = _require_client(acting_user, client)
        appeal = Appeal(client=client, kind=kind, assessment=assessment, deprivation_decision=deprivation_decision,
                        received_on=received_on, grounds=grounds.strip(), due_on=due_on, recorded_by=acting_user)
        save_attributed(appeal, user=acting_user, reason=reason)
    return appeal


def appeal_outcome_record(
    *,
    acting_user,
    appeal: Appeal,
    outcome: str,
    outcome_on: dt.date,
    reasons: str,
    reassessment: Assessment | None = None,
) -> Appeal:
    """Record how an appeal or complaint ended, when and why, and the re-assessment it led to (only
    for one upheld or partly upheld)."""
    _require_writer(acting_user)
    if outcome not in (AppealOutcome.UPHELD, AppealOutcome.PARTLY_UPHELD, AppealOutcome.NOT_UPHELD,
                       AppealOutcome.WITHDRAWN):
        raise _invalid("outcome", "Choose the outcome.")
    _past_date(outcome_on, "outcome_on", "of the outcome")
    if not reasons or not reasons.strip():
        raise _invalid("reasons", "Give the reasons for the outcome.")
    if reassessment is not None and outcome not in (AppealOutcome.UPHELD, AppealOutcome.PARTLY_UPHELD):
        raise _invalid("reassessment", "Only an appeal upheld or partly upheld leads to a re-assessment.")
    with transaction.atomic():
        _require_client(acting_user, appeal.client)
        current = Appeal.objects.select_for_update().get(pk=appeal.pk)
        if not current.is_open:
            raise ConflictError(f"The outcome was already recorded: {current.get_outcome_display().lower()} "
                                f"on {current.outcome_on:%d %B %Y}.", code="already_decided")
        if outcome_on < current.received_on:
            raise _invalid("outcome_on", "The outcome date must be on or after the date it was received.")
        _own_assessment(current.client, reassessment, "reassessment")
        current.outcome = outcome
        current.outcome_on = outcome_on
        current.outcome_reasons = reasons.strip()
        current.outcome_recorded_by = acting_user
        current.reassessment = reassessment
        save_attributed(current, user=acting_user, reason=f"Outcome: {AppealOutcome(outcome).label}")
    return current


# --- deprivation of assets ------------------------------------------------------------------------

def deprivation_decision_record(
    *,
    acting_user,
    client: Client,
    decided_on: dt.date,
    notional_capital: Decimal | str | int,
    asset_disposed: str,
    reasons: str,
    assessment: Assessment | None = None,
) -> DeprivationDecision:
    """Record a team leader's decision that the person deliberately deprived themselves of capital:
    the amount treated as notional capital, what was disposed of, and the reasons, in full."""
    _require_writer(acting_user)
    require(acting_user, "charging.decide_deprivation", client)
    errors: dict[str, list[str]] = {}
    try:
        amount = to_money(notional_capital)
    except (TypeError, ValueError):
        errors["notional_capital"] = ["Enter the amount in pounds and pence, such as 25000.00."]
    else:
        if amount <= 0:
            errors["notional_capital"] = ["The amount treated as notional capital must be more than £0."]
        elif amount >= Decimal("1e10"):
            errors["notional_capital"] = ["The amount is too large."]
    if not asset_disposed or not asset_disposed.strip():
        errors["asset_disposed"] = ["Say what was given away or spent, and when."]
    if not reasons or len(reasons.strip()) < MIN_REASONS_LENGTH:
        errors["reasons"] = ["Give the reasons for the decision in full: why the disposal was deliberate and "
                             "what avoiding care charges had to do with it."]
    if errors:
        raise ApplicationError(next(iter(errors.values()))[0], code="invalid", extra=errors)
    _past_date(decided_on, "decided_on", "of the decision")
    _own_assessment(client, assessment, "assessment")
    with transaction.atomic():
        client = _require_client(acting_user, client)
        decision = DeprivationDecision(client=client, assessment=assessment, decided_by=acting_user,
                                       decided_on=decided_on, notional_capital=amount,
                                       asset_disposed=asset_disposed.strip(), reasons=reasons.strip())
        save_attributed(decision, user=acting_user, reason="Deprivation of assets decision")
    return decision
