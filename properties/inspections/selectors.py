"""Reading inspections of empty homes: each empty property's schedule (how often, from what source, when
the next is due) and which are due or overdue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import F, Max, OuterRef, Q, Subquery
from django.utils import timezone

from properties.insurance.selectors import live_policies
from properties.register.choices import Occupancy
from properties.register.models import Property


def default_inspection_days() -> int:
    """How often an empty home is inspected when its insurer sets no condition: the council's own choice
    (``PROPERTY_INSPECTION_DEFAULT_DAYS``); no rule sets a figure, so it is configurable."""
    return int(getattr(settings, "PROPERTY_INSPECTION_DEFAULT_DAYS", 30))


def grace_days() -> int:
    """Days past due before an overdue inspection goes to the team leader (``PROPERTY_INSPECTION_GRACE_DAYS``,
    the council's choice)."""
    return int(getattr(settings, "PROPERTY_INSPECTION_GRACE_DAYS", 7))


@dataclass(frozen=True)
class InspectionSchedule:
    """An empty home's inspections: every ``every_days`` (from ``source``), last on ``last_on``, next
    due on ``due_on``; ``overdue`` when that day has passed."""

    home: Property
    every_days: int
    source: str
    last_on: dt.date | None
    due_on: dt.date
    on: dt.date

    @property
    def overdue(self) -> bool:
        return self.due_on < self.on

    @property
    def days_overdue(self) -> int:
        return max(0, (self.on - self.due_on).days)


def _annotated(properties, on: dt.date):
    policy = live_policies(on=on).filter(home=OuterRef("pk"), unoccupied_cover=True,
                                         inspection_every_days__isnull=False).order_by("inspection_every_days")
    return properties.filter(occupancy=Occupancy.EMPTY).annotate(
        last_visit=Max("inspections__visited_on",
                       filter=Q(inspections__visited_on__gte=F("occupancy_since")) | Q(occupancy_since__isnull=True)),
        policy_days=Subquery(policy.values("inspection_every_days")[:1]),
        policy_insurer=Subquery(policy.values("insurer")[:1]),
    ).select_related("client")


def _schedule(home, on: dt.date) -> InspectionSchedule:
    if home.policy_days:
        every, source = home.policy_days, f"The condition of the policy with {home.policy_insurer}"
    else:
        every, source = default_inspection_days(), "The council's default (no insurer's condition)"
    start = home.last_visit or home.occupancy_since or on
    return InspectionSchedule(home=home, every_days=every, source=source, last_on=home.last_visit,
                              due_on=start + dt.timedelta(days=every), on=on)


def inspection_schedules(properties, *, on: dt.date | None = None) -> list[InspectionSchedule]:
    """The schedule of each empty property among ``properties`` (one query)."""
    on = on or timezone.localdate()
    return [_schedule(home, on) for home in _annotated(properties, on)]


def inspection_schedule(*, home, on: dt.date | None = None) -> InspectionSchedule | None:
    """One property's schedule; ``None`` unless it is empty."""
    found = inspection_schedules(Property.objects.filter(pk=home.pk), on=on)
    return found[0] if found else None


def inspections_overdue(properties, *, on: dt.date | None = None) -> list[InspectionSchedule]:
    return [each for each in inspection_schedules(properties, on=on) if each.overdue]
