"""Late payment interest on a commercial debt: the Late Payment of Commercial Debts (Interest) Act 1998.

Pure: no ORM, no I/O. The rule, as GOV.UK states it ("Late commercial payments: charging interest and
debt recovery", https://www.gov.uk/late-commercial-payments-interest-debt-recovery/charging-interest-commercial-debt):

- **Who**: business-to-business debts only (the council's commercial customer types); never a service
  user or their family (``debt_recovery.accounts.choices.LATE_PAYMENT_INTEREST_TYPES``).
- **Rate**: statutory interest is 8% a year (``LATE_PAYMENT_UPLIFT``) plus the Bank of England's
  reference rate (``BOE_BASE_RATE``). The reference rate is the base rate in force on 31 December for
  a debt that becomes late from 1 January to 30 June, and on 30 June for one late from 1 July to
  31 December; it is fixed for the life of the debt.
- **Interest** is simple, by the day: the debt times the yearly rate divided by 365, for each day
  from the day after the due date to the day paid (or the as-at day), rounded half up to the penny
  once, at the end.
- **Fixed compensation** for the cost of recovering the debt, once per late invoice: £40 for a debt
  under £1,000 (``LATE_PAYMENT_COMPENSATION_LOW``), £70 from £1,000 to £9,999.99 (``..._MID``), £100
  for £10,000 or more (``..._HIGH``).

Nothing is late on or before the due date: no interest, no compensation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from ledger.money import ZERO, round_money

DAYS_IN_YEAR = Decimal(365)
HUNDRED = Decimal(100)
MID_FROM = Decimal("1000.00")
HIGH_FROM = Decimal("10000.00")

BASE_RATE = "BOE_BASE_RATE"
UPLIFT = "LATE_PAYMENT_UPLIFT"
COMPENSATION_LOW = "LATE_PAYMENT_COMPENSATION_LOW"
COMPENSATION_MID = "LATE_PAYMENT_COMPENSATION_MID"
COMPENSATION_HIGH = "LATE_PAYMENT_COMPENSATION_HIGH"


class NotLate(ValueError):
    pass


def reference_date(interest_from: dt.date) -> dt.date:
    """The day whose base rate is the reference rate for a debt late from ``interest_from``: 31 December
    before for January to June, 30 June for July to December."""
    if interest_from.month <= 6:
        return dt.date(interest_from.year - 1, 12, 31)
    return dt.date(interest_from.year, 6, 30)


def compensation_code(debt: Decimal) -> str:
    if debt >= HIGH_FROM:
        return COMPENSATION_HIGH
    if debt >= MID_FROM:
        return COMPENSATION_MID
    return COMPENSATION_LOW


@dataclass(frozen=True)
class LatePaymentRates:
    """The figures the working needs: the base rate on the reference date, the uplift, and the fixed
    compensation for the debt's band (percentages as percent: 8 means 8%)."""

    base_rate: Decimal
    uplift: Decimal
    compensation: Decimal


@dataclass(frozen=True)
class Working:
    debt: Decimal
    due_date: dt.date
    until: dt.date
    interest_from: dt.date | None
    days_late: int
    reference_date: dt.date | None
    base_rate: Decimal | None
    uplift: Decimal | None
    yearly_rate: Decimal | None
    daily_interest: Decimal
    interest: Decimal
    compensation: Decimal
    compensation_code: str | None
    total: Decimal
    lines: list[str] = field(default_factory=list)


def _pct(value: Decimal) -> str:
    return f"{value.normalize():f}%"


def late_payment_interest(*, debt: Decimal, due_date: dt.date, until: dt.date,
                          rates: LatePaymentRates | None) -> Working:
    """The statutory interest and fixed compensation on ``debt`` due on ``due_date`` and paid (or looked
    at) on ``until``. ``rates`` may be None only when the debt is not late."""
    if debt <= 0:
        raise ValueError("The debt must be more than nothing.")
    days = (until - due_date).days
    if days <= 0:
        return Working(debt=debt, due_date=due_date, until=until, interest_from=None, days_late=0, reference_date=None,
                       base_rate=None, uplift=None, yearly_rate=None, daily_interest=ZERO, interest=ZERO,
                       compensation=ZERO, compensation_code=None, total=ZERO,
                       lines=[f"Not late: paid or looked at on {until:%-d %B %Y}, on or before the due date "
                              f"{due_date:%-d %B %Y}. No interest or compensation."])
    if rates is None:
        raise ValueError("A late debt needs the rates.")
    interest_from = due_date + dt.timedelta(days=1)
    reference = reference_date(interest_from)
    yearly = rates.base_rate + rates.uplift
    daily = debt * yearly / HUNDRED / DAYS_IN_YEAR
    interest = round_money(debt * yearly * days / HUNDRED / DAYS_IN_YEAR)
    code = compensation_code(debt)
    compensation = round_money(rates.compensation)
    band = {COMPENSATION_LOW: "under £1,000", COMPENSATION_MID: "£1,000 to £9,999.99",
            COMPENSATION_HIGH: "£10,000 or more"}[code]
    lines = [
        f"Due on {due_date:%-d %B %Y}; interest runs from {interest_from:%-d %B %Y} to {until:%-d %B %Y}: {days} days.",
        f"Reference rate: the Bank of England base rate on {reference:%-d %B %Y}, {_pct(rates.base_rate)}.",
        f"Statutory rate: {_pct(rates.base_rate)} + {_pct(rates.uplift)} = {_pct(yearly)} a year.",
        f"Daily interest: £{debt:,.2f} × {_pct(yearly)} ÷ 365 = £{daily:,.4f}.",
        f"Interest: £{debt:,.2f} × {_pct(yearly)} × {days} ÷ 365 = £{interest:,.2f} (to the penny).",
        f"Fixed compensation for a debt {band}: £{compensation:,.2f}.",
        f"Total to claim on top of the debt: £{interest + compensation:,.2f}.",
    ]
    return Working(debt=debt, due_date=due_date, until=until, interest_from=interest_from, days_late=days,
                   reference_date=reference, base_rate=rates.base_rate, uplift=rates.uplift, yearly_rate=yearly,
                   daily_interest=daily.quantize(Decimal("0.0001")), interest=interest, compensation=compensation,
                   compensation_code=code, total=interest + compensation, lines=lines)
