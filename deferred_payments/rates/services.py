"""Entering the national maximum interest rate, and telling a team leader when one is missing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import IntegrityError, transaction

from core.exceptions import ApplicationError
from core.history import save_attributed
from core.rules import require
from deferred_payments.rates.models import MissingRateNotice, NationalRate
from deferred_payments.rates.selectors import half_year_of


class RateError(ApplicationError):
    code = "dpa_rate_invalid"


def national_rate_record(*, acting_user, starts_on: dt.date, annual_rate: Decimal, source: str, reason: str,
                         rate: NationalRate | None = None) -> NationalRate:
    """Enter the national maximum rate for the six-month period starting ``starts_on`` (1 January or 1 July),
    or correct one (``rate``) before any interest has been posted at it. A team leader's work; the reason and
    the source are kept in the history."""
    require(acting_user, "deferred_payments.enter_rates")
    reason, source = (reason or "").strip(), (source or "").strip()
    errors = {}
    if (starts_on.month, starts_on.day) not in ((1, 1), (7, 1)):
        errors["starts_on"] = ["A rate period starts on 1 January or 1 July."]
    if annual_rate is None or not Decimal(0) <= annual_rate < Decimal(100):
        errors["annual_rate"] = ["Give the rate as a percentage from 0 to less than 100, e.g. 4.25."]
    elif annual_rate != annual_rate.quantize(Decimal("0.0001")):
        errors["annual_rate"] = ["Give the rate to no more than four decimal places."]
    if not source:
        errors["source"] = ["Say where the rate was published."]
    if not reason:
        errors["reason"] = ["Give a reason."]
    if errors:
        raise RateError(next(iter(errors.values()))[0], extra=errors)
    with transaction.atomic():
        if rate is not None:
            rate = NationalRate.objects.select_for_update().get(pk=rate.pk)
            from deferred_payments.accrual.models import AccrualPosting as InterestPosting

            if InterestPosting.objects.filter(kind="interest", starts_on__lte=rate.ends_on, ends_on__gte=rate.starts_on).exists():
                raise RateError("Interest has already been posted at this rate, so it cannot be changed here.",
                                code="dpa_rate_used")
        elif NationalRate.objects.filter(starts_on=starts_on).exists():
            raise RateError("There is already a rate for this period: change that one.", code="dpa_rate_duplicate",
                            extra={"starts_on": ["There is already a rate for this period."]})
        rate = rate or NationalRate()
        rate.starts_on = starts_on
        rate.ends_on = half_year_of(starts_on)[1]
        rate.annual_rate = annual_rate
        rate.source = source
        rate.entered_by = acting_user
        try:
            with transaction.atomic():
                save_attributed(rate, user=acting_user, reason=reason)
        except IntegrityError:
            raise RateError("There is already a rate for this period.", code="dpa_rate_duplicate",
                            extra={"starts_on": ["There is already a rate for this period."]}) from None
    return rate


def missing_rate_notify(*, day: dt.date) -> MissingRateNotice | None:
    """Tell a deferred payments team leader, once per six-month period, that interest cannot be accrued from
    ``day`` until the national rate for its period is entered (a task). ``None`` when there is no team leader
    to tell. Unique on the period's start, so a rerun tells nobody twice."""
    from core.context import system_user
    from people.choices import Service
    from people.models import TeamMembership
    from people.services import task_create
    from people.selectors import today

    starts_on = half_year_of(day)[0]
    existing = MissingRateNotice.objects.filter(starts_on=starts_on).first()
    if existing is not None:
        return existing
    leader = (TeamMembership.objects.filter(team__service=Service.DEFERRED_PAYMENTS, is_leader=True,
                                            user__is_active=True).select_related("user").order_by("id").first())
    if leader is None:
        return None
    by = system_user()
    with transaction.atomic():
        task = task_create(acting_user=by, title=f"Enter the deferred payment interest rate from {starts_on:%-d %B %Y}",
                           assigned_to=leader.user, due_date=today(),
                           details=("Interest on deferred payment agreements stops at the last day with a national "
                                    f"maximum rate. Enter the rate for the period starting {starts_on:%-d %B %Y} on "
                                    "the rates page; the next accrual run then posts the interest held back."))
        notice = MissingRateNotice(starts_on=starts_on, task=task)
        save_attributed(notice, user=by, reason="A national interest rate is missing")
    return notice
