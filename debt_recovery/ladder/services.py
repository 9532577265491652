"""Writes of the recovery ladder: a team leader's changes to the steps, and the daily ladder run.

**The daily run** (:func:`ladder_run`), for a day:

1. reads, in one query, what every open debtor account owes and how much of it is overdue
   (:func:`debt_recovery.ladder.selectors.overdue_debts`), the holds in force that day and every
   ladder position;
2. a debt no longer overdue (paid off, credited, written off) **leaves the ladder**: its position's
   episode ends (set-based, one statement); a debt overdue again later starts a new episode at the
   first step;
3. a debt **on hold** that day is not touched at all: it neither starts nor moves on the ladder;
4. every other overdue debt is started on the ladder if it is not on it (set-based), and moved to its
   next step once that step is due: the previous step's date (or, for the first, the date the debt fell
   due) plus the step's ``days_after``. At most one step is taken per debt per run. A step whose
   conditions the debt does not meet (minimum overdue balance, customer types) is *passed over*, recorded
   as such, and the next step's days count from the day it fell due.

**Exactly once.** Each step taken or passed over is a :class:`LadderAction`, unique per (debtor,
episode, step); its letter is a document with the request key ``ladder-<debtor>-<episode>-<step>``; its
task is saved in the same transaction as the action and the position. The debts due are worked in chunks
(500), each chunk one transaction that locks and reads its positions again, so a crash loses at most the
chunk being worked on, and a rerun (the same day, or after a crash) finds the steps already taken and
takes none again.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from core.context import current_actor, system_user
from core.exceptions import ApplicationError
from core.history import insert_rows_with_history, insert_with_history, next_ids, save_attributed, update_with_history
from core.rules import require
from debt_recovery.accounts.choices import CustomerType
from debt_recovery.accounts.models import DebtorAccount
from debt_recovery.holds.selectors import holds_in_force
from debt_recovery.holds.services import recovery_officers_for
from debt_recovery.ladder.choices import ActionOutcome, LadderLetter, StepKind
from debt_recovery.ladder.letters import LETTER_BEFORE_CLAIM_REPLY_DAYS
from debt_recovery.ladder.models import LadderAction, LadderPosition, LadderStep
from debt_recovery.ladder.selectors import overdue_debts
from documents.services import documents_request_for_job
from people.choices import TaskStatus
from people.models import Task

#: What a team leader may set on a step.
STEP_FIELDS = ("position", "kind", "name", "days_after", "letter_kind", "creates_task", "task_due_days",
               "min_balance", "customer_types", "active", "guidance")


class LadderStepError(ApplicationError):
    """Refused: ``extra`` names each bad field with its message."""

    code = "invalid"

    def __init__(self, message: str, *, errors: dict[str, list[str]]):
        super().__init__(message, extra=errors)


def _check_step(step: LadderStep) -> None:
    errors: dict[str, list[str]] = {}
    if step.kind not in StepKind.values:
        errors["kind"] = ["Choose the kind of step."]
    if step.letter_kind not in LadderLetter.values:
        errors["letter_kind"] = ["Choose one of the ladder's letters, or none."]
    if not (step.name or "").strip():
        errors["name"] = ["Enter the step's name."]
    if step.position is None or step.position < 1:
        errors["position"] = ["The position is a whole number from 1."]
    if step.days_after is None or step.days_after < 0 or step.days_after > 3650:
        errors["days_after"] = ["Enter a number of days from 0 to 3650."]
    if step.min_balance is None or Decimal(step.min_balance) < 0:
        errors["min_balance"] = ["The minimum overdue balance cannot be negative."]
    bad_types = [t for t in (step.customer_types or []) if t not in CustomerType.values]
    if bad_types:
        errors["customer_types"] = ["Choose customer types from the list."]
    if step.active and not step.letter_kind and not step.creates_task:
        errors["letter_kind"] = ["A step must send a letter, give the officer a task, or both."]
    if step.kind == StepKind.LETTER_BEFORE_CLAIM and step.letter_kind not in ("", LadderLetter.LETTER_BEFORE_CLAIM):
        errors["letter_kind"] = ["A letter before claim step sends the letter before claim."]
    if step.position and LadderStep.objects.filter(position=step.position).exclude(pk=step.pk).exists():
        errors["position"] = [f"Another step is already at position {step.position}."]
    if errors:
        raise LadderStepError("Check the step's details.", errors=errors)


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise LadderStepError("Give a reason.", errors={"reason": ["Say why the ladder is changed."]})
    return reason


def ladder_step_create(*, acting_user, reason: str, **fields) -> LadderStep:
    """Add a step to the ladder (a team leader's change, with its reason in the step's history)."""
    require(acting_user, "debt_recovery.configure_ladder")
    reason = _reason(reason)
    unknown = set(fields) - set(STEP_FIELDS)
    if unknown:
        raise ValueError(f"Not a step's field: {sorted(unknown)}")
    with transaction.atomic():
        step = LadderStep(changed_by=acting_user, **fields)
        _check_step(step)
        save_attributed(step, user=acting_user, reason=reason)
    return step


def ladder_steps_seed(*, acting_user, steps, reason: str) -> int:
    """Set up a ladder where there is none (the demonstration data, a new installation's set-up command):
    each step checked as a team leader's would be. Adds nothing if any step exists."""
    with transaction.atomic():
        if LadderStep.objects.exists():
            return 0
        for fields in steps:
            step = LadderStep(changed_by=acting_user, **fields)
            _check_step(step)
            save_attributed(step, user=acting_user, reason=reason)
    return len(steps)


def ladder_step_update(*, acting_user, step: LadderStep, reason: str, **changes) -> LadderStep:
    """Change a step's timing, letter, task or conditions; debts already past it are not affected, and
    the change applies from the next ladder run."""
    require(acting_user, "debt_recovery.configure_ladder")
    reason = _reason(reason)
    unknown = set(changes) - set(STEP_FIELDS)
    if unknown:
        raise ValueError(f"Not a step's field: {sorted(unknown)}")
    with transaction.atomic():
        locked = LadderStep.objects.select_for_update().get(pk=step.pk)
        for field, value in changes.items():
            setattr(locked, field, value)
        locked.changed_by = acting_user
        _check_step(locked)
        save_attributed(locked, user=acting_user, reason=reason)
    return locked


# --- the daily run ------------------------------------------------------------------------------------

def _next_due(steps: list[LadderStep], position: LadderPosition) -> tuple[LadderStep, dt.date] | None:
    """The next active step for a debt on the ladder and the day it falls due, or None at the top."""
    after = position.last_step.position if position.last_step_id is not None else 0
    for step in steps:
        if step.position > after:
            base = position.last_step_on or position.episode_started_on
            return step, base + dt.timedelta(days=step.days_after)
    return None


def _task(step: LadderStep, debtor: DebtorAccount, *, on: dt.date, overdue, since, by, reply_by, officer) -> Task:
    due = reply_by or on + dt.timedelta(days=step.task_due_days)
    what = {
        StepKind.OFFICER_REFERRAL: "Find out why the debt is unpaid (contact the debtor or their representative, "
                                   "the social worker), consider a payment plan, a benefits check, safeguarding "
                                   "and whether the debt should be held or go to the debt panel.",
        StepKind.LETTER_BEFORE_CLAIM: f"The letter before claim gives until {reply_by:%d %B %Y} to reply. Record the "
                                      "reply, agree a plan, or prepare for a claim." if reply_by else "",
        StepKind.COUNTY_COURT: "The reply period of the letter before claim has passed. Decide whether a county court "
                               "claim is proportionate (never where a deferred payment agreement could be offered, "
                               "Care Act 2014 s.69(2)), or take the case to the debt panel.",
    }.get(step.kind, "")
    task = Task(title=f"{step.name}: {debtor.name} ({debtor.reference}), £{overdue:,} overdue",
                details=" ".join(filter(None, [step.guidance, what, f"Overdue since {since:%d %B %Y}."])),
                client_id=debtor.client_id, assigned_to=officer, due_date=due, status=TaskStatus.OPEN, created_by=by,
                content_type=ContentType.objects.get_for_model(DebtorAccount), object_id=debtor.pk,
                created_at=timezone.now())  # auto_now_add: set here, as the rows are inserted set-based
    return task


def _plan(position: LadderPosition, steps: list[LadderStep], *, on: dt.date, customer_type: str, overdue):
    """What the run does for one debt today: the steps passed over (their conditions not met) and at most
    one step taken, each with the day it fell due; the position's new last step and its date."""
    passed, taken = [], None
    last, last_on = position.last_step, position.last_step_on
    for step in steps:
        if last is not None and step.position <= last.position:
            continue
        due_on = (last_on or position.episode_started_on) + dt.timedelta(days=step.days_after)
        if due_on > on:
            break
        if step.applies_to(customer_type=customer_type, overdue=overdue):
            taken = (step, due_on)
            last, last_on = step, on
            break
        passed.append((step, due_on))
        last, last_on = step, due_on  # the next step counts from the day this one fell due
    return passed, taken, last, last_on


def _take_steps(debtor_ids: list[int], *, steps: list[LadderStep], found: dict, on: dt.date, by, summary) -> None:
    """Move one chunk of debts on by at most one step each, in one transaction: the positions locked and
    read again (so a rerun finds what a run before it did), the letters (:func:`documents_request_for_job`),
    the officers' tasks, the actions and the positions written set-based. A debt whose letter cannot be
    made (no postal address) is left where it is, reported, and tried again at the next run."""
    with transaction.atomic():
        positions = list(LadderPosition.objects.select_for_update(of=("self",))
                         .select_related("last_step", "debtor__client", "debtor__contact__contact")
                         .filter(debtor_id__in=debtor_ids, episode_started_on__isnull=False).order_by("debtor_id"))
        plans = []
        for position in positions:
            debt = found[position.debtor_id]
            passed, taken, last, last_on = _plan(position, steps, on=on, customer_type=position.debtor.customer_type,
                                                 overdue=debt.overdue)
            if passed or taken:
                plans.append((position, debt, passed, taken, last, last_on))
        requests = [{"client": position.debtor.client, "kind": taken[0].letter_kind,
                     "request_key": f"ladder-{position.debtor_id}-{position.episode}-{taken[0].pk}",
                     "letter_args": {"debtor": position.debtor, "overdue": debt.overdue, "due_since": debt.since,
                                     "balance": debt.balance}}
                    for position, debt, _passed, taken, *_ in plans if taken and taken[0].letter_kind]
        letters = documents_request_for_job(requested_by=by, requests=requests, on=on) if requests else {}
        officers = recovery_officers_for([p.debtor.client_id for p, *_, taken, _l, _o in plans
                                          if taken and taken[0].creates_task], on=on)
        actions, tasks, moved = [], [], []
        for position, debt, passed, taken, last, last_on in plans:
            debtor = position.debtor
            letter = None
            if taken and taken[0].letter_kind:
                letter = letters[f"ladder-{debtor.pk}-{position.episode}-{taken[0].pk}"]
                if isinstance(letter, ApplicationError):
                    summary["refused"] += 1
                    if len(summary["refused_debtors"]) < 50:
                        summary["refused_debtors"].append({"debtor": debtor.reference, "why": letter.message})
                    continue
            for step, due_on in passed:
                actions.append(LadderAction(debtor=debtor, episode=position.episode, step=step, kind=step.kind,
                                            outcome=ActionOutcome.PASSED_OVER, due_on=due_on, taken_on=on,
                                            overdue=debt.overdue))
            summary["passed_over"] += len(passed)
            if taken:
                step, due_on = taken
                reply_by = on + dt.timedelta(days=LETTER_BEFORE_CLAIM_REPLY_DAYS) \
                    if step.letter_kind == LadderLetter.LETTER_BEFORE_CLAIM else None
                task = None
                officer = officers.get(debtor.client_id)
                if step.creates_task and officer is not None:
                    task = _task(step, debtor, on=on, overdue=debt.overdue, since=debt.since, by=by,
                                 reply_by=reply_by, officer=officer)
                    tasks.append(task)
                actions.append(LadderAction(debtor=debtor, episode=position.episode, step=step, kind=step.kind,
                                            due_on=due_on, taken_on=on, overdue=debt.overdue, letter=letter,
                                            reply_by=reply_by, task=task))
                summary["steps_taken"] += 1
                summary["letters"] += letter is not None
                summary["tasks"] += task is not None
            moved.append((position.pk, last.pk, last_on, debt.overdue))
        if tasks:
            for task, pk in zip(tasks, next_ids(Task, len(tasks)), strict=True):
                task.pk = pk
            insert_rows_with_history(Task, tasks, user=by, reason="Recovery ladder step")
        for action in actions:
            action.task_id = action.task.pk if action.task is not None else None
        # Unique per (debtor, episode, step): never twice. Each with its history row, the job's.
        insert_with_history(LadderAction, actions, user=by, reason=f"Recovery ladder run of {on:%d %B %Y}")
        if moved:
            update_with_history(
                LadderPosition, set_sql="last_step_id = v.step, last_step_on = v.step_on, overdue = v.overdue",
                params=[], from_sql="(SELECT unnest(%s::bigint[]) AS id, unnest(%s::bigint[]) AS step, "
                                    "unnest(%s::date[]) AS step_on, unnest(%s::numeric[]) AS overdue) v",
                from_params=[[m[0] for m in moved], [m[1] for m in moved], [m[2] for m in moved],
                             [m[3] for m in moved]],
                user=by, reason=f"Recovery ladder run of {on:%d %B %Y}: next step")


def ladder_run(*, on: dt.date, run=None, chunk_size: int = 500) -> dict:
    """The daily job's work for ``on`` (see the module's docstring). Returns the summary."""
    actor = current_actor()
    by = actor.user if actor is not None and actor.user is not None else system_user()
    steps = list(LadderStep.objects.filter(active=True).order_by("position"))
    summary = {"overdue": 0, "on_hold": 0, "started": 0, "left": 0, "steps_taken": 0, "passed_over": 0,
               "letters": 0, "tasks": 0, "refused": 0, "refused_debtors": []}
    debts = overdue_debts(on=on)
    held = set(holds_in_force(on).values_list("debtor_id", flat=True))
    positions = dict(LadderPosition.objects.values_list("debtor_id", "episode_started_on"))
    episodes = dict(LadderPosition.objects.values_list("debtor_id", "episode"))

    # Off the ladder: no longer overdue (or the account closed, or no postings at all).
    leaving = [pk for pk, started in positions.items()
               if started is not None and not (pk in debts and debts[pk].is_overdue)]
    if leaving:
        summary["left"] = update_with_history(
            LadderPosition, set_sql="episode_started_on = NULL, last_step_id = NULL, last_step_on = NULL, "
                                    "overdue = 0, left_on = %s",
            params=[on], from_sql="(SELECT p.id FROM debt_recovery_ladderposition p WHERE p.debtor_id = ANY(%s) "
                                  "AND p.episode_started_on IS NOT NULL) v",
            from_params=[leaving], user=by, reason=f"Left the recovery ladder: nothing overdue on {on:%d %B %Y}")

    overdue = {pk: found for pk, found in debts.items() if found.is_overdue}
    summary["overdue"] = len(overdue)
    summary["on_hold"] = sum(1 for pk in overdue if pk in held)
    acting = {pk: found for pk, found in overdue.items() if pk not in held}
    if not steps:
        return summary

    # Onto the ladder: new positions, and positions starting a new episode.
    new = [LadderPosition(debtor_id=pk, episode=1, episode_started_on=found.since, overdue=found.overdue)
           for pk, found in acting.items() if pk not in positions]
    insert_with_history(LadderPosition, new, user=by, reason="Started on the recovery ladder: overdue")
    again = [pk for pk, found in acting.items() if pk in positions and positions[pk] is None]
    if again:
        update_with_history(
            LadderPosition, set_sql="episode = t.episode + 1, episode_started_on = v.since, overdue = v.overdue, "
                                    "last_step_id = NULL, last_step_on = NULL",
            params=[], from_sql="(SELECT p.id, x.since, x.overdue FROM unnest(%s::bigint[], %s::date[], %s::numeric[]) "
                                "AS x(debtor_id, since, overdue) JOIN debt_recovery_ladderposition p "
                                "ON p.debtor_id = x.debtor_id AND p.episode_started_on IS NULL) v",
            from_params=[again, [acting[pk].since for pk in again], [acting[pk].overdue for pk in again]],
            user=by, reason="Started on the recovery ladder again: a new overdue debt")
    summary["started"] = len(new) + len(again)

    # Which debts have a step due: worked out from what was just read, so most debts cost nothing more.
    last = {pk: (step_id, step_on) for pk, step_id, step_on in
            LadderPosition.objects.filter(episode_started_on__isnull=False).values_list(
                "debtor_id", "last_step_id", "last_step_on")}
    by_id = {step.pk: step for step in LadderStep.objects.all()}
    due = []
    for pk, found in acting.items():
        step_id, step_on = last.get(pk, (None, None))
        after = by_id[step_id].position if step_id is not None else 0
        base = step_on or positions.get(pk) or found.since
        nxt = next((s for s in steps if s.position > after), None)
        if nxt is not None and base + dt.timedelta(days=nxt.days_after) <= on:
            due.append(pk)
    due.sort()
    if run is not None:
        run.total = len(due)
        run.save(update_fields=["total"])
    for start in range(0, len(due), chunk_size):
        _take_steps(due[start:start + chunk_size], steps=steps, found=acting, on=on, by=by, summary=summary)
        if run is not None:
            run.done = min(start + chunk_size, len(due))
            run.save(update_fields=["done"])
    return summary
