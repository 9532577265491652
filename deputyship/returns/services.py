"""Court returns: the reporting periods of each deputyship, reminders and escalation as the due date
nears and passes, the report's draft (what the officer adds), marking it ready, rendering it and
recording its submission.

Reporting period and due date: the period runs 12 months from the date of the order, then each 12 months
(the OPG's guidance to professional and public authority deputies: "the reporting period typically covers
12 months from the date the court order was issued"); a public authority deputy's report is due 56 days
after the period ends (../shared/domain/deputyship.md). When the deputyship ends, the last period ends
with it and its report is the final report.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from core.exceptions import ApplicationError, ConflictError
from core.history import save_attributed
from core.rules import require
from deputyship.authority.choices import AuthorityKind
from deputyship.authority.models import LegalAuthority
from deputyship.fees.calculator import anniversary
from deputyship.returns.choices import EntryKind, ReminderStage, ReturnStatus
from deputyship.returns.models import CourtReturn, ReportEntry, ReturnReminder
from deputyship.returns.selectors import return_figures
from people.choices import Service, TaskStatus
from people.models import Task, TeamMembership
from people.selectors import current_allocations

#: Public authority deputies' reports are due 56 days after the end of the reporting period.
DUE_AFTER = dt.timedelta(days=56)
#: Reminders to the case's officer this many days before the due date; escalation once it has passed.
REMINDER_DAYS = {ReminderStage.DAYS_28: 28, ReminderStage.DAYS_14: 14}


class ReturnError(ApplicationError):
    code = "court_return"


# --- the periods ----------------------------------------------------------------------------------------

def periods_of(authority: LegalAuthority, *, on: dt.date) -> list[tuple[int, dt.date, dt.date, bool]]:
    """``(number, start, end, final)`` of each reporting period of a deputyship that has ended by ``on``."""
    found = []
    number, start = 1, authority.made_on
    while True:
        end = anniversary(authority.made_on, number) - dt.timedelta(days=1)
        final = authority.ends_on is not None and authority.ends_on <= end
        if final:
            end = authority.ends_on
        if end >= on:
            return found
        found.append((number, start, end, final))
        if final:
            return found
        number, start = number + 1, end + dt.timedelta(days=1)


def _ensure_returns(authority: LegalAuthority, *, on: dt.date, acting_user) -> int:
    made = 0
    existing = set(authority.returns.values_list("number", flat=True))
    for number, start, end, final in periods_of(authority, on=on):
        if number in existing:
            continue
        court_return = CourtReturn(client=authority.client, authority=authority, number=number, period_start=start,
                                   period_end=end, due_on=end + DUE_AFTER, final=final)
        save_attributed(court_return, user=acting_user,
                        reason=("Final report" if final else "Annual report") + f" due {end + DUE_AFTER:%d %B %Y}")
        made += 1
    return made


def _officer_and_leader(client):
    allocation = (current_allocations().filter(client=client, service=Service.CLIENT_AFFAIRS)
                  .select_related("officer", "team").first())
    if allocation is None:
        return None, None
    leader = (TeamMembership.objects.filter(team=allocation.team, is_leader=True, user__is_active=True)
              .select_related("user").order_by("user_id").first())
    return allocation.officer, leader.user if leader else None


def _stage_due(court_return: CourtReturn, on: dt.date) -> str | None:
    if on > court_return.due_on:
        return ReminderStage.OVERDUE
    days_left = (court_return.due_on - on).days
    if days_left <= REMINDER_DAYS[ReminderStage.DAYS_14]:
        return ReminderStage.DAYS_14
    if days_left <= REMINDER_DAYS[ReminderStage.DAYS_28]:
        return ReminderStage.DAYS_28
    return None


def _remind(court_return: CourtReturn, *, on: dt.date, acting_user) -> str | None:
    stage = _stage_due(court_return, on)
    if stage is None or court_return.reminders.filter(stage=stage).exists():
        return None
    officer, leader = _officer_and_leader(court_return.client)
    client = court_return.client
    what = "Final report" if court_return.final else "Annual deputy report"
    if stage == ReminderStage.OVERDUE:
        assignee = leader or officer
        title = (f"Overdue: {what} for {client.full_name} ({client.council_reference}) was due "
                 f"{court_return.due_on:%d %B %Y}")
        details = ("The report to the Office of the Public Guardian for "
                   f"{court_return.period_start:%d %B %Y} to {court_return.period_end:%d %B %Y} has not been recorded "
                   "as submitted. Find out why and see that it is sent.")
    else:
        assignee = officer or leader
        title = f"{what} for {client.full_name} ({client.council_reference}) due {court_return.due_on:%d %B %Y}"
        details = (f"Prepare the report for {court_return.period_start:%d %B %Y} to "
                   f"{court_return.period_end:%d %B %Y}: "
                   "check its figures against the ledger, add the decisions, contacts, visits and actions planned, "
                   "then mark it ready and send it to the OPG.")
    task = None
    if assignee is not None:
        task = Task(title=title[:200], details=details, client=client, assigned_to=assignee,
                    due_date=max(court_return.due_on, on), status=TaskStatus.OPEN, created_by=acting_user)
        task.subject = court_return
        save_attributed(task, user=acting_user, reason=ReminderStage(stage).label)
    save_attributed(ReturnReminder(court_return=court_return, client=client, stage=stage, task=task, sent_on=on),
                    user=acting_user, reason=ReminderStage(stage).label)
    return stage


def returns_run(*, on: dt.date, acting_user) -> dict:
    """The daily job's work: make each deputyship's ended reporting periods' returns (unique per order and
    period number), and send each return at most one reminder per stage (unique per return and stage): 28
    and 14 days before it is due to the case's officer, and once overdue, an escalation to the team leader.
    A return first seen late gets only the stage it has reached. Submitted returns get nothing."""
    summary = {"returns": 0, ReminderStage.DAYS_28: 0, ReminderStage.DAYS_14: 0, ReminderStage.OVERDUE: 0}
    authorities = LegalAuthority.objects.filter(kind=AuthorityKind.DEPUTY, made_on__lt=on).select_related("client")
    for authority in authorities:
        with transaction.atomic():
            LegalAuthority.objects.select_for_update().get(pk=authority.pk)
            summary["returns"] += _ensure_returns(authority, on=on, acting_user=acting_user)
    waiting = (CourtReturn.objects.exclude(status=ReturnStatus.SUBMITTED)
               .filter(due_on__lte=on + dt.timedelta(days=REMINDER_DAYS[ReminderStage.DAYS_28]))
               .select_related("client"))
    for court_return in waiting:
        with transaction.atomic():
            locked = (CourtReturn.objects.select_for_update(of=("self",)).select_related("client")
                      .get(pk=court_return.pk))
            if locked.status == ReturnStatus.SUBMITTED:
                continue
            stage = _remind(locked, on=on, acting_user=acting_user)
            if stage:
                summary[stage] += 1
    return {str(key): value for key, value in summary.items()}


def returns_make(*, acting_user, authority: LegalAuthority, on: dt.date | None = None) -> int:
    """Make the returns of a deputyship's ended periods now (an officer need not wait for the morning job)."""
    require(acting_user, "deputyship.work_client", authority.client)
    with transaction.atomic():
        authority = LegalAuthority.objects.select_for_update(of=("self",)).select_related("client").get(pk=authority.pk)
        return _ensure_returns(authority, on=on or timezone.localdate(), acting_user=acting_user)


