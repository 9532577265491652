"""Reads of debtor accounts: who owes, and what they owe aged by band, straight from the ledger.

**Ageing** (:func:`aged_balances`). A debtor's balance is the sum of the postings on their receivable
(debits are charges, credits are payments, reversals and other reductions). To say how old the debt
is, what each payment was recorded as paying (its allocations, :mod:`debt_recovery.payments`) comes
off those charges; the other credits are set against what is left **oldest first**: their total pays
off the earliest charges, then the next, and what is left of each charge is aged by the days from its
effective date (the last day of the period it charges for) to the as-at date: 0-28, 29-56, 57-90,
91-180, 181-365 and over 365 days. So the bands always add up to the balance when something is owed;
when the debtor is in credit every band is nil and the credit is shown on its own. This is worked out
by PostgreSQL in one query for any number of accounts (a running sum over each account's charges).
The reasons are in ``docs/decisions.md``, "Ageing a debtor's balance".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection
from django.db.models import QuerySet
from django.http import Http404

from debt_recovery.accounts.models import DebtorAccount
from ledger.money import ZERO
from people.selectors import clients_visible_to, today

#: The ageing bands: (key, label, first day, last day or None for no end).
BANDS: tuple[tuple[str, str, int, int | None], ...] = (
    ("d0_28", "0 to 28 days", 0, 28),
    ("d29_56", "29 to 56 days", 29, 56),
    ("d57_90", "57 to 90 days", 57, 90),
    ("d91_180", "91 to 180 days", 91, 180),
    ("d181_365", "181 to 365 days", 181, 365),
    ("over_365", "Over 365 days", 366, None),
)
BAND_KEYS = tuple(key for key, *_ in BANDS)


@dataclass(frozen=True)
class AgedBalance:
    """What one receivable account owes as at a date, and how old it is."""

    ledger_account_id: int
    as_at: dt.date
    balance: Decimal  # positive: owed to the council; negative: the debtor is in credit
    bands: dict[str, Decimal]

    @property
    def owed(self) -> Decimal:
        return max(self.balance, ZERO)

    @property
    def credit(self) -> Decimal:
        return max(-self.balance, ZERO)

    @property
    def oldest_band(self) -> str | None:
        """The oldest band with something owed in it, or None."""
        return next((key for key in reversed(BAND_KEYS) if self.bands[key] > 0), None)

    def rows(self) -> list[tuple[str, Decimal]]:
        return [(label, self.bands[key]) for key, label, *_ in BANDS]


def _band_sql() -> str:
    parts = []
    for key, _label, first, last in BANDS:
        condition = f"age >= {first}" + (f" AND age <= {last}" if last is not None else "")
        parts.append(f"COALESCE(SUM(outstanding) FILTER (WHERE {condition}), 0) AS {key}")
    return ",\n".join(parts)


#: The receivable's postings as at the date, each charge with what is left of it, in one pass for any
#: number of accounts. A transaction reversed by the date and its reversal cancel out on the account, so
#: both are left out (a bounced payment reopens the charges it paid rather than adding a new debt).
#: What was recorded as paying a charge (debt_recovery_allocation, debt_recovery.payments) comes off
#: that charge first; every other credit (a payment with nothing left to allocate, a payment posted
#: straight to the ledger, a write-off) is then set against what is left, oldest first.
_CHARGES_CTE = """
WITH tx AS (
    SELECT p.account_id, p.id, p.transaction_id, p.effective_date, p.amount
    FROM ledger_posting p
    WHERE p.account_id = ANY(%(accounts)s) AND p.effective_date <= %(as_at)s
      AND p.transaction_id <> ALL(%(leave_out)s::bigint[])
      AND NOT EXISTS (SELECT 1 FROM ledger_transaction r
                      WHERE r.reverses_id = p.transaction_id AND r.effective_date <= %(as_at)s)
      AND NOT EXISTS (SELECT 1 FROM ledger_transaction t JOIN ledger_transaction o ON o.id = t.reverses_id
                      WHERE t.id = p.transaction_id AND o.effective_date <= %(as_at)s)
),
balances AS (
    SELECT account_id, SUM(amount) AS balance FROM ledger_posting
    WHERE account_id = ANY(%(accounts)s) AND effective_date <= %(as_at)s GROUP BY account_id
),
totals AS (
    SELECT account_id, -COALESCE(SUM(amount) FILTER (WHERE amount < 0), 0) AS credited FROM tx GROUP BY account_id
),
allocated AS (
    SELECT charge_id AS transaction_id, SUM(amount) AS amount FROM debt_recovery_allocation
    WHERE effective_date <= %(as_at)s AND charge_id IN (SELECT transaction_id FROM tx WHERE amount > 0)
    GROUP BY charge_id
),
charges AS (
    SELECT c.account_id, c.id, c.transaction_id, c.effective_date, c.amount,
           GREATEST(c.amount - GREATEST(COALESCE(a.amount, 0), 0), 0) AS left_after
    FROM tx c LEFT JOIN allocated a USING (transaction_id) WHERE c.amount > 0
),
running AS (
    SELECT *, SUM(left_after) OVER (PARTITION BY account_id ORDER BY effective_date, id) AS running,
           SUM(amount - left_after) OVER (PARTITION BY account_id) AS applied
    FROM charges
),
open_charges AS (
    SELECT r.account_id, r.transaction_id, r.effective_date, r.amount, (%(as_at)s::date - r.effective_date) AS age,
           GREATEST(LEAST(r.left_after, r.running - (t.credited - r.applied)), 0) AS outstanding
    FROM running r JOIN totals t USING (account_id)
)
"""

AGEING_SQL = _CHARGES_CTE + f"""
SELECT b.account_id, b.balance,
{_band_sql()}
FROM balances b LEFT JOIN open_charges o USING (account_id)
GROUP BY b.account_id, b.balance
"""


def aged_balances(*, ledger_account_ids, as_at: dt.date | None = None) -> dict[int, AgedBalance]:
    """Each receivable's balance and its ageing as at the end of ``as_at`` (today if not given), in one
    query however many accounts are asked for. An account with no postings owes nothing."""
    as_at = as_at or today()
    ids = sorted({int(pk) for pk in ledger_account_ids})
    found = {pk: AgedBalance(pk, as_at, ZERO, {key: ZERO for key in BAND_KEYS}) for pk in ids}
    if not ids:
        return found
    with connection.cursor() as cursor:
        cursor.execute(AGEING_SQL, {"accounts": ids, "as_at": as_at, "leave_out": []})
        for account_id, balance, *bands in cursor.fetchall():
            found[account_id] = AgedBalance(account_id, as_at, balance, dict(zip(BAND_KEYS, bands, strict=True)))
    return found


def debtor_accounts_visible_to(*, user) -> QuerySet[DebtorAccount]:
    """The debtor accounts of the clients this user may see."""
    return DebtorAccount.objects.filter(client__in=clients_visible_to(user=user)).select_related("client", "contact__contact")


def access_debtor_account(*, user, pk) -> DebtorAccount:
    """The debtor account, if its client is one this user may see; otherwise 404, whether it exists or not."""
    try:
        return debtor_accounts_visible_to(user=user).get(pk=pk)
    except (DebtorAccount.DoesNotExist, ValueError, TypeError):
        raise Http404("No debtor account found") from None


def client_debtor_accounts(*, client) -> QuerySet[DebtorAccount]:
    return DebtorAccount.objects.filter(client=client).select_related("contact__contact", "ledger_account")


@dataclass(frozen=True)
class DebtorLine:
    debtor: DebtorAccount
    aged: AgedBalance


def with_aged_balances(debtors, *, as_at: dt.date | None = None) -> list[DebtorLine]:
    """Debtor accounts with their aged balances: two queries for any number of accounts."""
    debtors = list(debtors)
    aged = aged_balances(ledger_account_ids=[d.ledger_account_id for d in debtors], as_at=as_at)
    return [DebtorLine(d, aged[d.ledger_account_id]) for d in debtors]


def aged_debt_totals(lines: list[DebtorLine]) -> dict[str, Decimal]:
    totals = {key: ZERO for key in BAND_KEYS}
    for line in lines:
        for key in BAND_KEYS:
            totals[key] += line.aged.bands[key]
    return totals


def debtor_account_for_ledger_account(*, ledger_account_id: int) -> DebtorAccount | None:
    return DebtorAccount.objects.filter(ledger_account_id=ledger_account_id).first()


OPEN_CHARGES_SQL = _CHARGES_CTE + """
SELECT transaction_id, effective_date, amount, outstanding FROM open_charges
ORDER BY effective_date, transaction_id
"""


@dataclass(frozen=True)
class OpenCharge:
    transaction_id: int
    date: dt.date
    amount: Decimal
    outstanding: Decimal


def open_charges(*, ledger_account_id: int, as_at: dt.date | None = None,
                 leave_out: tuple[int, ...] = ()) -> list[OpenCharge]:
    """Each charge on the receivable with what is left of it once its recorded allocations and then the
    other credits, oldest first, are set against it (the same rule as :func:`aged_balances`), only those
    with something left. One query. ``leave_out`` names transactions to ignore (a payment being
    reallocated, whose credit would otherwise count as paying the oldest charges)."""
    with connection.cursor() as cursor:
        cursor.execute(OPEN_CHARGES_SQL, {"accounts": [ledger_account_id], "as_at": as_at or today(),
                                          "leave_out": list(leave_out)})
        return [OpenCharge(*row) for row in cursor.fetchall() if row[3] > 0]
