"""The April uplift: every live approved assessment worked out again with the new year's incomes and
rates.

A team leader starts an uplift for a date (:func:`uplift_start`, e.g. 6 April 2026), optionally with
the percentage other income (occupational and private pensions, annuities) rises by. Workers work
out, in chunks, each live assessment again: first the person's income is **uprated**
(:func:`charging.uplift.uprating.uprate_income`: each state benefit and pension to the new year's published
amount from the rates table, other income by the stated percentage or carried over for an officer to
check), then the charge with ``rates_in_force(uplift_date)``. Each is stored as an :class:`UpliftItem`
beside the charge now, with every income line old and new and how it was reached: the **preview**
(:func:`uplift_preview_rows`, :func:`uplift_preview_totals`). Nothing about any assessment changes.
The cost of care is the care package's weekly cost on the day the preview is made.

When a team leader commits (:func:`uplift_commit`; above ``CHARGING_UPLIFT_SECOND_APPROVAL_ABOVE``
people a second charging team leader confirms it), workers make, in chunks, for each previewed
assessment still in force a new approved assessment from the uplift date: worked out by the system
(``assessed_by``), approved by the team leader who committed (the database's maker-checker CHECK
holds), with the figures the preview showed. The history of every new assessment, supersession,
letter and task is that team leader's, under the commit's correlation id, naming the job. The old
assessment stays in force until the day before the uplift date (superseded now if that day has come,
else by the daily job when it does); a letter is asked for each person, and an officer is given a task
for any income carried over unchanged. Each item is committed once (``UpliftItem.new_assessment``, one
per (run, previous assessment)): committing again, or after a crash half way, makes nothing twice. An
assessment reassessed by an officer since the preview is skipped, with the reason.

Progress (:func:`uplift_progress`): total, previewed, committed, letters.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import uuid

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from charging.assessments.backdating import gbp, long_date
from charging.assessments.calculator import AssessmentInput, assess
from charging.assessments.choices import AssessmentStatus, BackdatingRule
from charging.uplift.choices import UpliftStatus
from charging.assessments.models import Assessment
from charging.uplift.models import UpliftItem, UpliftRun
from charging.policy.selectors import policy_in_force
from charging.rates.selectors import rates_in_force
from charging.uplift.uprating import StatedPercentage, uprate_income
from core.context import acting_as_job, current_actor, system_user
from core.exceptions import ApplicationError, ConflictError
from core.history import (
    insert_rows_with_history,
    insert_with_history,
    next_ids,
    save_attributed,
    set_reason,
    update_with_history,
)
from core.rules import require
from documents.choices import DocumentKind
from documents.services import document_request_for_job
from people.selectors import today

CHUNK_SIZE = 500
JOB = "uplift"
#: Above this many people, a second charging team leader confirms the commit (settings may change it).
SECOND_APPROVAL_ABOVE = 250


def second_approval_above() -> int:
    return int(getattr(settings, "CHARGING_UPLIFT_SECOND_APPROVAL_ABOVE", SECOND_APPROVAL_ABOVE))

__all__ = ["uplift_commit", "uplift_preview_rows", "uplift_preview_totals", "uplift_progress", "uplift_runs",
           "uplift_start"]


def _require_leader(user) -> None:
    require(user, "charging.run_uplift")


def live_assessments(*, uplift_date: dt.date):
    """The assessments an uplift for ``uplift_date`` re-runs: the latest approved of each client and
    setting (not replaced by another), assessed before that date, whose care has not ended before it
    and whose client was alive on it. One that starts after the uplift date is included: the uprated
    assessment replaces it from the uplift date."""
    return (Assessment.objects.filter(status=AssessmentStatus.APPROVED, replaced_from__isnull=True,
                                      assessment_date__lt=uplift_date)
            .exclude(care_package__end_date__lt=uplift_date)
            .exclude(client__date_of_death__lt=uplift_date))


def _stated(percent, basis: str) -> tuple:
    """The percentage for other income, checked: (percent or None, basis)."""
    if percent in (None, ""):
        if basis and basis.strip():
            raise ApplicationError("Give the percentage other income rises by, or leave what it is based on blank.",
                                   code="invalid", extra={"other_income_percent": ["Give the percentage."]})
        return None, ""
    try:
        value = Decimal(str(percent))
    except (ArithmeticError, ValueError):
        value = None
    if value is None or not value.is_finite() or value < 0 or value > 100 or value != value.quantize(Decimal("0.0001")):
        message = "Give the percentage other income rises by as a number from 0 to 100, like 3.8."
        raise ApplicationError(message, code="invalid", extra={"other_income_percent": [message]})
    if not basis or not basis.strip():
        message = "Say what the percentage for other income is based on, like 'CPI to September 2025'."
        raise ApplicationError(message, code="invalid", extra={"other_income_basis": [message]})
    return value, basis.strip()[:300]


# --- starting and previewing ------------------------------------------------------------------------

def uplift_start(*, acting_user, uplift_date: dt.date, other_income_percent=None, other_income_basis: str = "",
                 send: bool = True) -> UpliftRun:
    """Start an uplift for ``uplift_date``: record the run and have workers work out the preview.
    ``other_income_percent`` (with what it is based on) uprates occupational and private pensions,
    annuities and other income; without it they are carried over for officers to check.
    Refused if one for that date is already under way or done (a failed one may be started again)."""
    _require_leader(acting_user)
    if not isinstance(uplift_date, dt.date):
        raise ApplicationError("Give the date the new rates take effect.", code="invalid",
                               extra={"uplift_date": ["Give the date the new rates take effect."]})
    percent, basis = _stated(other_income_percent, other_income_basis)
    with transaction.atomic():
        existing = UpliftRun.objects.select_for_update().filter(uplift_date=uplift_date).exclude(
            status=UpliftStatus.FAILED).first()
        if existing is not None:
            raise ConflictError(f"There is already an uplift for {long_date(uplift_date)} "
                                f"({existing.get_status_display().lower()}).", code="uplift_exists")
        run = UpliftRun(uplift_date=uplift_date, started_by=acting_user, other_income_percent=percent,
                        other_income_basis=basis, total=live_assessments(uplift_date=uplift_date).count())
        save_attributed(run, user=acting_user, reason=f"Uplift for {long_date(uplift_date)} started")
        if send:
            run_id = run.pk
            transaction.on_commit(lambda: _send("uplift_preview", run_id))
    return run


def _send(task_name: str, run_id: int) -> None:
    from charging.uplift import tasks

    getattr(tasks, task_name).delay(run_id)


def uplift_chunks(run: UpliftRun, *, chunk_size: int = CHUNK_SIZE) -> list[list[int]]:
    """The live assessments' ids not yet previewed, in chunks."""
    done = UpliftItem.objects.filter(run=run).values("previous_id")
    ids = list(live_assessments(uplift_date=run.uplift_date).exclude(pk__in=done).order_by("pk")
               .values_list("pk", flat=True))
    return [ids[i:i + chunk_size] for i in range(0, len(ids), chunk_size)]


