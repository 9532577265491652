"""The April uplift: every live approved assessment worked out again with the new year's rates.

A team leader starts an uplift for a date (:func:`uplift_start`, e.g. 6 April 2026). Workers work out,
in chunks, each live assessment's charge with ``rates_in_force(uplift_date)`` - the same inputs, the
new rates - and store it as an :class:`UpliftItem` beside the charge now: the **preview**
(:func:`uplift_preview_rows`, :func:`uplift_preview_totals`). Nothing about any assessment changes.

Inputs are taken as stored. Benefit and pension amounts in the inputs are what the officer recorded:
the uplift does not uprate them by a percentage (the DWP's uprating differs by benefit, and a guess
would put unexplained figures in letters). Officers update a person's income by reassessing them; the
uplift changes only the council's figures (PEA, MIG, disregards, capital limits...) and the cost of
care is the care package's weekly cost on the day the preview is made. ``docs/decisions.md``.

When the team leader commits (:func:`uplift_commit`), workers make, in chunks, for each previewed
assessment still in force a new approved assessment from the uplift date: assessed by the system job
user, approved by the team leader who committed (the database's maker-checker CHECK holds), with the
figures the preview showed; the old one is superseded by it; a letter is asked for each. Each item is
committed once (``UpliftItem.new_assessment``, one per (run, previous assessment)): committing again,
or after a crash half way, makes nothing twice. An assessment reassessed by an officer since the
preview is skipped, with the reason.

Progress (:func:`uplift_progress`): total, previewed, committed, letters.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from charging.backdating import gbp, long_date
from charging.calculator import AssessmentInput, assess
from charging.choices import AssessmentStatus, BackdatingRule, UpliftStatus
from charging.models import Assessment, UpliftItem, UpliftRun
from charging.selectors import rates_in_force
from core.context import current_actor, system_user
from core.exceptions import ApplicationError, ConflictError, PermissionDeniedError
from core.history import (
    insert_rows_with_history,
    insert_with_history,
    next_ids,
    save_attributed,
    set_reason,
    update_with_history,
)
from core.roles import is_read_only
from core.rules import require
from documents.choices import DocumentKind
from documents.services import document_request_for_job

CHUNK_SIZE = 500

__all__ = ["uplift_commit", "uplift_preview_rows", "uplift_preview_totals", "uplift_progress", "uplift_runs",
           "uplift_start"]


def _require_leader(user) -> None:
    if user is None or not getattr(user, "is_authenticated", False) or user.pk is None:
        raise PermissionDeniedError("Sign in to make changes.")
    if is_read_only(user):
        raise PermissionDeniedError("Auditors have read-only access.")
    require(user, "charging.run_uplift")



def live_assessments(*, uplift_date: dt.date):
    """The assessments an uplift for ``uplift_date`` re-runs: approved, assessed before that date,
    whose care has not ended before it and whose client was alive on it."""
    return (Assessment.objects.filter(status=AssessmentStatus.APPROVED, assessment_date__lt=uplift_date)
            .exclude(care_package__end_date__lt=uplift_date)
            .exclude(client__date_of_death__lt=uplift_date))


# --- starting and previewing ------------------------------------------------------------------------

def uplift_start(*, acting_user, uplift_date: dt.date, send: bool = True) -> UpliftRun:
    """Start an uplift for ``uplift_date``: record the run and have workers work out the preview.
    Refused if one for that date is already under way or done (a failed one may be started again)."""
    _require_leader(acting_user)
    if not isinstance(uplift_date, dt.date):
        raise ApplicationError("Give the date the new rates take effect.", code="invalid",
                               extra={"uplift_date": ["Give the date the new rates take effect."]})
    with transaction.atomic():
        existing = UpliftRun.objects.select_for_update().filter(uplift_date=uplift_date).exclude(
            status=UpliftStatus.FAILED).first()
        if existing is not None:
            raise ConflictError(f"There is already an uplift for {long_date(uplift_date)} "
                                f"({existing.get_status_display().lower()}).", code="uplift_exists")
        run = UpliftRun(uplift_date=uplift_date, started_by=acting_user,
                        total=live_assessments(uplift_date=uplift_date).count())
        save_attributed(run, user=acting_user, reason=f"Uplift for {long_date(uplift_date)} started")
        if send:
            run_id = run.pk
            transaction.on_commit(lambda: _send("uplift_preview", run_id))
    return run


def _send(task_name: str, run_id: int) -> None:
    from charging import tasks

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
    rows = (Assessment.objects.filter(pk__in=assessment_ids)
            .values_list("pk", "client_id", "setting", "weekly_charge", "inputs", "care_package__weekly_cost",
                         "status"))
    items = []
    for pk, client_id, setting, weekly_charge, inputs, weekly_cost, status in rows:
        item = UpliftItem(run_id=run_id, previous_id=pk, client_id=client_id, setting=setting,
                          old_weekly_charge=weekly_charge)
        if status != AssessmentStatus.APPROVED:  # counted at the start, replaced since: shown, not re-run
            item.error = "This assessment was replaced while the preview was being made."
            items.append(item)
            continue
        try:
            new_inputs = dataclasses.replace(AssessmentInput.from_dict(inputs), assessment_date=run.uplift_date,
                                             weekly_cost_of_care=weekly_cost)
            result = assess(new_inputs, rates).to_dict()
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
        old=Sum("old_weekly_charge", filter=Q(error="")), new=Sum("new_weekly_charge"),
        higher=Count("id", filter=Q(new_weekly_charge__gt=F("old_weekly_charge"))),
        lower=Count("id", filter=Q(new_weekly_charge__lt=F("old_weekly_charge"))),
    )
    old, new = totals["old"] or Decimal("0.00"), totals["new"] or Decimal("0.00")
    return {**totals, "old": old, "new": new, "difference": new - old}


def uplift_runs():
    """Every uplift, newest first (for the team leader's page)."""
    return UpliftRun.objects.select_related("started_by", "committed_by").order_by("-started_at")


def uplift_progress(run: UpliftRun) -> dict:
    """Where the run is, for a progress bar: the phase, done of total, and the counts."""
    run = UpliftRun.objects.get(pk=run.pk)
    if run.status in (UpliftStatus.PREVIEWING, UpliftStatus.PREVIEWED):
        done, total = run.previewed, run.total
    else:
        done = run.committed
        total = UpliftItem.objects.filter(run=run, error="", skipped="").count()
    return {"status": run.status, "status_label": run.get_status_display(), "done": done, "total": total,
            "percent": int(100 * done / total) if total else 100, "total_assessments": run.total,
            "previewed": run.previewed, "committed": run.committed, "letters": run.letters, "error": run.error}


# --- committing ---------------------------------------------------------------------------------------

def uplift_commit(*, acting_user, run: UpliftRun, send: bool = True) -> UpliftRun:
    """Commit a previewed uplift (or carry on with one whose commit stopped half way): workers make
    the new assessments, approved by ``acting_user``, with a letter each."""
    _require_leader(acting_user)
    with transaction.atomic():
        run = UpliftRun.objects.select_for_update().get(pk=run.pk)
        if run.status == UpliftStatus.COMMITTED:
            return run
        if run.status not in (UpliftStatus.PREVIEWED, UpliftStatus.COMMITTING):
            raise ConflictError(f"This uplift is {run.get_status_display().lower()}, so it cannot be committed.",
                                code="wrong_status")
        if run.status == UpliftStatus.COMMITTING and run.committed_by_id != acting_user.pk:
            raise ConflictError("Another team leader is committing this uplift.", code="wrong_status")
        run.status = UpliftStatus.COMMITTING
        run.committed_by = acting_user
        run.commit_started_at = run.commit_started_at or timezone.now()
        save_attributed(run, user=acting_user, reason="Uplift committed")
        if send:
            run_id = run.pk
            transaction.on_commit(lambda: _send("uplift_commit", run_id))
    return run


def commit_chunks(run: UpliftRun, *, chunk_size: int = CHUNK_SIZE) -> list[list[int]]:
    ids = list(UpliftItem.objects.filter(run=run, new_assessment__isnull=True, error="", skipped="")
               .order_by("pk").values_list("pk", flat=True))
    return [ids[i:i + chunk_size] for i in range(0, len(ids), chunk_size)]


def _explanation(uplift_date: dt.date, old: Decimal, new: Decimal) -> str:
    when = long_date(uplift_date)
    if new == old:
        change = f"Your charge stays at {gbp(new)} a week."
    else:
        change = f"Your charge changes from {gbp(old)} to {gbp(new)} a week."
    return (f"Benefits, pensions and the allowances we use went up on {when}, so we have worked out your charge "
            f"again with the new figures. {change} The new charge applies from {when}.")


def uplift_commit_chunk(*, run_id: int, item_ids: list[int], letters: bool = True) -> int:
    """Commit these items: one database transaction. Items already committed (a chunk done twice)
    are left alone; an assessment no longer in force is skipped with the reason. Returns how many
    new assessments were made."""
    job_user = _job_user()
    with transaction.atomic():
        run = UpliftRun.objects.get(pk=run_id)
        if run.status != UpliftStatus.COMMITTING:
            return 0
        leader = run.committed_by
        items = list(UpliftItem.objects.select_for_update(of=("self",)).filter(
            pk__in=item_ids, run_id=run_id, new_assessment__isnull=True, error="", skipped="").order_by("pk"))
        if not items:
            return 0
        previous = {a.pk: a for a in Assessment.objects.select_for_update(of=("self",)).filter(
            pk__in=[i.previous_id for i in items]).only("pk", "status", "care_package_id", "client_id", "setting")}
        now = timezone.now()
        when = long_date(run.uplift_date)
        live, skipped = [], []
        for item in items:
            if previous[item.previous_id].status != AssessmentStatus.APPROVED:
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
            # foreign key is checked at commit): old superseded, then new inserted already approved,
            # keeping one approved assessment per client and setting throughout.
            new_ids = next_ids(Assessment, len(live))
            update_with_history(
                Assessment,
                set_sql="status = 'superseded', superseded_by_id = v.new_id, superseded_at = %s, updated_at = %s",
                params=[now, now], from_sql="unnest(%s::bigint[], %s::bigint[]) AS v(id, new_id)",
                from_params=[[i.previous_id for i in live], new_ids], user=leader,
                reason=f"Superseded by the annual uprating from {when}")
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
                    backdating_explanation=_explanation(run.uplift_date, item.old_weekly_charge, item.new_weekly_charge),
                ))
            insert_rows_with_history(Assessment, new, user=job_user,
                                     reason=f"{reason}: worked out with the new rates, approved by "
                                            f"{leader.get_full_name() or leader.get_username()}")
            update_with_history(UpliftItem, set_sql="new_assessment_id = v.new_id", params=[],
                                from_sql="unnest(%s::bigint[], %s::bigint[]) AS v(id, new_id)",
                                from_params=[[i.pk for i in live], new_ids], user=leader, reason="Committed")
            if letters:
                _request_letters(new_ids, leader=leader)
        _count_progress(run_id)
    return len(live)


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
        uplift_commit_chunk(run_id=run.pk, item_ids=chunk, letters=letters)
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



