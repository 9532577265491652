"""Changing the council's schedule of administration fees (Care and Support (Deferred Payment) Regulations
2014 reg 10: its actual or average costs). Fee items are effective-dated: a change closes the item in force on
the day before the new amount takes effect and opens a new item from that day, each with its source, so fees
already posted keep the amount in force when they fell due."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction

from core.exceptions import ApplicationError, ConflictError
from core.history import save_attributed
from core.rules import require
from deferred_payments.accrual.models import FeeScheduleItem
from people.selectors import today


def fee_schedule_in_force(*, on: dt.date | None = None):
    """The fee items in force on ``on`` (today), by kind and name."""
    from django.db.models import Q

    on = on or today()
    return (FeeScheduleItem.objects.filter(Q(effective_to__isnull=True) | Q(effective_to__gte=on),
                                           effective_from__lte=on).order_by("kind", "name"))


def fee_schedule_change(*, acting_user, item: FeeScheduleItem, amount, effective_from: dt.date,
                        source: str, reason: str = "") -> FeeScheduleItem:
    """A new amount for the fee ``item`` from ``effective_from`` (today or later, so fees already posted are not
    changed): ``item`` closes the day before and a new item with the same name and kind opens, with ``source``
    (the council's decision). Everything is checked first; on any error nothing changes."""
    require(acting_user, "deferred_payments.edit_fees")
    errors: dict[str, list[str]] = {}
    try:
        amount = Decimal(str(amount))
        if not amount.is_finite() or amount <= 0 or amount != amount.quantize(Decimal("0.01")):
            errors["amount"] = ["Give the fee in pounds and pence, more than £0.00."]
    except (InvalidOperation, ValueError):
        errors["amount"] = ["Give the fee in pounds and pence."]
    source = (source or "").strip()
    if not source:
        errors["source"] = ["Say where the new fee comes from: the council's decision or fees list."]
    if effective_from is None:
        errors["effective_from"] = ["Give the date the new fee takes effect."]
    elif effective_from < today():
        errors["effective_from"] = ["A change takes effect from today or later: fees already posted stay as they were."]
    elif effective_from <= item.effective_from:
        errors["effective_from"] = [f"The fee in force started on {item.effective_from:%-d %B %Y}: give a later date."]
    if errors:
        raise ApplicationError("The fee has errors: check each one.", code="dpa_fee_invalid", extra=errors)
    with transaction.atomic():
        item = FeeScheduleItem.objects.select_for_update().get(pk=item.pk)
        if item.effective_to is not None and item.effective_to < effective_from:
            raise ConflictError(f"This fee ended on {item.effective_to:%-d %B %Y}: change the one in force now.",
                                code="fee_ended")
        if FeeScheduleItem.objects.filter(name=item.name, kind=item.kind, effective_from__gt=item.effective_from
                                          ).exclude(pk=item.pk).exists():
            raise ConflictError("A later amount for this fee is already recorded: change that one.", code="fee_later")
        why = (reason or "").strip() or f"Fee changed to £{amount:,.2f} from {effective_from:%-d %B %Y}"
        item.effective_to = effective_from - dt.timedelta(days=1)
        save_attributed(item, user=acting_user, reason=f"{why} (closed; {source})")
        new = FeeScheduleItem(name=item.name, kind=item.kind, amount=amount, effective_from=effective_from,
                              source=source, recorded_by=acting_user)
        save_attributed(new, user=acting_user, reason=f"{why} ({source})")
    return new
