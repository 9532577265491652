"""The only code that writes rates: :func:`rate_add`."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import IntegrityError, transaction

from charging.rates.codes import GBP, RATE_CODES
from charging.rates.models import Rate
from core.exceptions import ApplicationError, ConflictError, PermissionDeniedError
from core.history import set_reason
from core.roles import is_read_only
from core.rules import require
from ledger.money import to_decimal


def _require_rate_manager(user) -> None:
    if user is None or not getattr(user, "is_authenticated", False) or user.pk is None:
        raise PermissionDeniedError("Sign in to make changes.")
    if is_read_only(user):
        raise PermissionDeniedError("Auditors have read-only access.")
    require(user, "charging.add_rate")


def rate_add(
    *,
    acting_user,
    code: str,
    amount: Decimal | str | int,
    effective_from: dt.date,
    source: str,
    reason: str,
    effective_to: dt.date | None = None,
) -> Rate:
    """Add a figure for a rate from the day it takes effect (e.g. April's new PEA), citing where it
    comes from. The previous figure for the code then runs until the day before (or until
    ``effective_to``, where a figure is known to end with nothing yet to replace it). Only team
    leaders and administrators may add rates; the history records who and why."""
    _require_rate_manager(acting_user)
    errors: dict[str, list[str]] = {}
    entry = RATE_CODES.get(code)
    if entry is None:
        errors["code"] = ["Choose a rate from the list."]
    try:
        value = to_decimal(amount)
    except (TypeError, ValueError):
        errors["amount"] = ["Enter the figure as a number, such as 30.15."]
        value = None
    if value is not None:
        if value < 0:
            errors["amount"] = ["A rate cannot be negative."]
        elif entry is not None and entry.unit == GBP and value != value.quantize(Decimal("0.01")):
            errors["amount"] = ["An amount in pounds has at most two decimal places."]
        elif value != value.quantize(Decimal("0.0001")) or abs(value) >= Decimal("1e10"):
            errors["amount"] = ["A rate has at most four decimal places and ten digits before the point."]
    if not isinstance(effective_from, dt.date):
        errors["effective_from"] = ["Give the date the figure takes effect."]
    if effective_to is not None and isinstance(effective_from, dt.date) and effective_to < effective_from:
        errors["effective_to"] = ["The end date must be on or after the start date."]
    if not source or not source.strip():
        errors["source"] = ["Say where the figure comes from (e.g. the DHSC local authority circular)."]
    if not reason or not reason.strip():
        errors["reason"] = ["Give a reason for the change."]
    if errors:
        first = next(iter(errors.values()))[0]
        raise ApplicationError(first, code="invalid", extra=errors)

    rate = Rate(code=code, value=value, unit=entry.unit, effective_from=effective_from,
                effective_to=effective_to, source=source.strip())
    set_reason(rate, reason.strip())
    rate._history_user = acting_user
    try:
        with transaction.atomic(durable=True):
            rate.save()
    except IntegrityError as exc:
        if "charging_rate_code_effective_from_uniq" not in str(exc):
            raise ApplicationError("The rate could not be saved; check the figure and the dates.") from None
        raise ConflictError(
            f"There is already a figure for {entry.name} from {effective_from.day} {effective_from:%B %Y}.",
            code="rate_exists",
        ) from None
    return rate
