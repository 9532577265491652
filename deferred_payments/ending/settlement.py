"""The settlement figure: what the person (or their estate) must pay on a day to clear the agreement, with
interest worked out to the day before (money received on a day bears no interest that day) under the agreement's own convention (the interest calculator), and
its working. It writes nothing.

The debt account's postings are the movements: deferred amounts, fees (posted against fee income),
payments (credits from the council's bank) and interest already posted (against interest income). The
interest is worked out afresh from the start of the agreement over the deferred amounts, fees and payments,
so the figure is the same whether or not the six-monthly interest has been posted yet; the interest
posted so far is shown beside it, and the difference is the interest still to post."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from deferred_payments.agreements.choices import RateKind
from deferred_payments.interest.calculator import Accrual, Convention, MissingRate, Movement, RatePeriod, accrue
from ledger.choices import Purpose
from ledger.money import round_money

FAR_FUTURE = dt.date(9999, 12, 31)


class SettlementError(Exception):
    """The figure cannot be worked out (a day without a rate, a date before the agreement started)."""


@dataclass(frozen=True)
class Settlement:
    as_at: dt.date
    figure: Decimal  # what clears the debt if paid on ``as_at`` (interest to the day before)
    posted_balance: Decimal  # the debt account's balance at the end of ``as_at``
    interest_to_date: Decimal  # all interest from the start to ``as_at``
    interest_posted: Decimal  # of which already posted
    interest_unposted: Decimal
    deferred: Decimal
    fees: Decimal
    payments: Decimal
    accrual: Accrual

    @property
    def lines(self) -> list[str]:
        return [*self.accrual.lines, f"Interest already posted: £{self.interest_posted:,.2f}",
                f"Interest to post to {self.as_at:%-d %B %Y}: £{self.interest_unposted:,.2f}",
                f"To pay on {self.as_at:%-d %B %Y} (interest to the day before): £{self.figure:,.2f}"]


def settle(*, start: dt.date, as_at: dt.date, movements: list[Movement], rates: list[RatePeriod],
           convention: Convention) -> Settlement:
    """Pure: what must be paid on ``as_at`` to clear the debt, from the ledger's movements (interest postings
    are shown, not used). Money received on a day bears no interest that day (the calculator counts a
    movement in the balance for the whole of its day), so the figure carries interest to the day before
    ``as_at``, plus that day's own movements."""
    if as_at < start:
        raise SettlementError(f"The agreement started on {start:%-d %B %Y}: give a date from then.")
    interest_posted = sum((m.amount for m in movements if m.kind == "interest"), Decimal("0.00"))
    principal = [Movement(max(m.on, start), m.amount, m.kind) for m in movements if m.kind != "interest"]
    earlier = [m for m in principal if m.on < as_at]
    same_day = sum((m.amount for m in principal if m.on == as_at), Decimal("0.00"))
    try:
        if as_at > start:
            accrual = accrue(opening=Decimal("0.00"), start=start, end=as_at - dt.timedelta(days=1),
                             movements=earlier, rates=rates, convention=convention)
        else:
            accrual = accrue(opening=Decimal("0.00"), start=start, end=start, movements=[],
                             rates=[RatePeriod(start, start, Decimal(0))], convention=convention)
    except MissingRate as exc:
        raise SettlementError(f"{exc} The figure cannot be worked out until the rate is entered.") from exc
    posted_balance = round_money(sum((m.amount for m in movements), Decimal("0.00")))
    totals = {kind: round_money(sum((m.amount for m in principal if m.kind == kind), Decimal("0.00")))
              for kind in ("deferral", "fee", "payment")}
    return Settlement(as_at=as_at, figure=round_money(accrual.closing + same_day), posted_balance=posted_balance,
                      interest_to_date=accrual.interest, interest_posted=round_money(interest_posted),
                      interest_unposted=accrual.interest - round_money(interest_posted),
                      deferred=totals["deferral"], fees=totals["fee"], payments=totals["payment"], accrual=accrual)


def agreement_convention(agreement) -> Convention:
    return Convention(compounding=agreement.compounding, day_basis=agreement.day_basis)


def agreement_rates(agreement, *, start: dt.date, end: dt.date) -> list[RatePeriod]:
    """The rates the agreement charges from ``start`` to ``end``: its fixed rate, or the national maximum
    rates as entered (a day with none is left uncovered, and the calculator refuses it)."""
    if agreement.rate_kind == RateKind.FIXED:
        return [RatePeriod(start, FAR_FUTURE, Decimal(agreement.fixed_rate))]
    return national_rates(start=start, end=end)


def national_rates(*, start: dt.date, end: dt.date) -> list[RatePeriod]:
    """The national maximum rates (DP Regulations reg 9) entered for each six-month period touching the
    range; a period with none is left uncovered and the calculator refuses it (never guessed)."""
    from deferred_payments.rates.selectors import rates_between

    return list(rates_between(start, end))


def debt_movements(agreement, *, as_at: dt.date) -> list[Movement]:
    """The debt account's postings to the end of ``as_at`` as the calculator's movements, each classed by
    the account on the other side: interest income (interest), fee income (fee), a credit (payment), else a
    deferred amount. Two queries."""
    from ledger.models import Posting

    if agreement.debt_account_id is None:
        return []
    postings = list(Posting.objects.filter(account_id=agreement.debt_account_id, effective_date__lte=as_at)
                    .order_by("effective_date", "id").values("transaction_id", "effective_date", "amount"))
    other = {}
    for row in (Posting.objects.filter(transaction_id__in={p["transaction_id"] for p in postings})
                .exclude(account_id=agreement.debt_account_id).values("transaction_id", "account__purpose")):
        other.setdefault(row["transaction_id"], set()).add(row["account__purpose"])
    movements = []
    for posting in postings:
        purposes = other.get(posting["transaction_id"], set())
        amount = Decimal(posting["amount"])
        if Purpose.INTEREST_INCOME in purposes:
            kind = "interest"
        elif Purpose.FEE_INCOME in purposes:
            kind = "fee"
        elif amount < 0:
            kind = "payment"
        else:
            kind = "deferral"
        if kind in ("interest", "fee") and amount < 0:
            kind = "payment" if kind == "fee" else kind
        movements.append(Movement(posting["effective_date"], amount, kind))
    return movements


def settlement_figure(agreement, *, as_at: dt.date) -> Settlement:
    """The settlement figure for ``agreement``: what clears the debt if paid on ``as_at``. Writes nothing."""
    if agreement.starts_on is None:
        raise SettlementError("The agreement has not started: there is nothing owed under it yet.")
    return settle(start=agreement.starts_on, as_at=as_at, movements=debt_movements(agreement, as_at=as_at),
                  rates=agreement_rates(agreement, start=agreement.starts_on, end=as_at),
                  convention=agreement_convention(agreement))
