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

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Sum, Window
from django.http import Http404

from core.rules import can
from ledger.choices import OwnerKind, PaymentStatus, Purpose
from ledger.models import Account, ManualReceipt, Payment, Posting, StatementLineStatus
from ledger.models import StatementLine as BankStatementLine
from ledger.money import ZERO
from people.choices import Service
from people.models import Client
from people.selectors import client_search, clients_visible_to, current_allocations


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


def receipts_to_confirm(*, client=None):
    """Receipts recorded by hand that neither a bank statement line nor a second officer has confirmed
    yet (and that have not been reversed), oldest first."""
    waiting = (ManualReceipt.objects.filter(confirmed_at__isnull=True, transaction__statement_line__isnull=True,
                                            transaction__reversals__isnull=True)
               .select_related("client", "recorded_by", "transaction"))
    if client is not None:
        waiting = waiting.filter(client=client)
    return waiting.order_by("recorded_at", "id")


def available_funds(*, client) -> Decimal:
    """What the client has to spend: their funds balance, natural sign (£0.00 before any account), less
    receipts recorded by hand and not yet confirmed (:class:`~ledger.models.ManualReceipt`).

    Payments held as possible duplicates are *not* deducted: most are mistakes to be cancelled, and
    releasing one checks the funds again (the database refuses an overdraft in any case).
    """
    account = client_funds_account(client=client)
    if account is None:
        return ZERO
    unconfirmed = receipts_to_confirm(client=client).aggregate(total=Sum("amount"))["total"] or ZERO
    return account_balance(account=account) - unconfirmed


def available_funds_by_client(*, client_ids) -> dict[int, Decimal]:
    """:func:`available_funds` for many clients at once, by client id: each client's funds balance (a
    liability: credits are money held) less their receipts still to confirm, in two queries per 10,000
    clients rather than two per client. A client with no funds account has £0.00."""
    ids = sorted(set(client_ids))
    available: dict[int, Decimal] = dict.fromkeys(ids, ZERO)
    for start in range(0, len(ids), 10_000):
        chunk = ids[start:start + 10_000]
        accounts = dict(Account.objects.filter(client_id__in=chunk, purpose=Purpose.CLIENT_FUNDS)
                        .values_list("id", "client_id"))
        for account_id, total in (Posting.objects.filter(account_id__in=list(accounts)).order_by()
                                  .values("account_id").annotate(total=Sum("amount"))
                                  .values_list("account_id", "total")):
            available[accounts[account_id]] = -total
        for client_id, total in (receipts_to_confirm().filter(client_id__in=chunk).order_by().values("client_id")
                                 .annotate(total=Sum("amount")).values_list("client_id", "total")):
            available[client_id] -= total
    return available


# --- for the API: which accounts a user may see -----------------------------------------------------


def sees_council_accounts(user) -> bool:
    """Council, debtor and agreement accounts (income, receivables, suspense...) are for the finance
    services' team leaders, auditors and administrators; officers see their clients' accounts only."""
    return can(user, "ledger.view_council_accounts")


#: The council's accounts that hold or wait for clients' money, worked by client affairs officers.
CLIENT_MONEY_PURPOSES = (Purpose.POOLED_BANK, Purpose.SUSPENSE)


def accounts_visible_to(*, user) -> QuerySet[Account]:
    """Ledger accounts the user may see: those of clients they may see; the pooled client bank account
    and suspense for :func:`works_client_money` (as the money pages); and the council's other accounts
    and every debtor and agreement account for :func:`sees_council_accounts`."""
    if not getattr(user, "is_authenticated", False):
        return Account.objects.none()
    mine = Q(owner_kind=OwnerKind.CLIENT, client__in=clients_visible_to(user=user))
    if works_client_money(user):
        mine |= Q(owner_kind=OwnerKind.COUNCIL, purpose__in=CLIENT_MONEY_PURPOSES)
    if sees_council_accounts(user):
        mine |= ~Q(owner_kind=OwnerKind.CLIENT) & ~Q(purpose__in=CLIENT_MONEY_PURPOSES)
    return Account.objects.filter(mine)


def access_account(*, user, pk) -> Account:
    """The account, if this user may see it; otherwise 404, whether it exists or not."""
    try:
        return accounts_visible_to(user=user).get(pk=pk)
    except (Account.DoesNotExist, ValueError, TypeError):
        raise Http404("No account found") from None


