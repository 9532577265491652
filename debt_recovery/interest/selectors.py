"""The rates late payment interest needs, read through charging's rates (:func:`charging.selectors.rates_in_force`)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from charging.selectors import rates_in_force
from debt_recovery.interest.calculator import (
    BASE_RATE,
    UPLIFT,
    LatePaymentRates,
    Working,
    compensation_code,
    late_payment_interest,
    reference_date,
)


def late_payment_rates(*, debt: Decimal, due_date: dt.date) -> LatePaymentRates:
    """The base rate in force on the reference date, and the uplift and compensation in force on the day
    the debt became late. A missing rate raises ``charging.services.MissingRate`` naming it."""
    interest_from = due_date + dt.timedelta(days=1)
    (base,) = rates_in_force(reference_date(interest_from)).require(BASE_RATE)
    uplift, compensation = rates_in_force(interest_from).require(UPLIFT, compensation_code(debt))
    return LatePaymentRates(base_rate=base.amount, uplift=uplift.amount, compensation=compensation.amount)


def late_payment_working(*, debt: Decimal, due_date: dt.date, until: dt.date) -> Working:
    rates = late_payment_rates(debt=debt, due_date=due_date) if until > due_date else None
    return late_payment_interest(debt=debt, due_date=due_date, until=until, rates=rates)


#: With no agreed payment date, a commercial debt is late after 30 days (the Act, s.4; GOV.UK).
DEFAULT_CREDIT_DAYS = 30


def interest_before_charging(*, debtor, as_at: dt.date) -> list[dict]:
    """For a commercial debtor: the statutory interest and compensation each unpaid charge would carry on
    ``as_at`` if it were charged now, due 30 days after the charge. Shown, never posted. A charge whose
    rates are missing says which."""
    from charging.services import MissingRate
    from debt_recovery.accounts.selectors import open_charges

    if not debtor.late_payment_interest_applies:
        return []
    found = []
    for charge in open_charges(ledger_account_id=debtor.ledger_account_id, as_at=as_at):
        due = charge.date + dt.timedelta(days=DEFAULT_CREDIT_DAYS)
        try:
            working, missing = late_payment_working(debt=charge.outstanding, due_date=due, until=as_at), ""
        except MissingRate as exc:
            working, missing = None, exc.message
        found.append({"charge": charge, "due_date": due, "working": working, "missing": missing})
    return found
