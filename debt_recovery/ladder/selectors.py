"""Reads of the recovery ladder: what is overdue, where each debt stands, the steps.

**Overdue** (:data:`OVERDUE_SQL`). Each charge on a debtor's receivable falls due
:data:`INVOICE_DUE_DAYS` days after its effective date (the date on the invoice; the four-weekly invoice
asks for payment by then). Credits are set against the charges **oldest first**, exactly as the aged
debt list does (:mod:`debt_recovery.accounts.selectors`). A debt is *overdue* on a day when some charge
that fell due on or before that day still has something left unpaid; the *overdue balance* is what is
left of those charges, and the debt has been overdue since the due date of the oldest of them. A charge
not yet due never puts a debt on the ladder, and a debtor in credit owes nothing overdue.

Because the charges due are the oldest ones, what is overdue is simply the charges due less all the
credits (never below nil), except what was recorded as paying a charge not yet due (the "current invoice
first" allocation rule, :mod:`debt_recovery.payments`), which does not pay the older charges: one pass over each account's postings. Only for the accounts with something
overdue are their due charges summed in order (a running sum, the covering index's order) to find the
oldest still unpaid. See
``docs/decisions.md``, "Recovery ladder".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection
from django.db.models import Count, QuerySet

from debt_recovery.ladder.models import LadderAction, LadderPosition, LadderStep

#: Days from a charge's effective date to its due date: the four-weekly invoice asks for payment within
#: 14 days of the invoice (charging's ``invoice_due_days``, the figure on the invoice letter).
INVOICE_DUE_DAYS = 14

OVERDUE_SQL = """
WITH accounts AS (
    SELECT d.id AS debtor_id, d.ledger_account_id AS account_id
    FROM debt_recovery_debtoraccount d WHERE d.status = 'open' {debtor_filter}
),
totals AS (
    -- Per account, from the covering index (account, date, id) INCLUDE (amount): no sort, no hash to spill.
    SELECT a.account_id, x.balance, x.credited, x.due
    FROM accounts a CROSS JOIN LATERAL (
        SELECT SUM(p.amount) AS balance,
               -COALESCE(SUM(p.amount) FILTER (WHERE p.amount < 0), 0) AS credited,
               COALESCE(SUM(p.amount) FILTER (WHERE p.amount > 0 AND p.effective_date <= %(due_cutoff)s), 0) AS due
        FROM ledger_posting p WHERE p.account_id = a.account_id AND p.effective_date <= %(on)s
    ) x
    WHERE x.balance IS NOT NULL
),
paying_due AS (
    -- What was recorded as paying a charge not yet due (debt_recovery.payments: the "current invoice
    -- first" rule) does not pay the charges that are due: take it off the credits set against them.
    SELECT t.account_id, t.balance, t.due,
           GREATEST(t.credited - COALESCE(z.ahead, 0), 0) AS credited
    FROM totals t JOIN accounts a ON a.account_id = t.account_id
    LEFT JOIN LATERAL (
        SELECT SUM(al.amount) AS ahead
        FROM debt_recovery_allocation al JOIN ledger_transaction c ON c.id = al.charge_id
        WHERE al.debtor_id = a.debtor_id AND al.effective_date <= %(on)s
          AND c.effective_date > %(due_cutoff)s AND c.effective_date <= %(on)s
    ) z ON true
),
late AS (
    SELECT account_id, credited FROM paying_due WHERE due > credited
),
oldest AS (
    SELECT l.account_id, y.oldest
    FROM late l CROSS JOIN LATERAL (
        SELECT MIN(c.effective_date) AS oldest FROM (
            SELECT p.effective_date, SUM(p.amount) OVER (ORDER BY p.effective_date, p.id) AS running
            FROM ledger_posting p
            WHERE p.account_id = l.account_id AND p.amount > 0 AND p.effective_date <= %(due_cutoff)s
        ) c
        WHERE c.running > l.credited
    ) y
)
SELECT a.debtor_id, t.balance, GREATEST(t.due - t.credited, 0) AS overdue, o.oldest
FROM accounts a
JOIN paying_due t ON t.account_id = a.account_id
LEFT JOIN oldest o ON o.account_id = a.account_id
"""


@dataclass(frozen=True)
class Overdue:
    debtor_id: int
    balance: Decimal
    overdue: Decimal
    since: dt.date | None  # the due date of the oldest unpaid charge that is due

    @property
    def is_overdue(self) -> bool:
        return self.overdue > 0


def overdue_debts(*, on: dt.date, debtor_ids=None) -> dict[int, Overdue]:
    """Every open debtor account with postings, with its balance and what is overdue on ``on``, in one
    query (``debtor_ids`` narrows it)."""
    params = {"on": on, "due_cutoff": on - dt.timedelta(days=INVOICE_DUE_DAYS)}
    debtor_filter = ""
    if debtor_ids is not None:
        debtor_filter = "AND d.id = ANY(%(ids)s)"
        params["ids"] = sorted({int(pk) for pk in debtor_ids})
    found = {}
    with connection.cursor() as cursor:
        cursor.execute(OVERDUE_SQL.format(debtor_filter=debtor_filter), params)
        for debtor_id, balance, overdue, oldest in cursor.fetchall():
            since = oldest + dt.timedelta(days=INVOICE_DUE_DAYS) if oldest is not None else None
            found[debtor_id] = Overdue(debtor_id, balance, overdue if overdue > 0 else Decimal("0.00"), since)
    return found


def ladder_steps(*, active_only: bool = False) -> QuerySet[LadderStep]:
    steps = LadderStep.objects.select_related("changed_by")
    return steps.filter(active=True) if active_only else steps


def ladder_position(debtor) -> LadderPosition | None:
    return LadderPosition.objects.filter(debtor=debtor).select_related("last_step").first()


def ladder_history(debtor) -> QuerySet[LadderAction]:
    """Every step taken or passed over for a debtor, newest first, with its letter and task."""
    return (LadderAction.objects.filter(debtor=debtor).select_related("step", "letter", "task")
            .order_by("-taken_on", "-episode", "-id"))


def positions_on_ladder(debtors=None) -> QuerySet[LadderPosition]:
    positions = LadderPosition.objects.filter(episode_started_on__isnull=False)
    if debtors is not None:
        positions = positions.filter(debtor__in=debtors)
    return positions


def debts_at_each_step(debtors=None) -> list[tuple[LadderStep, int]]:
    """How many debts currently on the ladder stand at each step (their last step taken), in ladder
    order; steps with none are included with 0. One query for the counts."""
    counts = dict(positions_on_ladder(debtors).filter(last_step__isnull=False).values_list("last_step")
                  .annotate(n=Count("id")).values_list("last_step", "n"))
    return [(step, counts.get(step.pk, 0)) for step in LadderStep.objects.all()]