def uplift_preview_chunk(*, run_id: int, assessment_ids: list[int]) -> int:
    """Work out the new charge of these assessments and store them as the run's items (once each).
    Returns how many were added. The last chunk to finish marks the run previewed."""
    run = UpliftRun.objects.get(pk=run_id)
    if run.status != UpliftStatus.PREVIEWING:
        return 0
    rates = rates_in_force(run.uplift_date)
    new_policy = policy_in_force(run.uplift_date)  # the council's policy from the uplift date, as the rates
    last_year = rates_in_force(run.uplift_date - dt.timedelta(days=1))
    stated = (StatedPercentage(run.other_income_percent, run.other_income_basis)
              if run.other_income_percent is not None else None)
    rows = (Assessment.objects.filter(pk__in=assessment_ids)
            .values_list("pk", "client_id", "setting", "weekly_charge", "inputs", "care_package__weekly_cost",
                         "status", "replaced_from"))
    items = []
    for pk, client_id, setting, weekly_charge, inputs, weekly_cost, status, replaced_from in rows:
        item = UpliftItem(run_id=run_id, previous_id=pk, client_id=client_id, setting=setting,
                          old_weekly_charge=weekly_charge)
        if status != AssessmentStatus.APPROVED or replaced_from is not None:  # replaced since it was counted
            item.error = "This assessment was replaced while the preview was being made."
            items.append(item)
            continue
        try:
            uprated = uprate_income(AssessmentInput.from_dict(inputs), old=last_year, new=rates, stated=stated)
            item.income_lines = [line.to_dict() for line in uprated.lines]
            item.lines_to_check = len(uprated.to_check)
            new_inputs = dataclasses.replace(uprated.inputs, assessment_date=run.uplift_date,
                                             weekly_cost_of_care=weekly_cost)
            result = assess(new_inputs, rates, new_policy).to_dict()  # the new year's rates and policy
        except ApplicationError as exc:  # a rate missing, inputs the new rules refuse
            item.error = str(exc) or exc.__class__.__name__
        except (KeyError, TypeError, ValueError) as exc:  # stored details the calculator cannot read
            item.error = f"The stored details could not be read again ({type(exc).__name__}: {exc})."
        else:
            item.new_inputs = new_inputs.to_dict()
            item.new_result = result
            item.new_weekly_charge = Decimal(result["weekly_charge"])
        items.append(item)
    with transaction.atomic():
        # Under the run's lock, so a chunk delivered twice at once adds its items once.
        UpliftRun.objects.select_for_update().get(pk=run_id)
        there = set(UpliftItem.objects.filter(run_id=run_id, previous_id__in=assessment_ids)
                    .values_list("previous_id", flat=True))
        items = [item for item in items if item.previous_id not in there]
        insert_with_history(UpliftItem, items, user=_job_user(),
                            reason=f"Previewed for the uplift of {long_date(run.uplift_date)}")
        _count_progress(run_id)
    return len(items)


