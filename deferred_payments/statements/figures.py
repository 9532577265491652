"""One calculation of a deferred payment statement's figures, from the ledger and the accrual postings, which
the stored statement, its PDF, the page and the API all show.

For ``start`` to ``end`` (both included): the debt on the day before ``start`` (opening), the deferred
amounts, administration fees, interest (by rate period, with the working the accrual run stored), payments
and other movements dated in it, the debt at ``end`` (closing), and the equity limit with what remains of it.
When ``end`` falls inside a six-month interest period, the interest accrued from that period's start to
``end`` but not yet added (it is added at 30 June / 31 December) is worked out with the same calculator and
shown separately, as is what remains of the limit after it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from decimal import Decimal

from deferred_payments.accrual.models import AccrualPosting
from deferred_payments.accrual.services import convention_of, rates_for
from deferred_payments.interest.calculator import MissingRate, Movement, accrue
from deferred_payments.rates.selectors import half_year_of, rates_between
from ledger.models import Posting
from ledger.money import ZERO


@dataclass
class InterestLine:
    starts_on: dt.date
    ends_on: dt.date
    annual_rate: Decimal
    amount: Decimal
    working: str


@dataclass
class StatementFigures:
    reference: str
    start: dt.date
    end: dt.date
    opening: Decimal
    deferred: Decimal
    fees: Decimal
    interest: Decimal
    payments: Decimal
    other: Decimal
    closing: Decimal
    equity_limit: Decimal | None
    counted: Decimal
    equity_remaining: Decimal | None
    interest_lines: list[InterestLine] = field(default_factory=list)
    fee_lines: list[str] = field(default_factory=list)
    accrued_not_added: Decimal = ZERO
    accrued_working: list[str] = field(default_factory=list)
    accrued_missing_rate: dt.date | None = None

    def as_data(self) -> dict:
        """Strings and plain values, for a document's stored data and the API."""
        def plain(value):
            if isinstance(value, Decimal):
                return f"{value:.2f}" if value == value.quantize(Decimal("0.01")) else str(value)
            if isinstance(value, dt.date):
                return value.isoformat()
            if isinstance(value, list):
                return [plain(v) for v in value]
            if isinstance(value, dict):
                return {k: plain(v) for k, v in value.items()}
            return value
        return plain(asdict(self))


def statement_figures(*, agreement, start: dt.date, end: dt.date) -> StatementFigures:
    if end < start:
        raise ValueError("The statement ends before it starts.")
    account_id = agreement.debt_account_id
    accruals = list(AccrualPosting.objects.filter(agreement=agreement, posted_on__lte=end).order_by("posted_on", "pk"))
    ours = {p.transaction_id for p in accruals}
    postings = list(Posting.objects.filter(account_id=account_id, effective_date__lte=end)
                    .values_list("transaction_id", "effective_date", "amount")) if account_id else []
    opening = sum((a for _t, d, a in postings if d < start), ZERO)
    closing = sum((a for _t, _d, a in postings), ZERO)
    in_period = [p for p in accruals if p.posted_on >= start]
    deferred = sum((p.amount for p in in_period if p.kind == "deferral"), ZERO)
    fees = sum((p.amount for p in in_period if p.kind == "fee"), ZERO)
    interest = sum((p.amount for p in in_period if p.kind == "interest"), ZERO)
    others = [(d, a) for t, d, a in postings if t not in ours and d >= start]
    payments = sum((a for _d, a in others if a < 0), ZERO)
    other = sum((a for _d, a in others if a > 0), ZERO)
    interest_lines = [InterestLine(p.starts_on, p.ends_on, p.annual_rate, p.amount, p.working.splitlines()[2]
                                   if len(p.working.splitlines()) > 2 else p.working)
                      for p in in_period if p.kind == "interest"]
    fee_lines = [p.working for p in in_period if p.kind == "fee"]
    # Interest accrued since the last 30 June / 31 December but not yet added.
    accrued, accrued_working, missing = ZERO, [], None
    half_start, half_end = half_year_of(end)
    if end != half_end and agreement.starts_on and agreement.starts_on <= end:
        period_start = max(half_start, agreement.starts_on)
        before = [(t, d, a) for t, d, a in postings if d < period_start]
        kinds = {p.transaction_id: p.kind for p in accruals}
        movements = [Movement(d, a, kinds.get(t) or ("payment" if a < 0 else "fee"))
                     for t, d, a in postings if d >= period_start]
        try:
            result = accrue(opening=sum((a for _t, _d, a in before), ZERO),
                            opening_interest=sum((a for t, _d, a in before if kinds.get(t) == "interest"), ZERO),
                            start=period_start, end=end, movements=movements,
                            rates=rates_for(agreement, rates_between(period_start, end)),
                            convention=convention_of(agreement))
            accrued, accrued_working = result.interest, result.lines
        except MissingRate as exc:
            missing = exc.day
    limit = agreement.equity_limit
    counted = sum((p.amount for p in accruals if p.kind == "deferral"), ZERO) + payments + sum(
        (a for t, d, a in postings if t not in ours and d < start and a < 0), ZERO)
    if agreement.fees_count_to_limit:
        counted += sum((p.amount for p in accruals if p.kind == "fee"), ZERO) + sum(
            (a for t, _d, a in postings if t not in ours and a > 0), ZERO)
    if agreement.interest_counts_to_limit:
        counted += sum((p.amount for p in accruals if p.kind == "interest"), ZERO) + accrued
    remaining = max(limit - counted, ZERO) if limit is not None else None
    return StatementFigures(
        reference=agreement.reference, start=start, end=end, opening=opening, deferred=deferred, fees=fees,
        interest=interest, payments=payments, other=other, closing=closing, equity_limit=limit, counted=counted,
        equity_remaining=remaining, interest_lines=interest_lines, fee_lines=fee_lines, accrued_not_added=accrued,
        accrued_working=accrued_working, accrued_missing_rate=missing)
