"""Deferred payment statements: the six-monthly run, and statements on request.

Six-monthly: for each six-month period that has ended (1 January-30 June, 1 July-31 December), every agreement
that had started by its end and is active or ending gets one statement (unique on agreement and period end)
and its letter (request key ``dpa-statement:<agreement>:<period end>``); the letters are made into PDFs 100
to a WeasyPrint pass. The run is job ``dpa-statements`` for the period (``2025-H1``), run each morning after
the accrual run, so the period's interest is posted before it is stated.

On request: the request is recorded with a task for the case officer due 28 days later; issuing it states the
agreement from the day after its last statement (or its start) to the day it is issued, and completes the task.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction

from core.exceptions import ApplicationError
from core.history import save_attributed
from core.rules import require
from deferred_payments.agreements.choices import AgreementStatus
from deferred_payments.agreements.models import Agreement
from deferred_payments.rates.selectors import half_year_of
from deferred_payments.statements.choices import RequestStatus, StatementKind
from deferred_payments.statements.figures import statement_figures
from deferred_payments.statements.models import AgreementStatement, StatementRequest
from documents.choices import DocumentKind

log = logging.getLogger(__name__)

JOB = "dpa-statements"
CHUNK_SIZE = 200
RENDER_BATCH = 100
REQUEST_DAYS = 28  # a statement asked for is sent within 28 days (../shared/domain/deferred_payments.md)
STATED = (AgreementStatus.ACTIVE, AgreementStatus.ENDING)


class StatementError(ApplicationError):
    code = "dpa_statement_invalid"


def period_label(end: dt.date) -> str:
    return f"{end.year}-H{1 if end.month == 6 else 2}"


def period_from_label(label: str) -> tuple[dt.date, dt.date]:
    try:
        year, half = label.split("-H")
        start = dt.date(int(year), 1 if half == "1" else 7, 1)
    except ValueError:
        raise StatementError(f"{label!r} is not a six-month period such as 2025-H1.") from None
    return half_year_of(start)


def last_ended_period(*, on: dt.date) -> tuple[dt.date, dt.date]:
    start, _end = half_year_of(on)
    return half_year_of(start - dt.timedelta(days=1))


def statement_key(agreement_id: int, end: dt.date) -> str:
    return f"dpa-statement:{agreement_id}:{end.isoformat()}"


def _acting_user():
    from core.context import current_actor, system_user

    actor = current_actor()
    return actor.user if actor is not None and actor.user is not None else system_user()


def _make(*, agreement: Agreement, kind: str, start: dt.date, end: dt.date, request=None, by,
          render: bool, on: dt.date | None = None) -> AgreementStatement:
    from documents.services import document_request_for_job

    figures = statement_figures(agreement=agreement, start=start, end=end)
    statement = AgreementStatement(
        agreement=agreement, kind=kind, statement_request=request, period_start=start, period_end=end, opening=figures.opening,
        deferred=figures.deferred, fees=figures.fees, interest=figures.interest, payments=figures.payments,
        other=figures.other, closing=figures.closing, equity_limit=figures.equity_limit,
        equity_remaining=figures.equity_remaining, figures=figures.as_data())
    save_attributed(statement, user=by, reason=f"{statement.get_kind_display()} made")
    key = statement_key(agreement.pk, end) if request is None else f"dpa-statement-request:{request.pk}"
    try:
        with transaction.atomic():
            document = document_request_for_job(requested_by=by, client=agreement.client,
                                                kind=DocumentKind.DPA_STATEMENT, request_key=key,
                                                letter_args={"statement": statement}, on=on, render=render)
    except ApplicationError:
        # No postal address (or the like): the statement stands, stated on its page; its letter is made when asked
        # for again once the record is put right. The run goes on.
        log.warning("Statement %s made without a letter: %s", statement.pk, agreement.reference)
        return statement
    statement.document = document
    save_attributed(statement, user=by, reason="Letter made")
    return statement


def statements_make(*, agreement_ids: list[int], end: dt.date, on: dt.date | None = None) -> list[int]:
    """The six-monthly statements to ``end`` of these agreements, those not yet made, in one transaction;
    their letters are left for :func:`statements_render`. Returns the statements' ids."""
    by = _acting_user()
    start_of_half = half_year_of(end)[0]
    made = []
    with transaction.atomic():
        done = set(AgreementStatement.objects.filter(agreement_id__in=agreement_ids, kind=StatementKind.SIX_MONTHLY,
                                                     period_end=end).values_list("agreement_id", flat=True))
        for agreement in (Agreement.objects.filter(pk__in=agreement_ids).exclude(pk__in=done)
                          .select_related("client").order_by("pk")):
            statement = _make(agreement=agreement, kind=StatementKind.SIX_MONTHLY,
                              start=max(start_of_half, agreement.starts_on), end=end, by=by, render=False, on=on)
            made.append(statement.pk)
    return made