# --- the draft ------------------------------------------------------------------------------------------

def _locked_draft(court_return: CourtReturn, acting_user) -> CourtReturn:
    require(acting_user, "deputyship.work_client", court_return.client)
    locked = (CourtReturn.objects.select_for_update(of=("self",)).select_related("client", "authority")
              .get(pk=court_return.pk))
    if locked.status == ReturnStatus.SUBMITTED:
        raise ConflictError("This report has been submitted to the OPG and can no longer change.", code="submitted")
    return locked


def _back_to_draft(court_return: CourtReturn) -> None:
    if court_return.status == ReturnStatus.READY:
        court_return.status, court_return.form, court_return.ready_at, court_return.ready_by = (
            ReturnStatus.DRAFT, "", None, None)


def report_entry_add(*, acting_user, court_return: CourtReturn, kind: str, summary: str, reason: str = "",
                     client_involved: bool | None = None, value: Decimal | None = None,
                     on: dt.date | None = None) -> ReportEntry:
    """Add a decision, contact, visit, action planned, asset or debt to the report's draft. A report already
    marked ready goes back to draft (its figures may change)."""
    summary = (summary or "").strip()
    errors = {}
    if kind not in EntryKind.values:
        errors["kind"] = ["Choose what you are adding."]
    if not summary:
        errors["summary"] = ["Say what it is."]
    if kind == EntryKind.DECISION and client_involved is None:
        errors["client_involved"] = ["Say whether the client was involved in the decision."]
    if kind == EntryKind.DECISION and not (reason or "").strip():
        errors["reason"] = ["Say why the decision was made."]
    if kind in (EntryKind.ASSET, EntryKind.DEBT) and (value is None or value < 0):
        errors["value"] = ["Enter its value at the end of the period, £0.00 or more."]
    if errors:
        raise ReturnError("Check what you entered.", extra=errors)
    with transaction.atomic():
        locked = _locked_draft(court_return, acting_user)
        if on is not None and not (locked.period_start <= on <= locked.period_end + DUE_AFTER):
            raise ReturnError("The date must be in the reporting period.", extra={"on": ["Give a date in the period."]})
        entry = ReportEntry(court_return=locked, client=locked.client, kind=kind, on=on, summary=summary,
                            reason=(reason or "").strip(),
                            client_involved=client_involved if kind == EntryKind.DECISION else None,
                            value=value if kind in (EntryKind.ASSET, EntryKind.DEBT) else None,
                            recorded_by=acting_user)
        save_attributed(entry, user=acting_user, reason=f"{EntryKind(kind).label} added to the report")
        if locked.status == ReturnStatus.READY:
            _back_to_draft(locked)
            save_attributed(locked, user=acting_user, reason="Back to draft: an entry was added")
    return entry


