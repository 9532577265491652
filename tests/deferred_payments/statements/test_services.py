"""Statements: the six-monthly run once per period with real PDFs whose figures agree with the ledger and the
calculator; statements on request within 28 days."""

from __future__ import annotations

import datetime as dt
import subprocess
from decimal import Decimal

import pytest

from core.exceptions import ApplicationError
from deferred_payments.accrual.models import AccrualPosting
from deferred_payments.accrual.services import accrual_run
from deferred_payments.statements.models import AgreementStatement, StatementRequest
from deferred_payments.statements.services import statement_issue, statement_request, statements_run
from documents.models import Document
from ledger.models import Posting
from people.models import Task
from people.selectors import today

D = Decimal
pytestmark = pytest.mark.django_db


def _text(document) -> str:
    document.file.open("rb")
    data = document.file.read()
    document.file.close()
    return subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()


def test_the_six_monthly_run_states_each_agreement_once_with_a_pdf(make_agreement):
    agreement = make_agreement(starts_on=dt.date(2024, 1, 1), weekly=D("612.45"))
    accrual_run(on=dt.date(2024, 7, 2))
    summary = statements_run(end=dt.date(2024, 6, 30))
    assert summary["statements"] == 1 and summary["rendered"] == 1
    again = statements_run(end=dt.date(2024, 6, 30))
    assert again["statements"] == 0 and AgreementStatement.objects.count() == 1
    statement = AgreementStatement.objects.get()
    interest = AccrualPosting.objects.get(agreement=agreement, kind="interest")
    deferred = sum(AccrualPosting.objects.filter(agreement=agreement, kind="deferral", posted_on__lte=dt.date(2024, 6, 30))
                   .values_list("amount", flat=True))
    ledger_closing = sum(Posting.objects.filter(account=agreement.debt_account, effective_date__lte=dt.date(2024, 6, 30))
                         .values_list("amount", flat=True))
    assert (statement.opening, statement.deferred, statement.interest, statement.closing) == (
        D("0.00"), deferred, interest.amount, ledger_closing)
    assert statement.figures["interest_lines"][0]["annual_rate"] == "4.65"
    assert statement.equity_remaining == D("165750.00") - ledger_closing
    document = Document.objects.get(pk=statement.document_id)
    assert document.status == "ready"
    text = _text(document)
    assert f"£{interest.amount:,.2f}" in text and f"£{ledger_closing:,.2f}" in text and "4.65%" in text


def test_a_statement_must_end_at_a_half_year():
    with pytest.raises(ApplicationError):
        statements_run(end=dt.date(2024, 5, 31))


def test_a_request_gives_a_task_due_in_28_days_and_issuing_it_states_to_today(make_agreement, dp_officer):
    agreement = make_agreement(starts_on=today() - dt.timedelta(days=60))
    accrual_run(on=today())
    request = statement_request(acting_user=dp_officer, agreement=agreement, requested_on=today(),
                                requested_by_name="Philip Marsh (son)")
    assert request.due_by == today() + dt.timedelta(days=28)
    task = Task.objects.get(pk=request.task_id)
    assert task.due_date == request.due_by and task.client_id == agreement.client_id
    statement = statement_issue(acting_user=dp_officer, request=request)
    assert (statement.period_start, statement.period_end) == (agreement.starts_on, today())
    assert statement.closing == sum(Posting.objects.filter(account=agreement.debt_account).values_list("amount", flat=True))
    assert Task.objects.get(pk=task.pk).status == "done"
    assert statement_issue(acting_user=dp_officer, request=request).pk == statement.pk  # once per request
    assert StatementRequest.objects.get().status == "issued"


def test_a_request_in_the_future_or_without_who_asked_is_refused(make_agreement, dp_officer):
    agreement = make_agreement(starts_on=dt.date(2024, 1, 1))
    with pytest.raises(ApplicationError, match="future"):
        statement_request(acting_user=dp_officer, agreement=agreement, requested_on=today() + dt.timedelta(days=1),
                          requested_by_name="X")
    with pytest.raises(ApplicationError, match="who asked"):
        statement_request(acting_user=dp_officer, agreement=agreement, requested_on=today(), requested_by_name=" ")
    assert not StatementRequest.objects.exists()
