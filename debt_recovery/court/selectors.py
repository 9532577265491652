"""Reads of county court claims, limitation dates and estate cases, and the claim pack's contents."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet
from django.http import Http404

from debt_recovery.accounts.models import DebtorAccount
from debt_recovery.accounts.selectors import debtor_accounts_visible_to, open_charges
from debt_recovery.court.models import CourtClaim, EstateCase, LimitationWarning
from debt_recovery.court.rules_of_court import enforcement_agent_fees, limitation_date
from people.selectors import today


def claims_visible_to(*, user) -> QuerySet[CourtClaim]:
    return (CourtClaim.objects.filter(debtor__in=debtor_accounts_visible_to(user=user))
            .select_related("debtor__client", "prepared_by", "letter_before_claim"))


def access_claim(*, user, pk) -> CourtClaim:
    try:
        return claims_visible_to(user=user).get(pk=pk)
    except (CourtClaim.DoesNotExist, ValueError, TypeError):
        raise Http404("No court claim found") from None


def estates_visible_to(*, user) -> QuerySet[EstateCase]:
    return EstateCase.objects.filter(debtor__in=debtor_accounts_visible_to(user=user)).select_related("debtor__client")


def access_estate(*, user, pk) -> EstateCase:
    try:
        return estates_visible_to(user=user).get(pk=pk)
    except (EstateCase.DoesNotExist, ValueError, TypeError):
        raise Http404("No estate case found") from None


@dataclass(frozen=True)
class Limitation:
    """A debt's limitation: the earliest date one of its unpaid charges can no longer be recovered."""

    next_date: dt.date | None
    next_amount: Decimal
    barred: Decimal


def debtor_limitation(debtor: DebtorAccount, *, on: dt.date | None = None) -> Limitation:
    on = on or today()
    barred, upcoming = Decimal("0.00"), []
    for charge in open_charges(ledger_account_id=debtor.ledger_account_id, as_at=on):
        ends = limitation_date(charge.date)
        if ends < on:
            barred += charge.outstanding
        else:
            upcoming.append((ends, charge.outstanding))
    if not upcoming:
        return Limitation(None, Decimal("0.00"), barred)
    first = min(day for day, _ in upcoming)
    return Limitation(first, sum((amount for day, amount in upcoming if day == first), Decimal("0.00")), barred)


def limitation_warnings_visible_to(*, user, within_days: int | None = None, on: dt.date | None = None):
    """Warnings given whose limitation date has not passed, soonest first."""
    on = on or today()
    found = LimitationWarning.objects.filter(debtor__in=debtor_accounts_visible_to(user=user),
                                             limitation_date__gte=on).select_related("debtor", "task")
    if within_days is not None:
        found = found.filter(limitation_date__lte=on + dt.timedelta(days=within_days))
    return found.order_by("limitation_date", "pk")


def fees_for(claim: CourtClaim):
    """Enforcement agents' fees for the judgment sum, stage by stage."""
    return enforcement_agent_fees(claim.judgment_amount or claim.amount)