# --- for the money pages ----------------------------------------------------------------------------

def council_account(*, purpose: str) -> Account | None:
    """The council's one account for ``purpose`` (the pooled client bank account, suspense), if opened."""
    return Account.objects.filter(purpose=purpose, client__isnull=True).order_by("id").first()


@dataclass(frozen=True)
class StatementPage:
    """One page of an account statement: the balance before the page's first line, its lines with
    running balances, and the totals of the whole range, so a long statement is read a page at a time."""

    account: Account
    start: dt.date
    end: dt.date
    opening_balance: Decimal  # at the start of the range
    closing_balance: Decimal  # at the end of the range
    money_in: Decimal
    money_out: Decimal
    line_count: int
    lines: list[StatementLine]


def account_statement_page(*, account: Account, start: dt.date, end: dt.date, offset: int = 0,
                           limit: int = 100) -> StatementPage:
    """Lines ``offset`` to ``offset + limit`` of the account's statement from ``start`` to ``end``,
    with the same running balances as :func:`account_statement` gives for the whole range."""
    if end < start:
        raise ValueError("A statement's end date cannot be before its start date.")
    sign = 1 if account.is_debit_normal else -1
    opening = account.natural_balance(_signed_sum(account=account, before=start))
    in_range = Posting.objects.filter(account_id=account.pk, effective_date__gte=start, effective_date__lte=end)
    totals = in_range.aggregate(
        count=Count("id"),
        debits=Sum("amount", filter=Q(amount__gt=0)),
        credits=Sum("amount", filter=Q(amount__lt=0)),
    )
    debits, credits = totals["debits"] or ZERO, -(totals["credits"] or ZERO)
    money_in, money_out = (debits, credits) if sign == 1 else (credits, debits)
    rows = (
        in_range.annotate(running=Window(Sum("amount"), order_by=[F("effective_date").asc(), F("id").asc()]))
        .order_by("effective_date", "id")
        .values_list("effective_date", "transaction_id", "transaction__kind", "transaction__memo", "amount",
                     "running")[offset:offset + limit]
    )
    lines = [
        StatementLine(date=date, transaction_id=txn_id, kind=kind, memo=memo, amount=sign * amount,
                      running_balance=opening + sign * running)
        for date, txn_id, kind, memo, amount, running in rows
    ]
    return StatementPage(account=account, start=start, end=end, opening_balance=opening,
                         closing_balance=opening + money_in - money_out, money_in=money_in, money_out=money_out,
                         line_count=totals["count"], lines=lines)


def held_payments(*, client=None):
    """Payments held as possible duplicates and waiting for a second officer, oldest first."""
    held = (Payment.objects.filter(status=PaymentStatus.HELD)
            .select_related("client", "requested_by", "duplicate_of"))
    if client is not None:
        held = held.filter(client=client)
    return held.order_by("requested_at", "id")


def suspense_lines():
    """Bank statement lines still waiting in suspense for an officer to allocate, oldest first."""
    return (BankStatementLine.objects.filter(status=StatementLineStatus.SUSPENSE)
            .select_related("statement_import").order_by("date", "line_number", "id"))


def client_money_clients(*, user, query: str = "", date_of_birth: dt.date | None = None) -> QuerySet[Client]:
    """The clients whose money ``user`` may move, matching a search: held today by a client affairs
    team the user is in (only those clients have money held for them, and it is the rule
    ``ledger.record_client_money``), found by part of a name, the council reference with or without
    its "ASC-" (``100001`` finds ASC-100001), and/or the date of birth, as the client search finds
    them. Ordered by name; for the suspense allocation picker."""
    held = current_allocations().filter(client=OuterRef("pk"), service=Service.CLIENT_AFFAIRS,
                                        team__memberships__user=user)
    return client_search(user=user, query=query, date_of_birth=date_of_birth).filter(Exists(held))


def works_client_money(user) -> bool:
    """The council's client money (the pooled bank account, suspense, statement imports and monthly
    reconciliation) is read by client affairs officers and team leaders, auditors and administrators
    (:mod:`ledger.rules`)."""
    return can(user, "ledger.view_council_money")