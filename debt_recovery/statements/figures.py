"""Every statement's figures from the ledger, in one set-based query for any number of debtors.

For each debtor account, from the postings on its receivable (``ledger_account``; debits positive):

* **opening balance**: the sum of every posting dated before the period's first day;
* **charges**: postings dated in the period of ledger transactions of kind ``charge`` (the charging
  run's charges and its later changes to them, which may be credits);
* **payments**: postings dated in the period of transactions of kind ``receipt``, as a positive sum
  (they are credits);
* **adjustments**: every other posting dated in the period: reversals (a payment that bounced), write
  offs, refunds, interest... (signed);
* **closing balance**: opening + charges - payments + adjustments, which is the ledger balance at the
  end of the period's last day.

A debtor is stated when the opening balance is not nil or the period has a posting. PostgreSQL
works it all out: two aggregates over ``ledger_posting`` (the opening sum reads only the
``(account, effective_date)`` index; the period's postings join their transaction for its kind).
Pure SQL and a small typed result; no Python per posting.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection

FIGURES_SQL = """
WITH debtors AS (
    SELECT d.id AS debtor_id, d.ledger_account_id AS account_id
    FROM debt_recovery_debtoraccount d
    WHERE (%(debtors)s::bigint[] IS NULL OR d.id = ANY(%(debtors)s::bigint[]))
      AND NOT EXISTS (SELECT 1 FROM debt_recovery_statement s
                      WHERE s.debtor_id = d.id AND s.period_start = %(start)s)
),
opening AS (
    SELECT p.account_id, SUM(p.amount) AS amount
    FROM ledger_posting p JOIN debtors USING (account_id)
    WHERE p.effective_date < %(start)s
    GROUP BY p.account_id
),
activity AS (
    SELECT p.account_id,
           COALESCE(SUM(p.amount) FILTER (WHERE t.kind = 'charge'), 0) AS charges,
           -COALESCE(SUM(p.amount) FILTER (WHERE t.kind = 'receipt'), 0) AS payments,
           COALESCE(SUM(p.amount) FILTER (WHERE t.kind NOT IN ('charge', 'receipt')), 0) AS adjustments,
           COUNT(*) AS postings
    FROM ledger_posting p JOIN debtors USING (account_id)
    JOIN ledger_transaction t ON t.id = p.transaction_id
    WHERE p.effective_date BETWEEN %(start)s AND %(end)s
    GROUP BY p.account_id
)
SELECT d.debtor_id, COALESCE(o.amount, 0), COALESCE(a.charges, 0), COALESCE(a.payments, 0),
       COALESCE(a.adjustments, 0), COALESCE(a.postings, 0)
FROM debtors d
LEFT JOIN opening o USING (account_id)
LEFT JOIN activity a USING (account_id)
WHERE COALESCE(o.amount, 0) <> 0 OR a.postings IS NOT NULL
ORDER BY d.debtor_id
"""


@dataclass(frozen=True)
class Figures:
    """One debtor's statement figures for one period."""

    debtor_id: int
    opening_balance: Decimal
    charges: Decimal
    payments: Decimal
    adjustments: Decimal
    postings: int

    @property
    def closing_balance(self) -> Decimal:
        return self.opening_balance + self.charges - self.payments + self.adjustments


def statement_figures(*, start: dt.date, end: dt.date, debtor_ids: list[int] | None = None) -> list[Figures]:
    """The figures of every debtor to state for the period ``start``-``end`` (inclusive) that has no
    statement for it yet, ordered by debtor; only ``debtor_ids`` when given. One query."""
    with connection.cursor() as cursor:
        cursor.execute(FIGURES_SQL, {"debtors": None if debtor_ids is None else sorted(debtor_ids),
                                     "start": start, "end": end})
        return [Figures(*row) for row in cursor.fetchall()]
