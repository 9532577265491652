"""Writes of holds: placing one, moving its review date, releasing it, and the daily review job.

Each change is attributable (the officer or the job, the time, the reason in the hold's history).
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from core.context import current_actor, system_user
from core.exceptions import ApplicationError, ConflictError
from core.history import save_attributed
from core.rules import require
from debt_recovery.holds.choices import HoldReason
from debt_recovery.holds.models import Hold
from people.choices import Service, TaskStatus
from people.models import Task, TeamMembership
from people.selectors import current_allocations, today

#: The review task is due this many working-week days after the review date comes.
REVIEW_TASK_DUE_DAYS = 5


class HoldError(ApplicationError):
    """Refused: ``extra`` names each bad field with its message."""

    code = "invalid"

    def __init__(self, message: str, *, errors: dict[str, list[str]]):
        super().__init__(message, extra=errors)


def _check_review_on(review_on, *, on: dt.date) -> None:
    if review_on is None:
        raise HoldError("Give a review date.", errors={"review_on": ["Enter the date to review the hold."]})
    if review_on <= on:
        raise HoldError("The review date must be in the future.",
                        errors={"review_on": ["The review date must be after today."]})


def hold_place(*, acting_user, debtor, reason: str, review_on: dt.date, note: str = "") -> Hold:
    """Hold ``debtor``'s debt off the recovery ladder for ``reason`` until someone reviews it on
    ``review_on``. One hold in force per reason per debtor."""
    require(acting_user, "debt_recovery.work_client", debtor)
    note = (note or "").strip()
    if reason not in HoldReason.values:
        raise HoldError("Choose why the debt is held.", errors={"reason": ["Choose a reason for the hold."]})
    if reason == HoldReason.OTHER and not note:
        raise HoldError("Say why the debt is held.", errors={"note": ["Say what the hold is for."]})
    _check_review_on(review_on, on=today())
    label = HoldReason(reason).label
    try:
        with transaction.atomic():
            hold = Hold(debtor=debtor, reason=reason, note=note, review_on=review_on, placed_by=acting_user)
            save_attributed(hold, user=acting_user, reason=f"Hold placed: {label}")
    except IntegrityError:
        raise HoldError("This debt already has a hold for that reason.", errors={
            "reason": ["A hold for this reason is already in force: change its review date instead."]}) from None
    return hold


def hold_review(*, acting_user, hold: Hold, review_on: dt.date, note: str) -> Hold:
    """Keep a hold in force after reviewing it, until the next review date. The review task given for
    the last date, if any, is closed as done."""
    require(acting_user, "debt_recovery.work_client", hold.debtor)
    note = (note or "").strip()
    if not note:
        raise HoldError("Say what the review found.", errors={"note": ["Say why the hold stays."]})
    _check_review_on(review_on, on=today())
    with transaction.atomic():
        locked = Hold.objects.select_for_update().get(pk=hold.pk)
        if not locked.in_force:
            raise ConflictError("This hold has already been released.", code="released")
        _close_review_task(locked, by=acting_user, outcome=f"Hold kept until {review_on:%d %B %Y}: {note}")
        locked.review_on = review_on
        locked.review_task = None
        save_attributed(locked, user=acting_user, reason=f"Hold reviewed, kept until {review_on:%d %B %Y}: {note}")
    return locked


def hold_release(*, acting_user, hold: Hold, note: str) -> Hold:
    """End a hold: from tomorrow's ladder run the debt is chased again (today's too, if it has not run)."""
    require(acting_user, "debt_recovery.work_client", hold.debtor)
    note = (note or "").strip()
    if not note:
        raise HoldError("Say why the hold is released.", errors={"note": ["Say why the hold ends."]})
    with transaction.atomic():
        locked = Hold.objects.select_for_update().get(pk=hold.pk)
        if not locked.in_force:
            raise ConflictError("This hold has already been released.", code="released")
        locked.released_by = acting_user
        locked.released_at = timezone.now()
        locked.release_note = note
        _close_review_task(locked, by=acting_user, outcome=f"Hold released: {note}")
        save_attributed(locked, user=acting_user, reason=f"Hold released: {note}")
    return locked


def _close_review_task(hold: Hold, *, by, outcome: str) -> None:
    if hold.review_task_id is None:
        return
    task = Task.objects.select_for_update().get(pk=hold.review_task_id)
    if task.is_closed:
        return
    task.status = TaskStatus.DONE
    task.completed_by = by
    task.completed_at = timezone.now()
    task.outcome = outcome
    save_attributed(task, user=by, reason="Hold reviewed")


# --- who follows up ----------------------------------------------------------------------------------

def recovery_officer_for(client, *, on: dt.date | None = None):
    """Who chases the client's debts: the officer of their current debt recovery allocation, else that
    team's leader; ``None`` if no debt recovery team holds the client."""
    allocation = (current_allocations(on=on).filter(client=client, service=Service.DEBT_RECOVERY)
                  .select_related("officer", "team").order_by("-start_date", "-id").first())
    if allocation is None:
        return None
    if allocation.officer is not None and allocation.officer.is_active:
        return allocation.officer
    leader = (TeamMembership.objects.filter(team=allocation.team, is_leader=True, user__is_active=True)
              .select_related("user").order_by("id").first())
    return leader.user if leader else None


