"""Reads of payment plans."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from debt_recovery.plans.choices import PlanStatus
from debt_recovery.plans.models import PaymentPlan
from people.selectors import today


def plans_broken_recently(*, days: int = 28) -> QuerySet[PaymentPlan]:
    return PaymentPlan.objects.filter(status=PlanStatus.BROKEN, ended_on__gte=today() - dt.timedelta(days=days))


def plans_for(*, debtors) -> QuerySet[PaymentPlan]:
    return PaymentPlan.objects.filter(debtor__in=debtors).select_related("debtor").prefetch_related("instalments")
