"""Reading the ledger: balances, statements and the trial balance.

Every figure is a SQL ``SUM`` of postings, exact to the penny; balances as at a date come from the
``(account, effective_date, id) INCLUDE (amount)`` index. Balances are shown with the natural sign
for the account's kind (see :mod:`ledger.models`): a client's funds (a liability) with money in them
show a positive balance, as does the pooled bank account (an asset) holding that money.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F, Q, Sum, Window

from ledger.choices import Purpose
from ledger.models import Account, Posting
from ledger.money import ZERO


def _signed_sum(*, account: Account, before: dt.date | None = None, as_at: dt.date | None = None) -> Decimal:
    postings = Posting.objects.filter(account_id=account.pk)
    if as_at is not None:
        postings = postings.filter(effective_date__lte=as_at)
    if before is not None:
        postings = postings.filter(effective_date__lt=before)
    return postings.aggregate(total=Sum("amount"))["total"] or ZERO


def account_balance(*, account: Account, as_at: dt.date | None = None) -> Decimal:
    """The account's balance now, or at the end of ``as_at`` (postings effective on or before it)."""
    return account.natural_balance(_signed_sum(account=account, as_at=as_at))


@dataclass(frozen=True)
class StatementLine:
    date: dt.date
    transaction_id: int
    kind: str
    memo: str
    amount: Decimal  # natural sign: positive adds to the balance shown
    running_balance: Decimal


@dataclass(frozen=True)
class Statement:
    account: Account
    start: dt.date
    end: dt.date
    opening_balance: Decimal
    lines: list[StatementLine] = field(default_factory=list)
    closing_balance: Decimal = ZERO


def account_statement(*, account: Account, start: dt.date, end: dt.date) -> Statement:
    """The account's statement from ``start`` to ``end`` inclusive: the balance brought forward, each
    posting in date order with the balance after it, and the balance carried forward."""
    if end < start:
        raise ValueError("A statement's end date cannot be before its start date.")
    opening = account.natural_balance(_signed_sum(account=account, before=start))
    sign = 1 if account.is_debit_normal else -1
    rows = (
        Posting.objects.filter(account_id=account.pk, effective_date__gte=start, effective_date__lte=end)
        .annotate(
            running=Window(Sum("amount"), order_by=[F("effective_date").asc(), F("id").asc()]),
        )
        .order_by("effective_date", "id")
        .values_list("effective_date", "transaction_id", "transaction__kind", "transaction__memo", "amount",
                     "running")
    )
    lines = [
        StatementLine(date=date, transaction_id=txn_id, kind=kind, memo=memo, amount=sign * amount,
                      running_balance=opening + sign * running)
        for date, txn_id, kind, memo, amount, running in rows
    ]
    closing = lines[-1].running_balance if lines else opening
    return Statement(account=account, start=start, end=end, opening_balance=opening, lines=lines,
                     closing_balance=closing)


@dataclass(frozen=True)
class TrialBalanceRow:
    account: Account
    balance: Decimal  # natural sign for the account's kind
    debit: Decimal
    credit: Decimal


@dataclass(frozen=True)
class TrialBalance:
    as_at: dt.date | None
    rows: list[TrialBalanceRow]
    total_debits: Decimal
    total_credits: Decimal

    @property
    def total(self) -> Decimal:
        """Debits less credits: always zero in a ledger that balances."""
        return self.total_debits - self.total_credits


def trial_balance(*, as_at: dt.date | None = None) -> TrialBalance:
    """Every account with postings and its balance (as at the end of ``as_at`` if given), with the
    total debits and credits, which are equal."""
    condition = Q(postings__effective_date__lte=as_at) if as_at is not None else Q()
    accounts = (
        Account.objects.annotate(signed=Sum("postings__amount", filter=condition))
        .filter(signed__isnull=False)
        .order_by("name", "id")
    )
    rows = []
    for account in accounts:
        signed = account.signed
        rows.append(TrialBalanceRow(
            account=account, balance=account.natural_balance(signed),
            debit=signed if signed > 0 else ZERO, credit=-signed if signed < 0 else ZERO,
        ))
    return TrialBalance(
        as_at=as_at, rows=rows,
        total_debits=sum((r.debit for r in rows), ZERO), total_credits=sum((r.credit for r in rows), ZERO),
    )


def client_funds_account(*, client) -> Account | None:
    """The client's funds account (what the council holds for them in the pooled bank), if opened."""
    return Account.objects.filter(client=client, purpose=Purpose.CLIENT_FUNDS).first()


def available_funds(*, client) -> Decimal:
    """What the client has to spend: their funds balance, natural sign (£0.00 before any account).

    Payments held as possible duplicates are *not* deducted: most are mistakes to be cancelled, and
    releasing one checks the funds again (the database refuses an overdraft in any case).
    """
    account = client_funds_account(client=client)
    return account_balance(account=account) if account is not None else ZERO
