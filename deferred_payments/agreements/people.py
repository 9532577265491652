"""Who in the deferred payments team works an agreement, and giving them (or legal services) a task."""

from __future__ import annotations

import datetime as dt

from core.history import save_attributed
from people.choices import Service, TaskStatus
from people.models import Task, TeamMembership
from people.selectors import current_allocations


def team_leader_for(client, *, on: dt.date | None = None):
    """A leader of the deferred payments team holding the client (else any of the service's leaders)."""
    allocation = (current_allocations(on=on).filter(client=client, service=Service.DEFERRED_PAYMENTS)
                  .order_by("-start_date", "-id").first())
    leaders = TeamMembership.objects.filter(is_leader=True, user__is_active=True,
                                            team__service=Service.DEFERRED_PAYMENTS).select_related("user")
    if allocation is not None:
        mine = leaders.filter(team=allocation.team).order_by("id").first()
        if mine is not None:
            return mine.user
    first = leaders.order_by("id").first()
    return first.user if first else None


def officer_for(client, *, on: dt.date | None = None):
    """The officer of the client's deferred payments allocation, else the team's leader."""
    allocation = (current_allocations(on=on).filter(client=client, service=Service.DEFERRED_PAYMENTS)
                  .select_related("officer").order_by("-start_date", "-id").first())
    if allocation is not None and allocation.officer is not None and allocation.officer.is_active:
        return allocation.officer
    return team_leader_for(client, on=on)


def legal_contact_for(agreement):
    """Legal services' contact from the agreement's policy, else the team leader."""
    policy = agreement.policy
    if policy is not None and policy.legal_contact_id and policy.legal_contact.is_active:
        return policy.legal_contact
    return team_leader_for(agreement.client)


def task_give(*, by, assigned_to, title: str, details: str, due_date: dt.date, agreement, reason: str) -> Task:
    """A task about the agreement (its subject) for one person, attributed to ``by`` (an officer or the job)."""
    task = Task(title=title[:200], details=details, client=agreement.client, assigned_to=assigned_to,
                due_date=due_date, status=TaskStatus.OPEN, created_by=by)
    task.subject = agreement
    save_attributed(task, user=by, reason=reason)
    return task