def statements_render(*, statement_ids: list[int]) -> int:
    """Make the PDFs of these statements' letters, RENDER_BATCH to a WeasyPrint pass; ready ones are skipped."""
    from documents.services import documents_render_together

    document_ids = list(AgreementStatement.objects.filter(pk__in=statement_ids).order_by("pk")
                        .values_list("document_id", flat=True))
    rendered = 0
    for i in range(0, len(document_ids), RENDER_BATCH):
        rendered += len(documents_render_together(document_ids=document_ids[i:i + RENDER_BATCH]))
    return rendered


def stated_agreement_ids(*, end: dt.date) -> list[int]:
    return list(Agreement.objects.filter(status__in=STATED, starts_on__isnull=False, starts_on__lte=end)
                .order_by("pk").values_list("pk", flat=True))


def statements_run(*, end: dt.date, run=None, on: dt.date | None = None) -> dict:
    """Every six-monthly statement for the period ending ``end``, and their PDFs. Safe to run again: statements
    are unique per agreement and period end, letters per request key, and ready PDFs are not made again."""
    if (end.month, end.day) not in ((6, 30), (12, 31)):
        raise StatementError("A six-monthly statement ends on 30 June or 31 December.")
    ids = stated_agreement_ids(end=end)
    if run is not None:
        run.total, run.done = len(ids), 0
        run.save(update_fields=["total", "done"])
    made = rendered = 0
    for i in range(0, len(ids), CHUNK_SIZE):
        chunk = ids[i:i + CHUNK_SIZE]
        made += len(statements_make(agreement_ids=chunk, end=end, on=on))
        statement_ids = list(AgreementStatement.objects.filter(agreement_id__in=chunk, period_end=end,
                                                               kind=StatementKind.SIX_MONTHLY)
                             .values_list("pk", flat=True))
        rendered += statements_render(statement_ids=statement_ids)
        if run is not None:
            run.done = min(len(ids), i + CHUNK_SIZE)
            run.save(update_fields=["done"])
    return {"period": period_label(end), "agreements": len(ids), "statements": made, "rendered": rendered}


# --- on request ------------------------------------------------------------------------------------------------


def statement_request(*, acting_user, agreement: Agreement, requested_on: dt.date, requested_by_name: str,
                      assigned_to=None) -> StatementRequest:
    """Record a request for a statement; a task to issue it within 28 days goes to ``assigned_to`` (the person
    recording it, unless someone else is named)."""
    from people.selectors import today
    from people.services import task_create

    require(acting_user, "deferred_payments.work_client", agreement.client)
    name = (requested_by_name or "").strip()
    if not name:
        raise StatementError("Say who asked for the statement.", extra={"requested_by_name": ["Say who asked."]})
    if requested_on > today():
        raise StatementError("The request date cannot be in the future.",
                             extra={"requested_on": ["The request date cannot be in the future."]})
    if agreement.starts_on is None or requested_on < agreement.starts_on:
        raise StatementError("The agreement had not started on that date.",
                             extra={"requested_on": ["The agreement had not started on that date."]})
    due = requested_on + dt.timedelta(days=REQUEST_DAYS)
    with transaction.atomic():
        task = task_create(acting_user=acting_user, title=f"{agreement.reference}: send the statement {name} asked for",
                           assigned_to=assigned_to or acting_user, due_date=max(due, today()), client=agreement.client,
                           details=f"Asked for on {requested_on:%-d %B %Y}; it must be sent by {due:%-d %B %Y}.",
                           subject=agreement)
        request = StatementRequest(agreement=agreement, requested_on=requested_on, requested_by_name=name,
                                   due_by=due, task=task, recorded_by=acting_user)
        save_attributed(request, user=acting_user, reason=f"Statement asked for by {name}")
    return request


def statement_issue(*, acting_user, request: StatementRequest, on: dt.date | None = None) -> AgreementStatement:
    """Issue the statement asked for: from the day after the agreement's last statement (or its start) to ``on``
    (today). Once per request; completes its task."""
    from people.models import Task
    from people.selectors import today
    from people.services import task_complete

    on = on or today()
    with transaction.atomic():
        request = StatementRequest.objects.select_for_update().select_related("agreement__client").get(pk=request.pk)
        agreement = request.agreement
        require(acting_user, "deferred_payments.work_client", agreement.client)
        if request.status == RequestStatus.ISSUED:
            return request.statement
        last = (AgreementStatement.objects.filter(agreement=agreement, period_end__lt=on)
                .order_by("-period_end").values_list("period_end", flat=True).first())
        start = last + dt.timedelta(days=1) if last else agreement.starts_on
        statement = _make(agreement=agreement, kind=StatementKind.ON_REQUEST, start=start, end=on, request=request,
                          by=acting_user, render=True, on=on)
        request.status = RequestStatus.ISSUED
        save_attributed(request, user=acting_user, reason="Statement issued")
        task = Task.objects.get(pk=request.task_id)
        if task.status != "done":
            task_complete(acting_user=acting_user, task=task, outcome="Statement issued")
    return statement
