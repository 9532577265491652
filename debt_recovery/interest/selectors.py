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
