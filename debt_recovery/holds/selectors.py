"""Reads of holds: whether a debt is held off the recovery ladder on a day, and which holds are due for
review.

A hold is in force on a day from the day it is placed (that whole day) until the day it is released
(not in force that day: a hold released in the morning lets that day's ladder run act).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import F, Q, QuerySet

from debt_recovery.holds.models import Hold
from people.selectors import today


def holds_in_force(on: dt.date | None = None) -> QuerySet[Hold]:
    """Every hold in force on ``on`` (today if not given)."""
    on = on or today()
    return Hold.objects.filter(Q(placed_at__date__lte=on), Q(released_at__isnull=True) | Q(released_at__date__gt=on))


def is_on_hold(debtor, on: dt.date | None = None) -> bool:
    """Whether any hold on ``debtor`` is in force on ``on`` (today if not given)."""
    return holds_in_force(on).filter(debtor=debtor).exists()


def debtor_holds(debtor) -> QuerySet[Hold]:
    """A debtor's holds, those in force first, then the released ones, newest first."""
    return (Hold.objects.filter(debtor=debtor).select_related("placed_by", "released_by")
            .order_by(F("released_at").desc(nulls_first=True), "-placed_at"))


def holds_due_for_review(on: dt.date | None = None) -> QuerySet[Hold]:
    """Holds still in force whose review date has come (on or before ``on``)."""
    on = on or today()
    return Hold.objects.filter(released_at__isnull=True, review_on__lte=on)