def _job_user():
    actor = current_actor()
    return actor.user if actor is not None and actor.user is not None else system_user()


def _count_progress(run_id: int) -> None:
    """Recount the run's progress from its items (under the run's lock, so the chunk that finishes
    last sees every other chunk's items) and move it on when a phase is complete."""
    run = UpliftRun.objects.select_for_update().get(pk=run_id)
    counts = UpliftItem.objects.filter(run_id=run_id).aggregate(
        previewed=Count("id"), committed=Count("id", filter=Q(new_assessment__isnull=False)),
        settled=Count("id", filter=Q(new_assessment__isnull=False) | ~Q(error="") | ~Q(skipped="")),
        letters=Count("id", filter=Q(new_assessment__letter__isnull=False)),
    )
    changed = []
    for name in ("previewed", "committed", "letters"):
        if getattr(run, name) != counts[name]:
            setattr(run, name, counts[name])
            changed.append(name)
    reason = "Progress"
    if run.status == UpliftStatus.PREVIEWING and counts["previewed"] >= run.total:
        run.status, reason = UpliftStatus.PREVIEWED, "Preview finished"
        changed.append("status")
    elif run.status == UpliftStatus.COMMITTING and counts["settled"] >= counts["previewed"]:
        run.status, run.finished_at, reason = UpliftStatus.COMMITTED, timezone.now(), "Committed"
        changed += ["status", "finished_at"]
    if changed:
        set_reason(run, reason)
        run.save(update_fields=changed)


def uplift_preview_all(run: UpliftRun, *, chunk_size: int = CHUNK_SIZE) -> UpliftRun:
    """The preview in this process, chunk by chunk (what the workers do; for commands and tests)."""
    for chunk in uplift_chunks(run, chunk_size=chunk_size):
        uplift_preview_chunk(run_id=run.pk, assessment_ids=chunk)
    with transaction.atomic():
        _count_progress(run.pk)
    run.refresh_from_db()
    return run


def uplift_preview_rows(run: UpliftRun):
    """The preview, a row per person and setting: the charge now, with the new rates, the difference
    (``item.difference``), or why it could not be worked out."""
    return (UpliftItem.objects.filter(run=run).select_related("client", "new_assessment")
            .order_by("client__last_name", "client__first_name", "client_id", "setting"))