def return_difference_explain(*, acting_user, court_return: CourtReturn, note: str) -> CourtReturn:
    """Record the officer's explanation of a difference in the balance check."""
    note = (note or "").strip()
    if not note:
        raise ReturnError("Explain the difference.", extra={"note": ["Explain the difference."]})
    with transaction.atomic():
        locked = _locked_draft(court_return, acting_user)
        locked.difference_note = note[:4000]
        save_attributed(locked, user=acting_user, reason="Balance check difference explained")
    return locked


def return_mark_ready(*, acting_user, court_return: CourtReturn) -> CourtReturn:
    """Mark the report ready to send. Refused while the balance check shows a difference nobody has explained;
    the form (short 103 or full 102) is fixed from the figures now."""
    with transaction.atomic():
        locked = _locked_draft(court_return, acting_user)
        figures = return_figures(locked)
        if not figures.may_be_ready:
            raise ReturnError(f"The balance check shows a difference of £{figures.difference:,.2f} that nobody has "
                              "explained: explain it before marking the report ready.", code="unexplained_difference")
        locked.status, locked.form = ReturnStatus.READY, figures.form
        locked.ready_at, locked.ready_by = timezone.now(), acting_user
        save_attributed(locked, user=acting_user, reason="Report marked ready")
    return locked


def return_render(*, acting_user, court_return: CourtReturn, request_key: str | None = None):
    """Make the report's PDF (documents: stored with the data it was made from), from the same figures."""
    from documents.services import document_request

    from deputyship.returns.letters import KIND

    require(acting_user, "deputyship.work_client", court_return.client)
    with transaction.atomic():
        locked = CourtReturn.objects.select_for_update().get(pk=court_return.pk)
        document = document_request(acting_user=acting_user, client=locked.client, kind=KIND,
                                    request_key=request_key, letter_args={"court_return_id": locked.pk})
        locked.document = document
        save_attributed(locked, user=acting_user, reason="Report rendered")
    return document


def return_mark_submitted(*, acting_user, court_return: CourtReturn, submitted_on: dt.date,
                          reference: str = "") -> CourtReturn:
    """Record that the report was sent to the OPG, and when. Only a report marked ready can be."""
    require(acting_user, "deputyship.work_client", court_return.client)
    with transaction.atomic():
        locked = CourtReturn.objects.select_for_update().get(pk=court_return.pk)
        if locked.status == ReturnStatus.SUBMITTED:
            raise ConflictError("This report is already recorded as submitted.", code="already_submitted")
        if locked.status != ReturnStatus.READY:
            raise ReturnError("Mark the report ready before recording that it was submitted.", code="not_ready")
        if submitted_on > timezone.localdate():
            raise ReturnError("The date it was submitted cannot be in the future.",
                              extra={"submitted_on": ["Give today or an earlier date."]})
        if submitted_on <= locked.period_end:
            raise ReturnError("A report is submitted after its period ends.",
                              extra={"submitted_on": ["Give a date after the period ended."]})
        locked.status, locked.submitted_on, locked.submitted_by = ReturnStatus.SUBMITTED, submitted_on, acting_user
        locked.submitted_reference = (reference or "").strip()[:100]
        save_attributed(locked, user=acting_user, reason=f"Submitted to the OPG on {submitted_on:%d %B %Y}")
    return locked
