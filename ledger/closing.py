"""Closed months: when client money can no longer change, and where late money goes instead.

Signing off a month's reconciliation of the pooled client bank account closes the month for that bank
account and the client-money sub-ledger it carries: every client's funds account and the suspense
account (:data:`SUB_LEDGER`). A :class:`~ledger.models.ClosedMonth` row records it. Closing a month
closes everything before it too: a posting dated in October would change November's closing balance.
So client money is closed **up to** the last day of the latest closed month (:func:`closed_up_to`), and
PostgreSQL refuses any posting to the sub-ledger dated on or before that day (SQLSTATE 23L07,
``migrations/sql/0010_closed_months.up.sql``), whichever way it was written.

**Late items.** Money that belongs to a closed month (a held payment dated 30 November released after
November was signed off; a receipt, a bank statement line or a suspense allocation dated in a closed
month) is posted dated the **first day after the closed period**, that is the first day of the month
after the latest closed month (:func:`posting_date`), with the date it belongs to kept on the
transaction as ``relates_to_date`` and named in its description ("belongs to 30 November 2026"). That
day is in the first open month, so the item appears in that month's reconciliation among its late items.
It is always the same day for the same item, whenever it is posted or retried, while the months stay
as they are, so asking again posts nothing twice; and it is as near to the date the money belongs to as
the closed months allow.
"""

from __future__ import annotations

import calendar
import datetime as dt

from django.db import connection
from django.db.models import Max

from ledger.choices import Purpose
from ledger.models import ClosedMonth, Transaction

#: The accounts a closed month closes: the pooled client bank account and the sub-ledger it carries.
#: (The same list is in migrations/sql/0010_closed_months.up.sql.)
SUB_LEDGER = (Purpose.POOLED_BANK, Purpose.CLIENT_FUNDS, Purpose.SUSPENSE)


def long_date(day: dt.date) -> str:
    """30 November 2026"""
    return f"{day.day} {day:%B %Y}"


def month_end(first: dt.date) -> dt.date:
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


def closed_up_to() -> dt.date | None:
    """The last day of the latest closed month: client money dated on or before it cannot change."""
    latest = ClosedMonth.objects.filter(reopened_at__isnull=True).aggregate(latest=Max("month"))["latest"]
    return month_end(latest) if latest else None


def posting_date(effective_date: dt.date) -> tuple[dt.date, dt.date | None]:
    """Where money dated ``effective_date`` is posted: ``(date to post on, date it belongs to)``.

    In an open month it is posted on its own date and belongs to no other (``None``). In a closed month it
    is posted on the first day after the closed period and belongs to ``effective_date``.
    """
    last = closed_up_to()
    if last is None or effective_date > last:
        return effective_date, None
    return last + dt.timedelta(days=1), effective_date


def late_memo(memo: str, relates_to_date: dt.date | None) -> str:
    """The description, naming the date a late item belongs to (500 characters at most)."""
    if relates_to_date is None:
        return memo
    note = f"(belongs to {long_date(relates_to_date)})"
    return f"{memo[:500 - len(note) - 1]} {note}" if memo else note


def posting_date_for_key(effective_date: dt.date, idempotency_key: str) -> tuple[dt.date, dt.date | None]:
    """:func:`posting_date`, except that money already posted under ``idempotency_key`` for this same date
    keeps the date it was posted on, so asking again after its month has closed returns it rather than
    looking like a different transaction."""
    posted = (Transaction.objects.filter(idempotency_key=idempotency_key)
              .values_list("effective_date", "relates_to_date").first())
    if posted is not None and (posted[1] or posted[0]) == effective_date:
        return posted
    return posting_date(effective_date)


def lock_for_closing() -> None:
    """Wait for every database transaction already posting to client money to commit, and hold back new
    ones until this database transaction ends (an advisory lock the posting trigger shares)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT ledger_client_money_close_lock()")
