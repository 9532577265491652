"""The only code that writes care packages, financial assessments and their evidence (rates:
:mod:`charging.rates.services`).

Each function is one thing an officer does: keyword-only, with a required ``acting_user`` and a
reason that goes into the history; atomic at the outermost level; raising
:class:`core.exceptions.ApplicationError` with a sentence when it cannot proceed (and then writing
nothing).

Care packages: :func:`care_package_add`, :func:`care_package_end`.
Financial assessments, a state machine (draft -> submitted -> approved -> superseded):
:func:`assessment_draft_create`, :func:`assessment_draft_update`, :func:`assessment_submit`,
:func:`assessment_return_to_draft`, :func:`assessment_approve`; their evidence:
:func:`evidence_add`, :func:`evidence_verify`.

The calculator runs only while an assessment is a draft, with the rates in force on its assessment
date; the inputs and the whole result (every line, every rate used) are stored, and nothing ever
works them out again. PostgreSQL backs the rules: CHECK constraints (an assessor cannot approve
their own assessment; the figures add up and match the stored result), a partial unique index (one
approved assessment per client and setting) and a trigger (a submitted or approved assessment's
figures cannot change).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from charging.assessments.backdating import backdating_for, long_date
from charging.assessments.calculator import AssessmentInput, MissingRate, assess
from charging.assessments.choices import AssessmentStatus, BackdatingRule, CareSetting
from charging.assessments.models import Assessment, AssessmentEvidence, CarePackage
from charging.guards import _invalid, _reason, _require_client, _require_writer
from charging.policy.selectors import policy_in_force
from charging.rates.selectors import rates_in_force
from core.exceptions import ApplicationError, ConflictError, PermissionDeniedError
from core.history import save_attributed
from core.rules import require
from documents.choices import DocumentKind
from documents.services import document_request, document_upload, document_upload_discard
from ledger.money import to_money
from people.models import Client, Contact
from people.selectors import today

__all__ = [
    "MissingRate",
    "assessment_approve",
    "assessment_draft_create",
    "assessment_draft_update",
    "assessment_return_to_draft",
    "assessment_submit",
    "care_package_add",
    "care_package_end",
    "evidence_add",
    "evidence_verify",
]


def _locked_assessment(assessment: Assessment) -> Assessment:
    try:
        return Assessment.objects.select_for_update(of=("self",)).select_related("care_package").get(
            pk=assessment.pk)
    except Assessment.DoesNotExist:
        raise ApplicationError("This assessment no longer exists.", code="not_found") from None


def _require_status(assessment: Assessment, *allowed: str, doing: str) -> None:
    if assessment.status not in allowed:
        raise ConflictError(
            f"This assessment is {assessment.get_status_display().lower()}, so it cannot be {doing}.",
            code="wrong_status",
        )


# --- care packages --------------------------------------------------------------------------------

def care_package_add(
    *,
    acting_user,
    client: Client,
    setting: str,
    weekly_cost: Decimal | str | int,
    start_date: dt.date,
    provider_name: str = "",
    provider: Contact | None = None,
    end_date: dt.date | None = None,
    description: str = "",
    reason: str = "New care package",
) -> CarePackage:
    """Record the care a person receives: residential or non-residential, what it costs a week, who
    provides it, from when (and until when, if known). A person has at most one package of each
    setting at a time."""
    _require_writer(acting_user)
    reason = _reason(reason)
    if setting not in CareSetting.values:
        raise _invalid("setting", "Choose residential or non-residential care.")
    try:
        cost = to_money(weekly_cost)
    except (TypeError, ValueError):
        raise _invalid("weekly_cost", "Enter the weekly cost in pounds and pence, such as 850.00.") from None
    if cost <= 0:
        raise _invalid("weekly_cost", "The weekly cost must be more than £0.")
    if not isinstance(start_date, dt.date):
        raise _invalid("start_date", "Give the date the care starts.")
    if end_date is not None and end_date < start_date:
        raise _invalid("end_date", "The end date must be on or after the start date.")
    name = (provider_name or "").strip() or (provider.name if provider is not None else "")
    if not name:
        raise _invalid("provider_name", "Give the name of the care provider.")
    with transaction.atomic():
        client = _require_client(acting_user, client)
        overlapping = CarePackage.objects.filter(client=client, setting=setting).exclude(
            end_date__lt=start_date)
        if end_date is not None:
            overlapping = overlapping.exclude(start_date__gt=end_date)
        clash = overlapping.order_by("start_date").first()
        if clash is not None:
            raise ConflictError(
                f"{client.full_name} already has a {CareSetting(setting).label.lower()} package from "
                f"{long_date(clash.start_date)}"
                + (f" to {long_date(clash.end_date)}" if clash.end_date else "")
                + ". End it before adding another.",
                code="package_overlaps",
            )
        package = CarePackage(client=client, setting=setting, weekly_cost=cost, start_date=start_date,
                              end_date=end_date, provider_name=name, provider=provider,
                              description=description.strip(), created_by=acting_user)
        save_attributed(package, user=acting_user, reason=reason)
    return package


def care_package_end(*, acting_user, care_package: CarePackage, end_date: dt.date, reason: str) -> CarePackage:
    """Record the last day of a care package (the person moved, died, or the care stopped)."""
    _require_writer(acting_user)
    reason = _reason(reason, "Say why the care package is ending.")
    if not isinstance(end_date, dt.date):
        raise _invalid("end_date", "Give the last day of the care.")
    with transaction.atomic():
        _require_client(acting_user, care_package.client)
        package = CarePackage.objects.select_for_update().get(pk=care_package.pk)
        if package.end_date is not None:
            raise ConflictError(f"This care package already ended on {long_date(package.end_date)}.",
                                code="package_ended")
        if end_date < package.start_date:
            raise _invalid("end_date", f"The end date must be on or after the start date, "
                                       f"{long_date(package.start_date)}.")
        package.end_date = end_date
        package.end_reason = reason
        save_attributed(package, user=acting_user, reason=reason)
    return package


# --- assessments ----------------------------------------------------------------------------------

def _calculate(*, client: Client, care_package: CarePackage, assessment_date: dt.date,
               inputs: AssessmentInput) -> tuple[AssessmentInput, dict]:
    """The inputs as stored (their date and cost of care are the assessment's) and the result."""
    if care_package.client_id != client.pk:
        raise _invalid("care_package", "Choose one of this client's care packages.")
    if not isinstance(assessment_date, dt.date):
        raise _invalid("assessment_date", "Give the date of the assessment.")
    if not isinstance(inputs, AssessmentInput):
        raise _invalid("inputs", "The assessment's details are missing.")
    if str(inputs.setting) != care_package.setting:
        raise _invalid("inputs", f"The details are for {CareSetting(str(inputs.setting)).label.lower()}, but the "
                                 f"care package is {care_package.get_setting_display().lower()}.")
    if care_package.end_date is not None and care_package.end_date < assessment_date:
        raise _invalid("assessment_date", f"The care package ended on {long_date(care_package.end_date)}, "
                                          f"before the assessment date.")
    inputs = dataclasses.replace(inputs, assessment_date=assessment_date,
                                 weekly_cost_of_care=care_package.weekly_cost)
    # The rates and the council's policy in force that day; both are kept in the stored result.
    result = assess(inputs, rates_in_force(assessment_date), policy_in_force(assessment_date))
    return inputs, result.to_dict()


def _store_result(assessment: Assessment, inputs: AssessmentInput, result: dict) -> None:
    assessment.setting = str(inputs.setting)
    assessment.inputs = inputs.to_dict()
    assessment.result = result
    assessment.weekly_charge = Decimal(result["weekly_charge"])
    assessment.council_share = Decimal(result["council_share"])
    assessment.weekly_cost_of_care = Decimal(result["weekly_cost_of_care"])


def assessment_draft_create(
    *,
    acting_user,
    client: Client,
    care_package: CarePackage,
    assessment_date: dt.date,
    inputs: AssessmentInput,
    reason: str,
    notes: str = "",
) -> Assessment:
    """Start a financial assessment: work out the charge with the rates in force on
    ``assessment_date`` and keep the inputs and the whole result as a draft.

    The inputs' assessment date and weekly cost of care are the assessment's (``assessment_date``
    and the care package's weekly cost), whatever the caller put in them. A rate the rules need that
    is not in force refuses the assessment (:class:`MissingRate`, naming it) and writes nothing.
    """
    _require_writer(acting_user)
    reason = _reason(reason, "Say why the assessment is being made.")
    with transaction.atomic():
        client = _require_client(acting_user, client)
        stored_inputs, result = _calculate(client=client, care_package=care_package,
                                           assessment_date=assessment_date, inputs=inputs)
        assessment = Assessment(client=client, care_package=care_package, status=AssessmentStatus.DRAFT,
                                assessment_date=assessment_date, reason=reason, notes=notes.strip(),
                                assessed_by=acting_user)
        _store_result(assessment, stored_inputs, result)
        save_attributed(assessment, user=acting_user, reason=reason)
    return assessment


def assessment_draft_update(
    *,
    acting_user,
    assessment: Assessment,
    reason: str,
    inputs: AssessmentInput | None = None,
    assessment_date: dt.date | None = None,
    care_package: CarePackage | None = None,
    notes: str | None = None,
) -> Assessment:
    """Change a draft and work it out again with the rates in force on its (new) assessment date.
    Whoever does so becomes its assessor, so they cannot approve it."""
    _require_writer(acting_user)
    reason = _reason(reason)
    with transaction.atomic():
        _require_client(acting_user, assessment.client)
        current = _locked_assessment(assessment)
        _require_status(current, AssessmentStatus.DRAFT, doing="changed (return it to draft first)")
        package = care_package or current.care_package
        day = assessment_date or current.assessment_date
        new_inputs = inputs or AssessmentInput.from_dict(current.inputs)
        stored_inputs, result = _calculate(client=current.client, care_package=package, assessment_date=day,
                                           inputs=new_inputs)
        current.care_package = package
        current.assessment_date = day
        current.assessed_by = acting_user
        if notes is not None:
            current.notes = notes.strip()
        _store_result(current, stored_inputs, result)
        save_attributed(current, user=acting_user, reason=reason)
    return current


def assessment_submit(*, acting_user, assessment: Assessment, reason: str = "Submitted for approval") -> Assessment:
    """Send a draft to a team leader for approval. Its figures are then fixed."""
    _require_writer(acting_user)
    reason = _reason(reason)
    with transaction.atomic():
        _require_client(acting_user, assessment.client)
        current = _locked_assessment(assessment)
        _require_status(current, AssessmentStatus.DRAFT, doing="submitted")
        current.status = AssessmentStatus.SUBMITTED
        current.submitted_by = acting_user
        current.submitted_at = timezone.now()
        save_attributed(current, user=acting_user, reason=reason)
    return current


def assessment_return_to_draft(*, acting_user, assessment: Assessment, reason: str) -> Assessment:
    """Send a submitted assessment back to draft, saying why (a team leader reviewing it, or the
    assessor taking it back to correct it)."""
    _require_writer(acting_user)
    reason = _reason(reason, "Say why the assessment is going back to draft.")
    with transaction.atomic():
        _require_client(acting_user, assessment.client)
        current = _locked_assessment(assessment)
        _require_status(current, AssessmentStatus.SUBMITTED, doing="returned to draft")
        require(acting_user, "charging.return_assessment", current)
        current.status = AssessmentStatus.DRAFT
        current.submitted_by = None
        current.submitted_at = None
        current.returned_reason = reason
        save_attributed(current, user=acting_user, reason=f"Returned to draft: {reason}")
    return current


def assessment_approve(*, acting_user, assessment: Assessment, reason: str = "Approved") -> Assessment:
    """Approve a submitted assessment: it comes into force from the date the backdating rule gives
    (``charging.assessments.backdating``), replacing the client's assessment for the same setting from that day,
    and the "Your financial assessment" letter is made from it.

    The assessment it replaces stays in force until the day before (:func:`replace_from`): superseded
    now if that day has come, otherwise still approved, to be superseded when it comes. One approved
    to start later that this one starts before (an uprating for next April, say) never takes effect;
    the officer is given a task to work out the uprating again.

    Only a team leader who did not work the assessment out may approve it (the database refuses
    it too). The letter is asked for in the same transaction and made by a worker once it commits.
    """
    _require_writer(acting_user)
    reason = _reason(reason)
    with transaction.atomic():
        client = _require_client(acting_user, assessment.client)
        require(acting_user, "charging.approve_assessment", assessment)
        current = _locked_assessment(assessment)
        _require_status(current, AssessmentStatus.SUBMITTED, doing="approved")
        if current.assessed_by_id == acting_user.pk:
            raise PermissionDeniedError(
                "You worked this assessment out, so someone else must approve it.", code="own_assessment")
        approved_on = today()
        others = list(Assessment.objects.select_for_update(of=("self",))
                      .filter(client=client, setting=current.setting,
                              status__in=[AssessmentStatus.APPROVED, AssessmentStatus.SUPERSEDED])
                      .filter(Q(replaced_from__isnull=True) | Q(replaced_from__gt=F("effective_from")))
                      .exclude(pk=current.pk).order_by("effective_from", "id"))
        # The assessment it replaces: the one in force today, else the latest approved (not yet started).
        previous = (next((a for a in others if a.in_force_on(approved_on)), None)
                    or next((a for a in others if a.status == AssessmentStatus.APPROVED and a.replaced_from is None),
                            None))
        timing = backdating_for(
            new_charge=current.weekly_charge,
            previous_charge=previous.weekly_charge if previous else None,
            previous_effective_from=previous.effective_from if previous else None,
            care_started=current.care_package.start_date,
            assessment_date=current.assessment_date,
            approved_on=approved_on,
        )
        now = timezone.now()
        withdrawn = replace_from(others, new=current, start=timing.effective_from, today=approved_on, now=now,
                                 user=acting_user,
                                 what=f"the assessment of {long_date(current.assessment_date)}")
        current.status = AssessmentStatus.APPROVED
        current.approved_by = acting_user
        current.approved_at = now
        current.effective_from = timing.effective_from
        current.backdating_rule = timing.rule
        current.backdated_weeks = timing.weeks
        current.backdated_amount = timing.amount
        current.backdating_explanation = timing.explanation
        current.client = client
        current.letter = document_request(
            acting_user=acting_user, client=client, kind=DocumentKind.ASSESSMENT_LETTER,
            request_key=f"assessment-letter:{current.pk}", letter_args={"assessment": current},
        )
        try:
            with transaction.atomic():
                save_attributed(current, user=acting_user, reason=reason)
        except IntegrityError as exc:
            if "charging_assessment_approver_not_assessor" in str(exc):
                raise PermissionDeniedError(
                    "You worked this assessment out, so someone else must approve it.",
                    code="own_assessment") from None
            if ("charging_assessment_one_open_per_setting" in str(exc)
                    or "charging_assessment_one_in_force_per_day" in str(exc)):
                raise ConflictError("Another assessment for this client was approved at the same moment. "
                                    "Reload the page.") from None
            raise
        for replaced in withdrawn:
            if replaced.backdating_rule == BackdatingRule.UPLIFT:
                _uprating_withdrawn_task(replaced, by=acting_user, new=current, on=approved_on)
    return current


def replace_from(others, *, new: Assessment, start: dt.date, today: dt.date, now, user, what: str) -> list:
    """Record that ``new`` replaces, from ``start``, each of ``others`` (approved or superseded
    assessments of the same client and setting, locked) still in force on or after that day: each is
    in force up to the day before (never before it began). One whose day has come, or that never
    began, is superseded now; one whose day is still to come stays approved until the daily job
    (:func:`assessments_take_effect`). Returns those replaced before they took effect."""
    withdrawn = []
    for other in others:
        if other.replaced_from is not None and other.replaced_from <= start:
            continue
        was_coming = other.effective_from > today
        other.replaced_from = max(other.effective_from, start)
        other.superseded_by = new
        if other.status == AssessmentStatus.APPROVED and (other.replaced_from <= today or other.never_in_force):
            other.status = AssessmentStatus.SUPERSEDED
            other.superseded_at = now
        if other.never_in_force:
            reason = f"Replaced before it took effect by {what}"
            if was_coming:
                withdrawn.append(other)
        elif other.status == AssessmentStatus.SUPERSEDED and other.superseded_at == now:
            reason = f"Superseded by {what}"
        else:
            reason = f"In force until {long_date(other.replaced_from - dt.timedelta(days=1))}, then replaced by {what}"
        save_attributed(other, user=user, reason=reason)
    return withdrawn


def _uprating_withdrawn_task(replaced: Assessment, *, by, new: Assessment, on: dt.date) -> None:
    """An approved uprating that had not yet started has been replaced by an ordinary assessment:
    someone must work the uprating out again from the new circumstances."""
    from charging.casework.services.topups import charging_officer_for
    from people.choices import TaskStatus
    from people.models import Task

    officer = charging_officer_for(new.client, on=on) or by
    when = long_date(replaced.effective_from)
    task = Task(title=f"Work out the uprating from {when} again: {new.client.display_name}",
                details=(f"The uprated assessment from {when} was replaced before it took effect by the assessment "
                         f"of {long_date(new.assessment_date)}, approved on {long_date(on)}. Make an assessment "
                         f"with the new year's benefit rates and allowances from {when}."),
                client=new.client, assigned_to=officer, due_date=min(replaced.effective_from, on + dt.timedelta(days=14)),
                status=TaskStatus.OPEN, created_by=by)
    task.subject = new
    save_attributed(task, user=by, reason="Uprating replaced before it took effect")


def assessments_take_effect(*, on: dt.date) -> dict:
    """The daily job's work: every approved assessment whose replacement takes effect by ``on`` is
    marked superseded. Safe to run twice (only assessments still approved are changed); a day
    missed is caught up the next. The pages and the charging run go by the dates, so nothing waits
    for this: it keeps the status true for lists and the API."""
    from core.context import current_actor, system_user
    from core.history import update_with_history

    actor = current_actor()
    user = actor.user if actor is not None and actor.user is not None else system_user()
    with transaction.atomic():
        due = list(Assessment.objects.select_for_update().filter(status=AssessmentStatus.APPROVED,
                                                                 replaced_from__lte=on)
                   .order_by("pk").values_list("pk", flat=True))
        if not due:
            return {"superseded": 0}
        changed = update_with_history(
            Assessment,
            set_sql="status = 'superseded', superseded_at = %s, updated_at = %s",
            params=[timezone.now(), timezone.now()],
            from_sql="unnest(%s::bigint[]) AS v(id)", from_params=[due], user=user,
            reason=f"Superseded: the assessment replacing it took effect by {long_date(on)}")
    return {"superseded": changed}


# --- evidence -------------------------------------------------------------------------------------

def evidence_add(
    *,
    acting_user,
    assessment: Assessment,
    evidences: str,
    document_reference: str,
    description: str = "",
    file=None,
    reason: str = "Evidence added",
) -> AssessmentEvidence:
    """Record a piece of evidence behind an assessment: what it shows and the document seen, with a
    copy of that document if ``file`` (an uploaded PDF, JPEG or PNG) is given. The copy is checked
    and stored by ``documents.services.document_upload``; a refused file (wrong type by its content,
    too large, empty) is an :class:`ApplicationError` on ``file`` and nothing is stored. The evidence
    and its file are stored together or not at all."""
    _require_writer(acting_user)
    reason = _reason(reason)
    if not evidences or not evidences.strip():
        raise _invalid("evidences", "Say what the document is evidence of, such as \"State Pension\".")
    if not document_reference or not document_reference.strip():
        raise _invalid("document_reference", "Say which document was seen, such as \"DWP letter of 10 April 2026\".")
    stored = None
    try:
        with transaction.atomic():
            _require_client(acting_user, assessment.client)
            current = _locked_assessment(assessment)
            _require_status(current, AssessmentStatus.DRAFT, AssessmentStatus.SUBMITTED, AssessmentStatus.APPROVED,
                            doing="given more evidence")
            if file is not None:
                stored = document_upload(
                    acting_user=acting_user, client=current.client, kind=DocumentKind.EVIDENCE,
                    title=f"Evidence: {evidences.strip()}", upload=file,
                    reason=f"Uploaded as evidence for the assessment of {long_date(current.assessment_date)}")
            evidence = AssessmentEvidence(assessment=current, evidences=evidences.strip(),
                                          document_reference=document_reference.strip(),
                                          description=description.strip(), document=stored, added_by=acting_user)
            save_attributed(evidence, user=acting_user, reason=reason)
    except BaseException:
        document_upload_discard(stored)
        raise
    return evidence


def evidence_verify(*, acting_user, evidence: AssessmentEvidence, reason: str = "Evidence verified") -> AssessmentEvidence:
    """Record that someone has checked the evidence against the original document."""
    _require_writer(acting_user)
    reason = _reason(reason)
    with transaction.atomic():
        _require_client(acting_user, evidence.assessment.client)
        current = AssessmentEvidence.objects.select_for_update(of=("self",)).select_related("assessment").get(
            pk=evidence.pk)
        _require_status(current.assessment, AssessmentStatus.DRAFT, AssessmentStatus.SUBMITTED,
                        AssessmentStatus.APPROVED, doing="given more evidence")
        if current.verified_at is not None:
            raise ConflictError(
                f"This evidence was already verified by {current.verified_by.get_full_name() or current.verified_by}"
                f" on {long_date(timezone.localtime(current.verified_at).date())}.", code="already_verified")
        current.verified_by = acting_user
        current.verified_at = timezone.now()
        save_attributed(current, user=acting_user, reason=reason)
    return current