def uplift_preview_totals(run: UpliftRun) -> dict:
    totals = UpliftItem.objects.filter(run=run).aggregate(
        people=Count("client_id", distinct=True), assessments=Count("id"),
        errors=Count("id", filter=~Q(error="")),
        to_check=Count("id", filter=Q(error="", lines_to_check__gt=0)),
        old=Sum("old_weekly_charge", filter=Q(error="")), new=Sum("new_weekly_charge"),
        higher=Count("id", filter=Q(new_weekly_charge__gt=F("old_weekly_charge"))),
        lower=Count("id", filter=Q(new_weekly_charge__lt=F("old_weekly_charge"))),
    )
    old, new = totals["old"] or Decimal("0.00"), totals["new"] or Decimal("0.00")
    return {**totals, "old": old, "new": new, "difference": new - old}


def uplift_runs():
    """Every uplift, newest first (for the team leader's page)."""
    return UpliftRun.objects.select_related("started_by", "committed_by", "commit_requested_by").order_by(
        "-started_at")


def uplift_progress(run: UpliftRun) -> dict:
    """Where the run is, for a progress bar: the phase, done of total, and the counts."""
    run = UpliftRun.objects.get(pk=run.pk)
    if run.status in (UpliftStatus.PREVIEWING, UpliftStatus.PREVIEWED, UpliftStatus.AWAITING_SECOND):
        done, total = run.previewed, run.total
    else:
        done = run.committed
        total = UpliftItem.objects.filter(run=run, error="", skipped="").count()
    return {"status": run.status, "status_label": run.get_status_display(), "done": done, "total": total,
            "percent": int(100 * done / total) if total else 100, "total_assessments": run.total,
            "previewed": run.previewed, "committed": run.committed, "letters": run.letters, "error": run.error}


# --- committing ---------------------------------------------------------------------------------------

def people_to_commit(run: UpliftRun) -> int:
    """How many people committing the run would give a new assessment (the size a second team leader
    confirms above)."""
    return (UpliftItem.objects.filter(run=run, new_assessment__isnull=True, error="", skipped="")
            .values("client_id").distinct().count())


def uplift_commit(*, acting_user, run: UpliftRun, send: bool = True) -> UpliftRun:
    """Commit a previewed uplift (or carry on with one whose commit stopped half way): workers make
    the new assessments, approved by ``acting_user``, with a letter each.

    An uplift of more than :func:`second_approval_above` people is not committed by the team leader
    who asks: it waits for another charging team leader, whose own call of this function confirms it
    (rule ``charging.confirm_uplift``; a CHECK refuses the same leader twice). The new assessments are
    then approved by, and recorded against, the confirming team leader."""
    _require_leader(acting_user)
    with transaction.atomic():
        run = UpliftRun.objects.select_for_update().get(pk=run.pk)
        if run.status == UpliftStatus.COMMITTED:
            return run
        if run.status not in (UpliftStatus.PREVIEWED, UpliftStatus.AWAITING_SECOND, UpliftStatus.COMMITTING):
            raise ConflictError(f"This uplift is {run.get_status_display().lower()}, so it cannot be committed.",
                                code="wrong_status")
        if run.status == UpliftStatus.COMMITTING:
            if run.committed_by_id != acting_user.pk:
                raise ConflictError("Another team leader is committing this uplift.", code="wrong_status")
            reason = "Commit carried on"
        elif run.status == UpliftStatus.AWAITING_SECOND:
            require(acting_user, "charging.confirm_uplift", run)
            reason = (f"Commit confirmed (asked for by "
                      f"{run.commit_requested_by.get_full_name() or run.commit_requested_by.get_username()})")
        else:
            size = people_to_commit(run)
            run.commit_requested_by = acting_user
            run.commit_requested_at = timezone.now()
            if size > second_approval_above():
                run.status = UpliftStatus.AWAITING_SECOND
                run.needs_second_approval = True
                save_attributed(run, user=acting_user, reason=f"Commit asked for: {size} people, so a second team "
                                                              f"leader confirms it")
                return run
            reason = "Uplift committed"
        run.status = UpliftStatus.COMMITTING
        run.committed_by = acting_user
        run.commit_started_at = run.commit_started_at or timezone.now()
        run.commit_correlation_id = run.commit_correlation_id or f"job:{JOB}:{run.pk}:commit:{uuid.uuid4().hex[:8]}"
        save_attributed(run, user=acting_user, reason=reason)
        if send:
            run_id, leader_id = run.pk, acting_user.pk
            transaction.on_commit(lambda: _send_commit(run_id, leader_id))
    return run


