"""Reads for the client affairs casework list and panels: card top-ups due this week, estates awaiting a
grant, and open life event tasks, each limited to the clients the user may see."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from people.selectors import clients_visible_to


def card_topups_due(*, user, on: dt.date | None = None):
    """Cards in use not yet topped up for this week."""
    from deputyship.cards.models import PrepaidCard
    from deputyship.cards.services import week_of

    week = week_of(on or timezone.localdate())
    return (PrepaidCard.objects.filter(ended_on__isnull=True, client__in=clients_visible_to(user=user))
            .exclude(topups__week_of=week).select_related("client").order_by("client__last_name", "pk"))


def estates_awaiting_grant(*, user):
    """Deaths recorded with no grant yet and no referral to the Bona Vacantia Division."""
    from deputyship.death.models import Death

    return (Death.objects.filter(client__in=clients_visible_to(user=user), grant__isnull=True)
            .exclude(bona_vacantia__refer=True).select_related("client").order_by("died_on", "pk"))


def life_event_tasks_open(*, user):
    """Open checklist items of life events."""
    from deputyship.lifeevents.models import LifeEventTask

    return (LifeEventTask.objects.filter(event__client__in=clients_visible_to(user=user),
                                         task__status__in=["open", "overdue"])
            .select_related("task", "task__assigned_to", "event", "event__client").order_by("task__due_date", "pk"))

