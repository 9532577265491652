"""Reads for the client affairs casework list and panels (card top-ups due this week, estates awaiting a
grant, open life event tasks), each limited to the clients the user may see; one client's life events and
registers; and the ``access_*`` selectors of the registers' records, which 404 alike for missing and
forbidden."""

from __future__ import annotations

import datetime as dt

from django.db.models import F
from django.http import Http404
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



def access_investment(*, user, pk):
    """The investment with id ``pk``, if the user may see the client; else a 404 (like one that does not exist)."""
    from deputyship.lifeevents.models import Investment

    try:
        return Investment.objects.select_related("client").get(pk=pk, client__in=clients_visible_to(user=user))
    except (Investment.DoesNotExist, ValueError, TypeError):
        raise Http404("No such investment") from None


def access_tax_return(*, user, pk):
    """The tax return with id ``pk``, if the user may see the client; else a 404."""
    from deputyship.lifeevents.models import TaxReturn

    try:
        return TaxReturn.objects.select_related("client").get(pk=pk, client__in=clients_visible_to(user=user))
    except (TaxReturn.DoesNotExist, ValueError, TypeError):
        raise Http404("No such tax return") from None


def access_document(*, user, pk):
    """The cherished document with id ``pk``, if the user may see the client; else a 404."""
    from deputyship.lifeevents.models import CherishedDocument

    try:
        return CherishedDocument.objects.select_related("client").get(pk=pk,
                                                                      client__in=clients_visible_to(user=user))
    except (CherishedDocument.DoesNotExist, ValueError, TypeError):
        raise Http404("No such document") from None


def client_life_context(*, client) -> dict:
    """What the client's life events and registers page shows: each life event with its checklist (the task,
    who has it, when it is due, whether it is done) and its progress; investments; tax returns; funeral plan
    decisions and whether one is now needed; debts (priority first); benefit checks; cherished documents."""
    from deputyship.lifeevents.models import LifeEventTask
    from deputyship.lifeevents.services import funeral_plan_flagged

    events = list(client.life_events.select_related("recorded_by").order_by("-happened_on", "-id"))
    items = (LifeEventTask.objects.filter(event__in=events).select_related("task", "task__assigned_to")
             .order_by("task__due_date", "id"))
    by_event: dict[int, list] = {}
    for item in items:
        by_event.setdefault(item.event_id, []).append(item)
    for event in events:
        event.items = by_event.get(event.pk, [])
        event.done = sum(1 for item in event.items if item.task.status == "done")
    return {
        "events": events,
        "investments": list(client.investments.order_by(F("ended_on").asc(nulls_first=True), "review_on", "id")),
        "tax_returns": list(client.tax_returns.order_by("-year_ending")),
        "funeral_plan_decisions": list(client.funeral_plan_decisions.select_related("decided_by")
                                       .order_by("-decided_on", "-id")),
        "funeral_plan_flagged": funeral_plan_flagged(client),
        "debts": list(client.client_debts.order_by(F("cleared_on").asc(nulls_first=True), "-priority", "creditor",
                                                "id")),
        "benefit_checks": list(client.benefit_checks.order_by("-checked_on", "-id")),
        "documents": list(client.cherished_documents.order_by(F("returned_on").asc(nulls_first=True), "kind",
                                                            "received_on", "id")),
    }