def _send_commit(run_id: int, leader_id: int) -> None:
    from charging.uplift import tasks

    tasks.uplift_commit.delay(run_id, leader_id)


def commit_chunks(run: UpliftRun, *, chunk_size: int = CHUNK_SIZE) -> list[list[int]]:
    ids = list(UpliftItem.objects.filter(run=run, new_assessment__isnull=True, error="", skipped="")
               .order_by("pk").values_list("pk", flat=True))
    return [ids[i:i + chunk_size] for i in range(0, len(ids), chunk_size)]


def _explanation(uplift_date: dt.date, old: Decimal, new: Decimal, *, to_check: int = 0) -> str:
    when = long_date(uplift_date)
    if new == old:
        change = f"Your charge stays at {gbp(new)} a week."
    else:
        change = f"Your charge changes from {gbp(old)} to {gbp(new)} a week."
    text = (f"Benefits, pensions and the allowances we use went up on {when}, so we have worked out your charge "
            f"again with the new figures. {change} The new charge applies from {when}.")
    if to_check:
        text += (" We have used last year's amount for income whose new amount we do not know yet (see the "
                 "working): if it has gone up, tell us and we will work out your charge again.")
    return text


def uplift_commit_chunk(*, run_id: int, item_ids: list[int], letters: bool = True,
                        leader_id: int | None = None) -> int:
    """Commit these items: one database transaction, acting for the team leader who committed the run
    (``leader_id``, which the worker carries, must be them), under the commit's correlation id. Items
    already committed (a chunk done twice) are left alone; an assessment no longer in force is
    skipped with the reason. Returns how many new assessments were made."""
    run = UpliftRun.objects.select_related("committed_by").get(pk=run_id)
    if run.status != UpliftStatus.COMMITTING:
        return 0
    leader = run.committed_by
    if leader_id is not None and leader_id != leader.pk:
        raise ConflictError("This uplift is being committed by another team leader.", code="wrong_status")
    with acting_as_job(JOB, correlation_id=run.commit_correlation_id or None, on_behalf_of=leader):
        return _commit_chunk(run_id=run_id, item_ids=item_ids, letters=letters)


