"""Reading property insurance: the live policy, the flags (uninsured; empty without unoccupied cover)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from properties.insurance.models import InsurancePolicy
from properties.register.choices import Occupancy


def live_policies(*, on: dt.date | None = None) -> QuerySet[InsurancePolicy]:
    on = on or timezone.localdate()
    return InsurancePolicy.objects.filter(Q(cancelled_on__isnull=True) | Q(cancelled_on__gt=on),
                                          starts_on__lte=on, renews_on__gte=on)


def live_policy(*, home, on: dt.date | None = None) -> InsurancePolicy | None:
    return live_policies(on=on).filter(home=home).order_by("-starts_on", "-id").first()


def uninsured(properties: QuerySet, *, on: dt.date | None = None) -> QuerySet:
    """The properties (not sold) with no live policy."""
    live = live_policies(on=on).filter(home=OuterRef("pk"))
    return properties.exclude(occupancy=Occupancy.SOLD).exclude(Exists(live))


def empty_without_unoccupied_cover(properties: QuerySet, *, on: dt.date | None = None) -> QuerySet:
    """The empty properties whose live policy (or policies) do not cover them while empty."""
    covered = live_policies(on=on).filter(home=OuterRef("pk"), unoccupied_cover=True)
    live = live_policies(on=on).filter(home=OuterRef("pk"))
    return properties.filter(occupancy=Occupancy.EMPTY).filter(Exists(live)).exclude(Exists(covered))


def insurance_flags(*, home, on: dt.date | None = None) -> list[str]:
    """What is wrong with a property's insurance, as sentences (none if nothing)."""
    if home.occupancy == Occupancy.SOLD:
        return []
    policy = live_policy(home=home, on=on)
    if policy is None:
        return ["Uninsured: no live insurance policy."]
    if home.occupancy == Occupancy.EMPTY and not live_policies(on=on).filter(home=home, unoccupied_cover=True).exists():
        return [f"Empty, but the policy with {policy.insurer} does not cover it while unoccupied."]
    return []