def recovery_officers_for(client_ids, *, on: dt.date | None = None) -> dict:
    """:func:`recovery_officer_for` for many clients in two queries: client id -> user (absent: nobody)."""
    allocations = (current_allocations(on=on).filter(client_id__in=list(client_ids), service=Service.DEBT_RECOVERY)
                   .select_related("officer").order_by("client_id", "-start_date", "-id"))
    chosen: dict = {}
    for allocation in allocations:
        chosen.setdefault(allocation.client_id, allocation)
    leaders = {}
    teams = {a.team_id for a in chosen.values() if a.officer is None or not a.officer.is_active}
    for membership in (TeamMembership.objects.filter(team_id__in=teams, is_leader=True, user__is_active=True)
                       .select_related("user").order_by("id")):
        leaders.setdefault(membership.team_id, membership.user)
    found = {}
    for client_id, allocation in chosen.items():
        user = allocation.officer if allocation.officer is not None and allocation.officer.is_active \
            else leaders.get(allocation.team_id)
        if user is not None:
            found[client_id] = user
    return found


# --- the daily review job --------------------------------------------------------------------------

def holds_review_run(*, on: dt.date) -> dict:
    """The daily job's work: each hold in force whose review date has come gets one review task for its
    officer (or the team leader). Safe to run twice and after a crash: a hold has at most one review
    task per review date (``review_task``, set once and cleared only when the review date moves)."""
    actor = current_actor()
    by = actor.user if actor is not None and actor.user is not None else system_user()
    summary = {"tasks_created": 0, "no_officer": 0}
    with transaction.atomic():
        due = (Hold.objects.select_for_update(of=("self",), skip_locked=True)
               .filter(released_at__isnull=True, review_on__lte=on, review_task__isnull=True)
               .select_related("debtor__client").order_by("review_on", "pk"))
        for hold in due:
            client = hold.debtor.client
            officer = recovery_officer_for(client, on=on)
            if officer is None:
                summary["no_officer"] += 1
                continue
            task = Task(
                title=f"Review hold: {hold.debtor.name} ({hold.debtor.reference}), {hold.get_reason_display().lower()}",
                details=(f"The hold placed on {hold.placed_at:%d %B %Y} ({hold.get_reason_display()}"
                         + (f": {hold.note}" if hold.note else "") + f") was due for review on "
                         f"{hold.review_on:%d %B %Y}. Release it, so the recovery ladder resumes, or set the "
                         "next review date."),
                client=client, assigned_to=officer, due_date=on + dt.timedelta(days=REVIEW_TASK_DUE_DAYS),
                status=TaskStatus.OPEN, created_by=by)
            task.subject = hold
            save_attributed(task, user=by, reason="Hold due for review")
            hold.review_task = task
            save_attributed(hold, user=by, reason=f"Review task given for {hold.review_on:%d %B %Y}")
            summary["tasks_created"] += 1
    return summary


def recovery_worker_for(debtor, *, on: dt.date | None = None):
    """Who is given debt recovery work on ``debtor``: the recovery officer (:func:`recovery_officer_for`) when
    they may work the debt (rule ``debt_recovery.work_client``: they are in a team holding the client), else
    a leader, then a member, of a debt recovery team holding the client who may; ``None`` when no one may."""
    from core.rules import can

    officer = recovery_officer_for(debtor.client, on=on)
    if officer is not None and can(officer, "debt_recovery.work_client", debtor):
        return officer
    teams = list(current_allocations(on=on).filter(client=debtor.client, service=Service.DEBT_RECOVERY)
                 .values_list("team_id", flat=True))
    for membership in (TeamMembership.objects.filter(team_id__in=teams, user__is_active=True)
                       .select_related("user").order_by("-is_leader", "id")):
        if can(membership.user, "debt_recovery.work_client", debtor):
            return membership.user
    return None


def hold_place_or_ask(*, acting_user, debtor, reason: str, review_on: dt.date, note: str, subject=None):
    """Another team's reason to hold a debt (a deferred payment agreement being offered or set up): placed
    now when ``acting_user`` may work the debt, else a task to place it for someone who may
    (:func:`recovery_worker_for`). Nothing is done when a hold for ``reason`` is already in force. Returns the
    hold, the task, or ``None`` (already held, or no one in debt recovery holds the client)."""
    from core.rules import can
    from debt_recovery.holds.selectors import holds_in_force
    from people.services import task_create

    if holds_in_force().filter(debtor=debtor, reason=reason).exists():
        return None
    if can(acting_user, "debt_recovery.work_client", debtor):
        return hold_place(acting_user=acting_user, debtor=debtor, reason=reason, review_on=review_on, note=note)
    worker = recovery_worker_for(debtor)
    if worker is None:
        return None
    return task_create(acting_user=acting_user,
                       title=f"Hold {debtor.reference} off recovery: {HoldReason(reason).label}",
                       assigned_to=worker, client=debtor.client, due_date=today() + dt.timedelta(days=2),
                       subject=subject or debtor,
                       details=f"{note} Place a hold with the reason '{HoldReason(reason).label}'.")


def hold_release_or_ask(*, acting_user, hold: Hold, note: str, subject=None):
    """Release another team's hold (its reason has gone): now when ``acting_user`` may work the debt, else a
    task to release it for someone who may. Returns the hold, the task, or ``None`` (no one may)."""
    from core.rules import can
    from people.services import task_create

    if can(acting_user, "debt_recovery.work_client", hold.debtor):
        return hold_release(acting_user=acting_user, hold=hold, note=note)
    worker = recovery_worker_for(hold.debtor)
    if worker is None:
        return None
    return task_create(acting_user=acting_user, title=f"Release the hold on {hold.debtor.reference}: "
                       f"{HoldReason(hold.reason).label}", assigned_to=worker, client=hold.debtor.client,
                       due_date=today() + dt.timedelta(days=2), subject=subject or hold.debtor, details=note)