def _commit_chunk(*, run_id: int, item_ids: list[int], letters: bool) -> int:
    job_user = system_user()
    with transaction.atomic():
        run = UpliftRun.objects.select_related("committed_by").get(pk=run_id)
        if run.status != UpliftStatus.COMMITTING:
            return 0
        leader = run.committed_by
        items = list(UpliftItem.objects.select_for_update(of=("self",)).filter(
            pk__in=item_ids, run_id=run_id, new_assessment__isnull=True, error="", skipped="").order_by("pk"))
        if not items:
            return 0
        previous = {a.pk: a for a in Assessment.objects.select_for_update(of=("self",)).filter(
            pk__in=[i.previous_id for i in items]).only("pk", "status", "care_package_id", "client_id", "setting",
                                                         "effective_from", "replaced_from")}
        now = timezone.now()
        on = today()
        when = long_date(run.uplift_date)
        live, skipped = [], []
        for item in items:
            before = previous[item.previous_id]
            if before.status != AssessmentStatus.APPROVED or before.replaced_from is not None:
                item.skipped = "The assessment was replaced after the preview; this person was reassessed."
                skipped.append(item)
            else:
                live.append(item)
        if skipped:
            update_with_history(UpliftItem, set_sql="skipped = v.skipped", params=[],
                                from_sql="unnest(%s::bigint[], %s::text[]) AS v(id, skipped)",
                                from_params=[[i.pk for i in skipped], [i.skipped for i in skipped]],
                                user=leader, reason="Not committed: reassessed since the preview")
        if live:
            reason = f"Annual uprating from {when}"
            # The new rows' ids first, so that the old ones can point at them before they exist (the
            # foreign key is checked at commit). The old ones are cut first - in force up to the day
            # before the uplift date, superseded now only if that day has come (or they never began) -
            # then the new ones are inserted, so that no day ever has two in force.
            new_ids = next_ids(Assessment, len(live))
            replaced = [max(previous[i.previous_id].effective_from, run.uplift_date) for i in live]
            superseded = [day <= on or day == previous[i.previous_id].effective_from for i, day in zip(live, replaced)]
            update_with_history(
                Assessment,
                set_sql=("status = CASE WHEN v.superseded THEN 'superseded' ELSE t.status END, "
                         "superseded_by_id = v.new_id, replaced_from = v.replaced_from, "
                         "superseded_at = CASE WHEN v.superseded THEN %s::timestamptz ELSE NULL END, updated_at = %s"),
                params=[now, now],
                from_sql="unnest(%s::bigint[], %s::bigint[], %s::date[], %s::boolean[]) "
                         "AS v(id, new_id, replaced_from, superseded)",
                from_params=[[i.previous_id for i in live], new_ids, replaced, superseded], user=leader,
                reason=(f"Superseded by the annual uprating from {when}" if run.uplift_date <= on else
                        f"In force until {long_date(run.uplift_date - dt.timedelta(days=1))}, then replaced by the "
                        f"annual uprating from {when}"))
            new = []
            for item, new_id in zip(live, new_ids):
                before = previous[item.previous_id]
                result = item.new_result
                new.append(Assessment(
                    id=new_id, client_id=item.client_id, care_package_id=before.care_package_id,
                    status=AssessmentStatus.APPROVED, setting=item.setting, assessment_date=run.uplift_date,
                    inputs=item.new_inputs, result=result, weekly_charge=Decimal(result["weekly_charge"]),
                    council_share=Decimal(result["council_share"]),
                    weekly_cost_of_care=Decimal(result["weekly_cost_of_care"]),
                    reason=reason, notes=f"Uplift run {run.pk}", assessed_by=job_user, created_at=now, updated_at=now,
                    submitted_by=job_user, submitted_at=now, returned_reason="", approved_by=leader, approved_at=now,
                    effective_from=run.uplift_date, backdating_rule=BackdatingRule.UPLIFT.value,
                    backdating_explanation=_explanation(run.uplift_date, item.old_weekly_charge,
                                                        item.new_weekly_charge, to_check=item.lines_to_check),
                ))
            insert_rows_with_history(Assessment, new, user=leader,
                                     reason=f"{reason}: worked out with the new rates, approved by "
                                            f"{leader.get_full_name() or leader.get_username()}")
            update_with_history(UpliftItem, set_sql="new_assessment_id = v.new_id", params=[],
                                from_sql="unnest(%s::bigint[], %s::bigint[]) AS v(id, new_id)",
                                from_params=[[i.pk for i in live], new_ids], user=leader, reason="Committed")
            _check_tasks([(item, new_id) for item, new_id in zip(live, new_ids) if item.lines_to_check],
                         run=run, leader=leader, on=on)
            if letters:
                _request_letters(new_ids, leader=leader)
        _count_progress(run_id)
    return len(live)


def _check_tasks(pairs: list, *, run: UpliftRun, leader, on: dt.date) -> None:
    """For each person with income carried over unchanged, a task for their charging officer (the
    officer of their current charging allocation, else that team's leader, else the committing team
    leader) to check it, once per item (``UpliftItem.check_task``, set in the same transaction).
    Set-based, like the rest of the commit: a few queries per chunk, whatever its size."""
    if not pairs:
        return
    from django.contrib.contenttypes.models import ContentType

    from people.choices import Service, TaskStatus
    from people.models import Client, Task, TeamMembership
    from people.selectors import current_allocations

    client_ids = {item.client_id for item, _ in pairs}
    clients = Client.objects.in_bulk(client_ids)
    allocations = {}
    for client_id, officer_id, active, team_id in (
            current_allocations(on=on).filter(client_id__in=client_ids, service=Service.CHARGING)
            .order_by("client_id", "-start_date").values_list("client_id", "officer_id", "officer__is_active",
                                                                "team_id")):
        allocations.setdefault(client_id, (officer_id if active else None, team_id))
    leaders = {}
    for team_id, user_id in (TeamMembership.objects.filter(
            team_id__in={team for _, team in allocations.values()}, is_leader=True, user__is_active=True)
            .order_by("team_id", "id").values_list("team_id", "user_id")):
        leaders.setdefault(team_id, user_id)

    when = long_date(run.uplift_date)
    due = max(run.uplift_date, on) + dt.timedelta(days=28)
    now = timezone.now()
    assessment_type = ContentType.objects.get_for_model(Assessment)
    task_ids = next_ids(Task, len(pairs))
    tasks = []
    for (item, new_id), task_id in zip(pairs, task_ids):
        client = clients[item.client_id]
        officer_id, team_id = allocations.get(item.client_id, (None, None))
        listed = "; ".join(f"{line['label']} {gbp(Decimal(line['old']))} a week"
                           for line in item.income_lines if line["method"] == "to_check")
        tasks.append(Task(
            id=task_id, title=f"Check income carried over in the uprating from {when}: {client.display_name}"[:200],
            details=(f"The uprating kept last year's amount for: {listed}. Check the new amounts with the award "
                     f"letters or the payer and reassess if they have changed."),
            client_id=client.pk, content_type=assessment_type, object_id=new_id,
            assigned_to_id=officer_id or leaders.get(team_id) or leader.pk, due_date=due,
            status=TaskStatus.OPEN, created_by_id=leader.pk, created_at=now))
    insert_rows_with_history(Task, tasks, user=leader, reason=f"Income to check after the uprating from {when}")
    update_with_history(UpliftItem, set_sql="check_task_id = v.task_id", params=[],
                        from_sql="unnest(%s::bigint[], %s::bigint[]) AS v(id, task_id)",
                        from_params=[[item.pk for item, _ in pairs], task_ids], user=leader, reason="Check task set")


def _request_letters(assessment_ids: list[int], *, leader) -> None:
    """Ask for each new assessment's letter (once: request key ``assessment-letter:<id>``). A person
    with no address to post to keeps the new assessment; the letter is left for an officer."""
    for assessment in (Assessment.objects.filter(pk__in=assessment_ids, letter__isnull=True)
                       .select_related("client", "care_package")):
        try:
            with transaction.atomic():
                document = document_request_for_job(
                    requested_by=leader, client=assessment.client, kind=DocumentKind.ASSESSMENT_LETTER,
                    request_key=f"assessment-letter:{assessment.pk}", letter_args={"assessment": assessment})
                assessment.letter = document
                save_attributed(assessment, user=leader, reason="Letter requested", update_fields=["letter"])
        except ApplicationError:
            continue


def uplift_commit_all(run: UpliftRun, *, chunk_size: int = CHUNK_SIZE, letters: bool = True) -> UpliftRun:
    """The commit in this process, chunk by chunk (what the workers do; for commands and tests)."""
    for chunk in commit_chunks(run, chunk_size=chunk_size):
        uplift_commit_chunk(run_id=run.pk, item_ids=chunk, letters=letters, leader_id=run.committed_by_id)
    with transaction.atomic():
        _count_progress(run.pk)
    run.refresh_from_db()
    return run


def uplift_fail(*, run_id: int, error: str) -> None:
    """Record that a preview stopped with an error (a commit is carried on by committing again)."""
    with transaction.atomic():
        run = UpliftRun.objects.select_for_update().get(pk=run_id)
        run.error = error[:2000]
        if run.status == UpliftStatus.PREVIEWING:
            run.status = UpliftStatus.FAILED
        set_reason(run, "Failed")
        run.save(update_fields=["error", "status"])



